using System.Diagnostics;
using System.Globalization;
using System.Net;
using Casefile;
using Casefile.Ingest;
using Casefile.Store;
using Casefile.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

/// <summary>
/// <c>--serve [--requests N]</c>: server-side time of the web app's pages from a loopback client. A temporary SQLite store
/// holds 200 generated articles of ~6 KB; after 50 warm-up requests, N (default 200) sequential requests per page
/// (a 6 KB document's page, its JSON, the corpus page, an entity page) are timed; p50/p95/max are printed. The
/// baseline in the same process is the store's own read of that case file (what every page starts from).
/// </summary>
/// <para><c>--serve --flood [--requests 2000] [--concurrency 20]</c>: a fresh server (no warm-up) over the same store takes N requests,
/// C at a time, spread round-robin over a document page, the corpus page, a search and the page of the entity in most documents;
/// prints p50/p95/max per page and every error (status or exception) with its count.</para>
/// <para><c>--serve --page-size [--chars 2000000]</c>: one generated article of that many characters is stored and its document page
/// fetched once; prints bytes of HTML per byte of text, in all and per part of the page.</para>
internal static class ServeBench
{
    private static int Arg(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);

    public static async Task Run(string[] args)
    {
        if (args.Contains("--page-size"))
        {
            await PageSize(Arg(args, "--chars", 2_000_000));
            return;
        }

        var flood = args.Contains("--flood");
        var n = Arg(args, "--requests", flood ? 2000 : 200);
        var dir = Directory.CreateTempSubdirectory("casefile-serve-bench-").FullName;
        try
        {
            var corpus = Path.Combine(dir, "corpus");
            SyntheticCorpus.WriteTo(corpus, 200, seed: 3, targetChars: 6000);
            var location = StoreLocation.Parse(Path.Combine(dir, "bench.db"));
            string id;
            string entity;
            using (var store = CaseStore.Open(location))
            {
                IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [corpus], new IngestOptions());
                var doc = store.Documents().Documents.OrderBy(d => Math.Abs(d.Length - 6000)).First();
                id = doc.Id;
                entity = store.Entities()[0].Id;
                Console.WriteLine($"store: 200 generated articles; the timed document has {doc.Length:N0} characters, {doc.Entities} entities, {doc.Claims} claims, {doc.Findings} findings");
            }

            if (flood)
            {
                await Flood(location, id, entity, n, Arg(args, "--concurrency", 20));
                return;
            }

            using var host = WebApp.CreateHostBuilder(new WebOptions { Store = location, Port = 0, LogLevel = LogLevel.None }).Build();
            await host.StartAsync();
            var url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(url) };

            var baseline = Time(n, () =>
            {
                using var s = CaseStore.Open(location);
                return s.Document(id)!.Value.Text.Length;
            });
            Report("baseline: open the store and read the case file (no HTTP, no rendering)", baseline);
            foreach (var (label, path) in new[]
            {
                ("document page (HTML)", $"/documents/{id}"), ("document JSON (/api/documents/{id})", $"/api/documents/{id}"),
                ("corpus page", "/"), ("entity page", $"/entities/{entity}"),
            })
            {
                for (var i = 0; i < 50; i++)
                {
                    await Get(client, path);
                }

                var times = new List<double>(n);
                for (var i = 0; i < n; i++)
                {
                    var w = Stopwatch.StartNew();
                    await Get(client, path);
                    times.Add(w.Elapsed.TotalMilliseconds);
                }

                Report(label, times);
            }

            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task Flood(StoreLocation location, string id, string entity, int n, int concurrency)
    {
        string search;
        using (var store = CaseStore.Open(location))
        {
            search = store.Entities(type: "ORG")[0].Name.Split(' ')[^1];
        }

        using var host = WebApp.CreateHostBuilder(new WebOptions { Store = location, Port = 0, LogLevel = LogLevel.None }).Build();
        await host.StartAsync();
        var url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(100) };
        (string Label, string Path)[] pages =
        [
            ("document page", $"/documents/{id}"), ("corpus page", "/"), ($"search ?q={search}", $"/?q={Uri.EscapeDataString(search)}"),
            ("entity page (most-mentioned entity)", $"/entities/{entity}"),
        ];
        var times = pages.Select(_ => new List<double>()).ToArray();
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var all = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < n; i = Interlocked.Increment(ref next))
            {
                var (label, path) = pages[i % pages.Length];
                var w = Stopwatch.StartNew();
                string? error = null;
                try
                {
                    using var response = await client.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        error = $"{label}: HTTP {(int)response.StatusCode}";
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    error = $"{label}: {e.GetType().Name}: {e.Message}";
                }

                lock (errors)
                {
                    times[i % pages.Length].Add(w.Elapsed.TotalMilliseconds);
                    if (error is not null)
                    {
                        errors[error] = errors.GetValueOrDefault(error) + 1;
                    }
                }
            }
        }));
        all.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"flood: {n} requests, {concurrency} at a time, round-robin over {pages.Length} pages, fresh server (no warm-up): {all.Elapsed.TotalSeconds:0.0} s, {n / all.Elapsed.TotalSeconds:0} requests/s"));
        for (var p = 0; p < pages.Length; p++)
        {
            Report(pages[p].Label, times[p]);
        }

        Console.WriteLine($"errors: {errors.Values.Sum()}");
        foreach (var (what, count) in errors.OrderByDescending(e => e.Value))
        {
            Console.WriteLine($"  {count} × {what}");
        }

        await host.StopAsync();
    }

    private static async Task PageSize(int chars)
    {
        var dir = Directory.CreateTempSubdirectory("casefile-page-size-").FullName;
        try
        {
            var corpus = Path.Combine(dir, "corpus");
            SyntheticCorpus.WriteTo(corpus, 1, seed: 5, targetChars: chars);
            var location = StoreLocation.Parse(Path.Combine(dir, "bench.db"));
            string id;
            using (var store = CaseStore.Open(location))
            {
                var load = Stopwatch.StartNew();
                IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [corpus], new IngestOptions());
                id = store.Documents().Documents[0].Id;
                Console.WriteLine($"stored one generated article of {store.Documents().Documents[0].Length:N0} characters in {load.Elapsed.TotalSeconds:0.0} s");
            }

            using var host = WebApp.CreateHostBuilder(new WebOptions { Store = location, Port = 0, LogLevel = LogLevel.None }).Build();
            await host.StartAsync();
            var url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
            var text = await client.GetByteArrayAsync($"/api/documents/{id}/text");
            var w = Stopwatch.StartNew();
            var html = await client.GetStringAsync($"/documents/{id}");
            var first = w.Elapsed.TotalMilliseconds;
            w.Restart();
            await client.GetStringAsync($"/documents/{id}");
            var second = w.Elapsed.TotalMilliseconds;
            long bytes = System.Text.Encoding.UTF8.GetByteCount(html);
            if (Environment.GetEnvironmentVariable("CASEFILE_PAGE_OUT") is { Length: > 0 } save)
            {
                File.WriteAllText(save, html);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"document page: {bytes:N0} bytes of HTML for {text.Length:N0} bytes of text = {(double)bytes / text.Length:0.00} bytes per byte of text; served in {first:0} ms (first), {second:0} ms (second)"));
            foreach (var (label, start, end) in new[]
            {
                ("text", "<div id=\"text\"", "<aside"), ("findings", "id=\"findings\"", "id=\"entities\""), ("entities", "id=\"entities\"", "</aside>"),
                ("claims", "id=\"claims\"", "id=\"timeline\""), ("timeline", "id=\"timeline\"", "</article>"),
            })
            {
                var from = html.IndexOf(start, StringComparison.Ordinal);
                var to = from < 0 ? -1 : html.IndexOf(end, from, StringComparison.Ordinal);
                if (from >= 0 && to > from)
                {
                    var part = System.Text.Encoding.UTF8.GetByteCount(html.AsSpan(from, to - from));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-9} {part,12:N0} bytes = {(double)part / text.Length:0.00} per byte of text"));
                }
            }

            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    private static List<double> Time(int n, Func<int> work)
    {
        for (var i = 0; i < 50; i++)
        {
            work();
        }

        var times = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var w = Stopwatch.StartNew();
            work();
            times.Add(w.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static void Report(string label, List<double> times)
    {
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {times.Count} requests, p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, max {times[^1]:0.0} ms"));
    }
}
