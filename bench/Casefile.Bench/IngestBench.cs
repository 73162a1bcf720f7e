using System.Diagnostics;
using System.Globalization;
using Casefile;
using Casefile.Ingest;
using Casefile.Store;
using Dapper;
using Npgsql;

/// <summary>
/// <c>--ingest [--docs N] [--pg postgres://…] [--pg-only] [--write-corpus DIR]</c>: documents per second for a SQLite ingest of N generated articles of
/// ~5 KB (default 10,000), with the process's working set at each quarter; then, given a PostgreSQL server, the same
/// documents through the Hangfire queue: one worker, two workers in one process (<c>--workers 2</c>), two worker processes.
/// </summary>
internal static class IngestBench
{
    public static void Run(string[] args)
    {
        var n = Arg(args, "--docs") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : 10_000;
        var pg = Arg(args, "--pg") ?? Environment.GetEnvironmentVariable("CASEFILE_BENCH_PG");
        if (Arg(args, "--write-corpus") is { } target)
        {
            SyntheticCorpus.WriteTo(target, n, seed: 1, targetChars: 5000);

            Console.WriteLine($"wrote {n:N0} generated documents to {target}");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("casefile-ingest-bench-").FullName;
        try
        {
            var input = Path.Combine(dir, "corpus");
            var chars = SyntheticCorpus.WriteTo(input, n, seed: 1, targetChars: 5000);

            Console.WriteLine($"corpus: {n:N0} generated documents, {chars / (double)n:N0} chars each on average; {Environment.ProcessorCount} cores");
            using (var build = StartCli("--help"))
            {
                build.WaitForExit(); // ./casefile publishes its ReadyToRun build now, not while being timed
                Console.WriteLine($"casefile: {Script() ?? "the Release build beside the benchmark"}");
            }
            CasefileAnalyzer.Analyze("Warm-up: the court in Velsk fined Orbis 3 million tenge on 2 May 2023.");

            // Baseline in the same process: analysis alone (no store) of the first 2,000 documents, after a warm-up,
            // on one core and on all cores.
            var sample = Directory.GetFiles(input).Order(StringComparer.Ordinal).Take(2000).Select(File.ReadAllText).ToList();
            foreach (var t in sample.Take(300))
            {
                CasefileAnalyzer.ToJson(CasefileAnalyzer.Analyze(t), indented: false);
            }

            var single = Stopwatch.StartNew();
            foreach (var t in sample.Take(600))
            {
                CasefileAnalyzer.ToJson(CasefileAnalyzer.Analyze(t), indented: false);
            }

            var singleRate = 600 / single.Elapsed.TotalSeconds;
            var analysis = Stopwatch.StartNew();
            var json = sample.AsParallel().Select(t => CasefileAnalyzer.ToJson(CasefileAnalyzer.Analyze(t), indented: false).Length).Sum();
            var analysisRate = sample.Count / analysis.Elapsed.TotalSeconds;
            Console.WriteLine($"baseline: analysis alone, one core {singleRate:N0} docs/s, all cores {analysisRate:N0} docs/s ({analysisRate / singleRate:0.00}x); case-file JSON {json / (double)sample.Count:N0} chars per document");

            if (args.Contains("--pg-only"))
            {
                goto Postgres;
            }

            // The ingest itself runs as `casefile ingest` in a child process, so its memory is its own: the peak
            // resident set (VmHWM) is sampled while the store fills.
            sample.Clear();
            var db = Path.Combine(dir, "bench.db");
            var ingest = StartCli("ingest", input, "--db", db);
            var watch = Stopwatch.StartNew();
            var quarter = Math.Max(1, n / 4);
            var next = quarter;
            var stored = 0;
            while (!ingest.HasExited)
            {
                Thread.Sleep(200);
                stored = Stored(db);
                if (stored >= next)
                {
                    next += quarter;
                    Console.WriteLine($"  {stored,6:N0} docs  {stored / watch.Elapsed.TotalSeconds,6:N0} docs/s  resident {Status(ingest, "VmRSS") / 1e3:N0} MB, peak {Status(ingest, "VmHWM") / 1e3:N0} MB");
                }
            }

            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine("  " + ingest.StandardOutput.ReadToEnd().Trim());
            stored = Stored(db);
            var rate = stored / seconds;
            Console.WriteLine($"SQLite ingest: {stored:N0} documents in {seconds:N1} s = {rate:N0} docs/s (target ≥ 200), {rate / analysisRate:0.00}x analysis alone; store {new FileInfo(db).Length / 1e6:N0} MB");
            ingest.Dispose();

            Postgres:
            if (pg is null)
            {
                Console.WriteLine("PostgreSQL: skipped (give --pg postgres://user@127.0.0.1:port/db or CASEFILE_BENCH_PG).");
                return;
            }

            // Workers as threads of one process (casefile worker --workers N) and as processes (one per machine).
            var one = Workers(pg, input, n, processes: 1, threads: 1);
            var twoThreads = Workers(pg, input, n, processes: 1, threads: 2);
            var twoProcesses = Workers(pg, input, n, processes: 2, threads: 1);
            Console.WriteLine($"PostgreSQL: 2 workers run at {twoThreads / one:0.00}x the speed of 1 worker as threads of one process (--workers 2), " +
                $"{twoProcesses / one:0.00}x as two processes (target ≥ 1.7)");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Enqueues every document into a fresh database, then times worker processes (each with <paramref name="threads"/> Hangfire workers) until all are stored.</summary>
    private static double Workers(string pg, string input, int n, int processes, int threads)
    {
        var name = "bench_" + Guid.NewGuid().ToString("N")[..10];
        var server = StoreLocation.Parse(pg);
        using (var c = new NpgsqlConnection(server.ConnectionString))
        {
            c.Open();
            c.Execute($"CREATE DATABASE {name}");
        }

        var url = new UriBuilder(new Uri(pg)) { Path = "/" + name }.Uri.ToString();
        using (var store = CaseStore.Open(url))
        {
            JobQueue.Enqueue(store, [input], new IngestOptions());
        }

        var watch = Stopwatch.StartNew();
        var started = Enumerable.Range(0, processes).Select(_ => StartCli("worker", "--db", url, "--workers", threads.ToString(CultureInfo.InvariantCulture))).ToList();
        using var store2 = CaseStore.Open(url);
        while (store2.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM documents") < n)
        {
            Thread.Sleep(100);
        }

        var seconds = watch.Elapsed.TotalSeconds;
        foreach (var p in started)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            p.Dispose();
        }

        var rate = n / seconds;
        Console.WriteLine($"PostgreSQL, {processes} process(es) × {threads} worker(s): {n:N0} documents in {seconds:N1} s = {rate:N0} docs/s");
        return rate;
    }

    /// <summary>
    /// The casefile command as users run it: the repository's <c>./casefile</c> (a ReadyToRun build, published
    /// before the clock starts), else the Release build next to the benchmark.
    /// </summary>
    private static Process StartCli(params string[] args)
    {
        var script = Script();
        var start = new ProcessStartInfo(script ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (script is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Casefile.Cli.dll"));
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var p = Process.Start(start)!;
        p.StandardError.ReadToEndAsync();
        return p;
    }

    private static string? Script()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Casefile.slnx")))
        {
            dir = dir.Parent;
        }

        return dir is null || !File.Exists(Path.Combine(dir.FullName, "casefile")) ? null : Path.Combine(dir.FullName, "casefile");
    }

    /// <summary>Documents in a SQLite store, read while another process writes it (0 before it exists).</summary>
    private static int Stored(string db)
    {
        try
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            return c.ExecuteScalar<int>("SELECT COUNT(*) FROM documents");
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }

    /// <summary>A kB field of /proc/PID/status (VmRSS, VmHWM); 0 when the process is gone.</summary>
    private static long Status(Process p, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{p.Id}/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
