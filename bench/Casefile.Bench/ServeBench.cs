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
internal static class ServeBench
{
    public static async Task Run(string[] args)
    {
        var n = args.SkipWhile(a => a != "--requests").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(200);
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
