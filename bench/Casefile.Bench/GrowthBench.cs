using System.Diagnostics;
using System.Globalization;
using System.Text;
using Casefile;
using Casefile.Ingest;
using Casefile.Model;

/// <summary>
/// `--growth`: time per character of the whole pipeline on one document of growing size, for natural text and
/// for each pathological shape of issue 24, as a ratio to the same kind's 100 KB figure (the bar: within 2x at
/// every size), and the process's peak working set after the largest. Natural text is the samples and, when
/// ../shared is beside the repository, the Wikinews articles, read at run time and repeated to size.
/// </summary>
internal static class GrowthBench
{
    private static string Root = "";

    public static void Run(string root, string[] args)
    {
        Root = root;
        var quick = args.Contains("--quick");
        var kinds = Kinds(root);
        var one = Array.IndexOf(args, "--growth-one");
        if (one >= 0)
        {
            // A child process for one kind at one size: its own peak working set is that document's peak memory.
            var (_, make, html) = kinds[int.Parse(args[one + 1], CultureInfo.InvariantCulture)];
            var seconds = Time(make(int.Parse(args[one + 2], CultureInfo.InvariantCulture)), html);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} {Process.GetCurrentProcess().PeakWorkingSet64}"));
            return;
        }

        var only = Array.IndexOf(args, "--only");
        RunAll(only >= 0 ? [.. kinds.Where(k => k.Name.Contains(args[only + 1], StringComparison.OrdinalIgnoreCase))] : kinds, quick, args.Contains("--no-peaks"));
    }

    private static (string Name, Func<int, string> Make, bool Html)[] Kinds(string root)
    {
        var natural = NaturalText(root);
        return new (string Name, Func<int, string> Make, bool Html)[]
        {
            ("natural text", n => Repeat(natural, n), false),
            ("pronouns in one sentence", n => Repeat("Anna Petrova said that she told them and she ", n), false),
            ("he with a male name", n => Repeat("Sergei Volkov said he thought he ", n), false),
            ("one sentence repeated", n => Repeat("Prosecutor Anna Petrova said on Monday that Sergei Volkov, 45, was sentenced to 16 years and fined $3.5m by the Almaty court. ", n), false),
            ("no full stop", n => Repeat("the court said that he paid money to the firm and she was detained in the city while officials denied it ", n), false),
            ("unclosed bracket", n => "(" + Repeat("Volkov paid $3m to Orbis. He was detained. ", n - 1), false),
            ("names and pronouns", n => Repeat("Li her ", n), false),
            ("nested divs", n => NestedDivs(n), true),
        };
    }

    private static void RunAll((string Name, Func<int, string> Make, bool Html)[] kinds, bool quick, bool noPeaks)
    {
        int[] sizes = quick ? [1_000, 100_000, 1_000_000] : [1_000, 100_000, 1_000_000, 10_000_000];
        Console.WriteLine($"growth: whole pipeline, one document per size; ratio = (time per char) / (time per char at 100 KB); {Environment.ProcessorCount} cores, one used");
        Console.WriteLine($"{"kind",-26} {"size",12} {"seconds",9} {"µs/char",9} {"ratio",6}");
        CasefileAnalyzer.Analyze("Warm-up text. He paid $3m on Monday.");
        var worst = 0.0;
        var peaks = new List<(string Kind, long Bytes)>();
        for (var k = 0; k < kinds.Length; k++)
        {
            var (name, make, html) = kinds[k];
            double? reference = null;
            var rows = new List<(int Size, double Seconds)>();
            // Warm this kind's code paths first, and time small documents over repeats, so the figures are the
            // steady cost per character rather than the first call's compilation.
            Time(make(10_000), html);
            foreach (var size in sizes.Where(s => !html || s <= 10_000_000))
            {
                var text = make(size);
                var repeats = Math.Max(1, 200_000 / size);
                var seconds = Enumerable.Range(0, repeats).Sum(_ => Time(text, html)) / repeats;
                rows.Add((size, seconds));
                if (size == 100_000)
                {
                    reference = seconds / text.Length;
                }
            }

            foreach (var (size, seconds) in rows)
            {
                var perChar = seconds / size;
                var ratio = reference is { } r ? perChar / r : double.NaN;
                if (size > 100_000)
                {
                    worst = Math.Max(worst, ratio);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {size,12:N0} {seconds,9:0.000} {perChar * 1e6,9:0.00} {ratio,6:0.00}"));
            }

            if (!quick && !noPeaks)
            {
                peaks.Add((name, PeakOfChild(Array.FindIndex(Kinds(Root), x => x.Name == name), 10_000_000)));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result: worst ratio above 100 KB {worst:0.00} (bar 2.00)"));
        foreach (var (kind, bytes) in peaks)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set, 10 MB of {kind}, own process: {bytes / 1e6:0} MB (bar 1,000 MB)"));
        }
    }

    /// <summary>Runs one kind at one size in a fresh process of this benchmark and returns that process's peak working set.</summary>
    private static long PeakOfChild(int kind, int size)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("Casefile.Bench", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(GrowthBench).Assembly.Location);
        }

        foreach (var a in new[] { "--growth", "--growth-one", kind.ToString(CultureInfo.InvariantCulture), size.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var line = p.StandardOutput.ReadToEnd().Trim().Split(' ');
        p.WaitForExit();
        return long.Parse(line[^1], CultureInfo.InvariantCulture);
    }

    private static double Time(string text, bool html)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        if (html)
        {
            var item = Ingestor.FromBytes(Encoding.UTF8.GetBytes(text), "growth.html", "html", new IngestOptions());
            CasefileAnalyzer.ToCaseFile(CasefileAnalyzer.Run(item.Document!, item.Warnings));
        }
        else
        {
            var caseFile = CasefileAnalyzer.Analyze(text, new AnalyzeOptions { Published = new DateOnly(2024, 3, 20) });
            Casefile.Output.CaseFileJson.WriteTo(TextWriter.Null, caseFile, indented: false);
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static string NaturalText(string root)
    {
        var files = Directory.GetFiles(Path.Combine(root, "samples"), "*.txt").ToList();
        var wikinews = Path.Combine(root, "..", "shared", "corpus", "wikinews");
        if (Directory.Exists(wikinews))
        {
            files.AddRange(Directory.GetFiles(wikinews, "*.txt"));
        }

        return string.Join("\n\n", files.Order(StringComparer.Ordinal).Select(File.ReadAllText)) + "\n\n";
    }

    private static string Repeat(string unit, int size)
    {
        var sb = new StringBuilder(size + unit.Length);
        while (sb.Length < size)
        {
            sb.Append(unit);
        }

        return sb.ToString(0, size);
    }

    private static string NestedDivs(int size)
    {
        var depth = Math.Max(1, (size - 60) / 11);
        return "<html><body>" + Repeat("<div>", depth * 5) + "<p>The court sentenced him.</p>" + Repeat("</div>", depth * 6) + "</body></html>";
    }
}
