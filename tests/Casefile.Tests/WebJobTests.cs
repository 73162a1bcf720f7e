using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Tests.Support;
using Casefile.Web;
using Dapper;
using Microsoft.Playwright;

namespace Casefile.Tests;

/// <summary>
/// The Analyse page's texts as jobs (issue 17, point 8): the POST stores the text in the queue and answers 303 at once;
/// the server's worker analyses it; the job page and /api/jobs/{id} show where it is; nothing is lost when the server
/// stops before or during the analysis; a row is taken by one worker only; failures show their code.
/// </summary>
public sealed partial class WebJobTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-jobs-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Backends() => ["sqlite", "postgres"];

    private StoreLocation NewStore(string backend = "sqlite")
    {
        var location = StoreLocation.Parse(backend == "sqlite" ? Path.Combine(_dir, $"jobs-{Guid.NewGuid():N}.db") : Postgres.NewDatabase());
        using (CaseStore.Open(location))
        {
            // created and migrated before the server starts, as casefile serve does
        }

        return location;
    }

    private static WebOptions Options(StoreLocation store, AnalysisPipeline? pipeline = null, long maxUpload = 64 * 1024) =>
        new() { Store = store, Port = 0, MaxUploadBytes = maxUpload, Pipeline = pipeline, LogLevel = Microsoft.Extensions.Logging.LogLevel.None };

    private static JobWebFactory Server(WebOptions options, bool paused = false) =>
        new(options, new JobWorkerOptions { Paused = paused, Poll = TimeSpan.FromMilliseconds(200) });

    private static HttpClient Client(JobWebFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Pastes <paramref name="text"/> on the Analyse page with its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> Paste(HttpClient client, string text, params KeyValuePair<string, string>[] fields)
    {
        var form = await client.GetAsync("/analyze", Ct);
        var token = TokenField().Match(await form.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze")
        {
            Content = new FormUrlEncodedContent([new("Text", text), new("__RequestVerificationToken", token), .. fields]),
        };
        // The test client keeps cookies: the antiforgery cookie is set once, on the first form.
        if (form.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => c.StartsWith("casefile.af=", StringComparison.Ordinal)) is { } cookie)
        {
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> Status(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{id}", Ct)).RootElement.Clone();

    private static async Task<JsonElement> WaitFor(HttpClient client, string id, string state)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await Status(client, id);
            if (status.GetProperty("state").GetString() == state)
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < until, $"job {id} never became {state}: {status}");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Invented sentences, repeated with a running number until the text is <paramref name="bytes"/> long.</summary>
    private static string LongText(int bytes)
    {
        var b = new StringBuilder("Harbour audit in Velsk\n\n");
        for (var i = 0; b.Length < bytes; i++)
        {
            b.Append(System.Globalization.CultureInfo.InvariantCulture, $"Auditor Mira Selden reported on day {i} that the Velsk harbour board paid {i % 90 + 2} million tenge to Orbit Dredging Ltd. ");
            if (i % 8 == 7)
            {
                b.Append("\n\n");
            }
        }

        return b.ToString()[..bytes];
    }

    [Fact]
    public async Task A_2_MB_paste_answers_at_once_with_303_to_a_job_page_that_shows_it_queued()
    {
        // Before: the POST analysed the text itself (a 2 MB paste kept the browser waiting about 60 s) and answered 302 to the document.
        var store = NewStore();
        await using var server = Server(Options(store, maxUpload: 2 * 1024 * 1024), paused: true);
        using var client = Client(server);
        var text = LongText(2 * 1024 * 1024);
        var watch = Stopwatch.StartNew();
        var response = await Paste(client, text);
        watch.Stop();
        var id = Jobs.IdOf(response);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the POST took {watch.Elapsed.TotalSeconds:0.0} s");
        TestContext.Current.SendDiagnosticMessage($"2 MB paste: POST answered in {watch.Elapsed.TotalMilliseconds:0} ms");

        var page = await client.GetAsync($"/jobs/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)); // what the user reads (Razor writes “ as &#x201C;)
        Assert.Contains("<strong id=\"job-state\">queued</strong>", html, StringComparison.Ordinal);
        Assert.Contains($"waiting for the analyser: next in line; {text.Length:N0} characters.", html, StringComparison.Ordinal);
        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>", html, StringComparison.Ordinal);
        Assert.Contains($"<a id=\"job-reload\" href=\"/jobs/{id}\">Reload</a>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Analysis of “Harbour audit in Velsk”</h1>", html, StringComparison.Ordinal);
        // Our own script file polls (no inline script: the CSP forbids it); the CSP lets it fetch from this server only.
        Assert.Matches("<script src=\"/assets/jobs\\.js\\?v=[0-9a-f]{12}\" defer></script>", html);
        Assert.DoesNotMatch("<script>", html);
        Assert.Contains("connect-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("text/javascript; charset=utf-8", (await client.GetAsync("/assets/jobs.js", Ct)).Content.Headers.ContentType?.ToString());

        var status = await Status(client, id);
        Assert.Equal("queued", status.GetProperty("state").GetString());
        Assert.Equal(text.Length, status.GetProperty("chars").GetInt32());
        Assert.Equal(0, status.GetProperty("ahead").GetInt32());
        Assert.Equal(AnalysisPipeline.DefaultBudget(text.Length).TotalSeconds, status.GetProperty("budget_seconds").GetDouble());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("document").ValueKind);

        // A second paste waits behind the first.
        var second = Jobs.IdOf(await Paste(client, "Mr Oren Tallis was fined 3 million tenge by the Velsk court on 4 May 2023."));
        Assert.Equal(1, (await Status(client, second)).GetProperty("ahead").GetInt32());
        Assert.Contains("1 job ahead", (await Status(client, second)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var db = CaseStore.Open(store);
        Assert.Equal(0, db.Counts().Versions);
        Assert.Equal(text, db.Connection.ExecuteScalar<string>("SELECT text FROM queue WHERE id = @id", new { id }));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_job_left_by_a_server_stopped_before_processing_is_stored_when_it_starts_again(string backend)
    {
        var store = NewStore(backend);
        const string text = "Judge Lina Marsk of the Orsk court fined Velta Shipping 4 million tenge on 3 June 2022.";
        string id;
        await using (var stopped = Server(Options(store), paused: true))
        {
            using var client = Client(stopped);
            id = Jobs.IdOf(await Paste(client, text, new KeyValuePair<string, string>("Title", "Velta fined")));
            Assert.Equal("queued", (await Status(client, id)).GetProperty("state").GetString());
        }

        using (var db = CaseStore.Open(store))
        {
            Assert.Equal(1, db.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM queue WHERE id = @id", new { id }));
            Assert.Null(db.Document(Casefile.Model.Document.HashId(text)));
        }

        await using var again = Server(Options(store));
        using var next = Client(again);
        var status = await Jobs.Finish(next, id);
        var hash = Casefile.Model.Document.HashId(text);
        Assert.Equal(("stored", hash, "/documents/" + hash, "stored."),
            (status.GetProperty("state").GetString(), status.GetProperty("document").GetString(), status.GetProperty("url").GetString(), status.GetProperty("detail").GetString()));
        var html = await next.GetStringAsync($"/jobs/{id}", Ct);
        Assert.Contains($"<a id=\"job-document\" href=\"/documents/{hash}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        using (var db = CaseStore.Open(store))
        {
            var stored = db.Document(hash)!.Value;
            Assert.Equal(("pasted:" + hash, "Velta fined"), (stored.Row.DocKey, stored.CaseFile.Document.Title));
            Assert.Equal(0, db.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM queue"));
            Assert.Equal(0, db.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM store_meta WHERE key LIKE 'job-lease:%'"));
            Assert.Equal([("pasted:" + hash, LogStatus.Stored)], db.IngestLog(id).Select(l => (l.Input, l.Status)));
        }

        // The same text again: stored already, so the job is done at once.
        var repeat = Jobs.IdOf(await Paste(next, text));
        var done = await Status(next, repeat);
        Assert.Equal(("stored", hash), (done.GetProperty("state").GetString(), done.GetProperty("document").GetString()));
        Assert.StartsWith("this text was stored already", done.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_stopped_mid_analysis_gives_the_job_back_and_the_next_start_stores_it()
    {
        var store = NewStore();
        const string text = "Gated: the Velsk harbour board paid 12 million tenge to Orbit Dredging Ltd in 2021, auditors said.";
        Gate.Reset();
        string id;
        await using (var first = Server(Options(store, CasefileAnalyzer.CreateDefaultBuilder().Add(new Gate()).Build())))
        {
            using var client = Client(first);
            id = Jobs.IdOf(await Paste(client, text));
            var analysing = await WaitFor(client, id, "analysing");
            Assert.Equal($"analysing {text.Length} characters", analysing.GetProperty("stage").GetString());
            Assert.True(analysing.GetProperty("elapsed_seconds").GetDouble() >= 0);
            Assert.Contains("<strong id=\"job-state\">analysing</strong>", await client.GetStringAsync($"/jobs/{id}", Ct), StringComparison.Ordinal);
        }

        Gate.Open(); // the interrupted analysis ends now, and writes nothing
        using (var db = CaseStore.Open(store))
        {
            Assert.Equal(1, db.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM queue WHERE id = @id", new { id }));
            Assert.Equal(0, db.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM store_meta WHERE key LIKE 'job-lease:%'"));
        }

        await using var second = Server(Options(store));
        using var next = Client(second);
        var watch = Stopwatch.StartNew();
        var status = await Jobs.Finish(next, id);
        Assert.Equal("stored", status.GetProperty("state").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"taken again after {watch.Elapsed.TotalSeconds:0.0} s (the lease was given back)");
        using var check = CaseStore.Open(store);
        Assert.Equal(1, check.Counts().Versions);
        Assert.Single(check.IngestLog(id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_queued_row_is_taken_by_one_worker_only_and_a_dead_workers_job_by_the_next(string backend)
    {
        var location = NewStore(backend);
        using var store = CaseStore.Open(location);
        string Enqueue(string text) => AnalysisJobs.Enqueue(store, Ingestor.FromBytes(Encoding.UTF8.GetBytes(text), "pasted:" + Casefile.Model.Document.HashId(text), "txt", new IngestOptions()));
        var contested = Enqueue("The Orsk council voted on 2 March 2023 to close the ferry.");

        // Eight takers at once, each on its own connection: exactly one wins.
        var winners = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(i =>
        {
            using var s = CaseStore.Open(location);
            return AnalysisJobs.TryClaim(s, contested, $"taker-{i}", TimeSpan.FromSeconds(30)) is null ? 0 : 1;
        }).Sum();
        Assert.Equal(1, winners);

        // A worker that died: its lease has run out, so the next taker wins; the dead one's late result is not written.
        var orphan = Enqueue("Mr Ivo Brask was detained in Velsk on 9 May 2023, police said.");
        var dead = AnalysisJobs.TryClaim(store, orphan, "dead", TimeSpan.FromMilliseconds(-1))!;
        Assert.Equal("queued", AnalysisJobs.Status(store, orphan)!.State);
        var alive = AnalysisJobs.TryClaim(store, orphan, "alive", TimeSpan.FromSeconds(30));
        Assert.NotNull(alive);
        Assert.Null(AnalysisJobs.TryClaim(store, orphan, "third", TimeSpan.FromSeconds(30)));
        Assert.Equal((JobStates.Analysing, "analysing 62 characters", 2), (AnalysisJobs.Status(store, orphan)!.State, AnalysisJobs.Status(store, orphan)!.Stage, AnalysisJobs.Status(store, orphan)!.Attempts));
        StoredInput Analysed(ClaimedJob j) => StoredInput.Prepare(Casefile.Model.Document.HashId(j.Text), j.DocKey, j.Text,
            CasefileAnalyzer.ToCaseFile(CasefileAnalyzer.DefaultPipeline.Run(new Casefile.Model.Document(j.Text, j.Title, j.Published, j.Source))));
        Assert.Equal(LogStatus.Stored, AnalysisJobs.Complete(store, alive, Analysed(alive))!.Status);
        Assert.Null(AnalysisJobs.Complete(store, dead, Analysed(dead)));
        AnalysisJobs.Fail(store, dead, StoreErrors.AnalysisFailed, "late");
        Assert.Equal([LogStatus.Stored], store.IngestLog(orphan).Select(l => l.Status));
        Assert.Equal(JobStates.Stored, AnalysisJobs.Status(store, orphan)!.State);
        Assert.Equal(1, store.Counts().Versions);
    }

    [Fact]
    public async Task A_failed_analysis_shows_its_code_and_message_on_the_job_page()
    {
        var store = NewStore();
        await using var server = Server(Options(store, CasefileAnalyzer.CreateDefaultBuilder().Add(new Poison()).Build()));
        using var client = Client(server);
        var id = Jobs.IdOf(await Paste(client, "Poisoned: the Velsk court fined the mayor 2 million tenge."));
        var status = await Jobs.Finish(client, id);
        Assert.Equal(("failed", StoreErrors.AnalysisFailed), (status.GetProperty("state").GetString(), status.GetProperty("code").GetString()));
        Assert.Equal("analysis failed: InvalidOperationException: Poisoned on purpose", status.GetProperty("error").GetString());
        var page = await client.GetAsync($"/jobs/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct));
        Assert.Contains("<div class=\"error\" role=\"alert\" id=\"error\"><strong>CF2806</strong> analysis failed: InvalidOperationException: Poisoned on purpose</div>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Error CF2806 · Casefile</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Casefile.", html, StringComparison.Ordinal);
        using var db = CaseStore.Open(store);
        Assert.Equal(0, db.Counts().Versions);
        Assert.Equal(0, db.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM queue"));
    }

    [Fact]
    public async Task The_analysis_keeps_its_budget_and_a_job_interrupted_three_times_fails_with_CF2925()
    {
        var store = NewStore();
        // A budget that has run out before the first component: stored, with the layers empty and warning CF1401.
        await using (var server = Server(Options(store, CasefileAnalyzer.DefaultPipeline.WithBudget(TimeSpan.FromTicks(1)))))
        {
            using var client = Client(server);
            var document = await Jobs.Stored(client, await Paste(client, "Ms Tova Rind was elected mayor of Orsk on 5 May 2024."));
            using var db = CaseStore.Open(store);
            var cf = db.Document(document)!.Value.CaseFile;
            Assert.Contains(cf.Warnings!, w => w.Code == ErrorCodes.AnalysisBudgetExceeded);
            Assert.Empty(cf.Mentions);
        }

        // A job whose server died during its analysis three times (each claim counts): the next claim fails it.
        string id;
        using (var db = CaseStore.Open(store))
        {
            id = AnalysisJobs.Enqueue(db, Ingestor.FromBytes("The Velsk mill closed in 2020."u8.ToArray(), "pasted:x", "txt", new IngestOptions()));
            db.Connection.Execute("UPDATE queue SET attempts = 3, last_error = 'disk full' WHERE id = @id", new { id });
        }

        await using var again = Server(Options(store));
        using var next = Client(again);
        var status = await Jobs.Finish(next, id);
        Assert.Equal(("failed", AnalysisJobs.TooManyAttempts), (status.GetProperty("state").GetString(), status.GetProperty("code").GetString()));
        Assert.StartsWith("the analysis was started 3 times without finishing (the server stopped or crashed during it; last error: disk full).", status.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_jobs_are_404_with_CF2906_and_ingest_runs_are_not_jobs()
    {
        var store = NewStore();
        string runId;
        using (var db = CaseStore.Open(store))
        {
            File.WriteAllText(Path.Combine(_dir, "one.txt"), "The Orsk ferry stopped running in 2019.");
            runId = IngestRunner.Run(db, CasefileAnalyzer.DefaultPipeline, [Path.Combine(_dir, "one.txt")], new IngestOptions()).RunId;
        }

        await using var server = Server(Options(store), paused: true);
        using var client = Client(server);
        foreach (var id in new[] { "web-" + new string('0', 32), runId, "web-../../x" })
        {
            var api = await client.GetAsync($"/api/jobs/{id}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.Equal("CF2906", JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());
            var page = await client.GetAsync($"/jobs/{id}", Ct);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains(WebErrors.NotFound, await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task In_a_browser_the_job_page_follows_the_job_to_the_document(bool javaScript)
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"{Chromium} is missing: run ./test.sh (it installs Debian's chromium); skipped.");
        }

        var store = NewStore();
        Gate.Reset();
        await using var server = await LiveServer.StartAsync(Options(store, CasefileAnalyzer.CreateDefaultBuilder().Add(new Gate()).Build()));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
        var page = await browser.NewPageAsync(new() { JavaScriptEnabled = javaScript });
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        const string text = "Gated: Judge Rina Castell of the Orsk court fined Velta Ltd 4 million tenge on 3 June 2022.";
        await page.GotoAsync(new Uri(server.Url, "analyze").ToString());
        await page.Locator("textarea[name=Text]").FillAsync(text);
        await page.Locator("form.analyze button").ClickAsync();
        await page.WaitForURLAsync("**/jobs/web-*");
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("analysing", new() { Timeout = 30_000 });
        Gate.Open();
        var hash = Casefile.Model.Document.HashId(text);
        if (javaScript)
        {
            // The script polls /api/jobs/{id} and replaces the job page with the document's.
            await page.WaitForURLAsync($"**/documents/{hash}", new() { Timeout = 30_000 });
        }
        else
        {
            // Without JavaScript the page reloads itself (meta refresh) until the link to the document is there.
            await page.Locator("#job-document").WaitForAsync(new() { Timeout = 30_000 });
            await page.Locator("#job-document").ClickAsync();
            await page.WaitForURLAsync($"**/documents/{hash}");
        }

        Assert.Equal(text, await page.Locator("#text").TextContentAsync());
        Assert.Empty(problems);
    }

    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>Holds the analysis of texts starting "Gated" until <see cref="Open"/> (or 60 s): a job that stays "analysing".</summary>
    private sealed class Gate : IComponent
    {
        private static readonly ManualResetEventSlim Opened = new();

        public static void Reset() => Opened.Reset();

        public static void Open() => Opened.Set();

        public string Name => "gate";

        public IReadOnlyList<Layer> Requires => [Layers.Tokens];

        public IReadOnlyList<Layer> Provides => [];

        public void Process(AnalysisContext context)
        {
            if (context.Document.Text.StartsWith("Gated", StringComparison.Ordinal))
            {
                Opened.Wait(TimeSpan.FromSeconds(60));
            }
        }
    }

    /// <summary>Fails on texts starting "Poisoned".</summary>
    private sealed class Poison : IComponent
    {
        public string Name => "poison";

        public IReadOnlyList<Layer> Requires => [Layers.Tokens];

        public IReadOnlyList<Layer> Provides => [];

        public void Process(AnalysisContext context)
        {
            if (context.Document.Text.StartsWith("Poisoned", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Poisoned on purpose");
            }
        }
    }
}
