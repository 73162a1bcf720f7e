using System.Net;
using System.Text.RegularExpressions;
using Casefile.Ingest;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Tests.Support;
using Casefile.Web;
using Casefile.Web.Rendering;
using Dapper;

namespace Casefile.Tests;

/// <summary>The web app over plain HTTP (in memory): the JSON API, encoding, forms and their tokens, errors, limits.</summary>
public sealed partial class WebTests : IClassFixture<SampleStore>, IDisposable
{
    private readonly SampleStore _samples;
    private readonly WebFactory _factory;
    private readonly HttpClient _client;

    public WebTests(SampleStore samples)
    {
        _samples = samples;
        _factory = new WebFactory(samples.Options());
        _client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_serves_each_stored_case_file_exactly_as_the_cli_writes_it()
    {
        using var store = _samples.Open();
        var listed = await _client.GetStringAsync("/api/documents", Ct);
        Assert.Equal(CaseStore.ToJson(store.Documents()), listed);
        foreach (var (id, cf, text) in store.CaseFiles())
        {
            var response = await _client.GetAsync($"/api/documents/{id}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.Equal(CaseFileJson.Serialize(cf), await response.Content.ReadAsStringAsync(Ct));
            Assert.Equal(text, await _client.GetStringAsync($"/api/documents/{id}/text", Ct));
        }
    }

    [Fact]
    public async Task Api_queries_mirror_the_store()
    {
        using var store = _samples.Open();
        Assert.Equal(CaseStore.ToJson(store.Entities(type: "PER")), await _client.GetStringAsync("/api/entities?type=PER", Ct));
        Assert.Equal(CaseStore.ToJson(store.CorpusFindings()), await _client.GetStringAsync("/api/findings", Ct));
        Assert.Equal(CaseStore.ToJson(store.Search("court")), await _client.GetStringAsync("/api/search?q=court", Ct));
        var first = store.Entities()[0];
        Assert.Equal(CaseStore.ToJson(store.Entity(first.Id)!), await _client.GetStringAsync($"/api/entities/{first.Id}", Ct));

        var missing = await _client.GetAsync("/api/documents/sha256:0000", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(WebErrors.NotFound, await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/search?q=", Ct)).StatusCode);
    }

    [Fact]
    public async Task Document_text_with_markup_is_shown_as_text_never_run()
    {
        const string hostile = "Mayor Olek Tarvin said <script>alert('x')</script> the Velsk court <img src=x onerror=alert(2)> fined him 3 million tenge.";
        var id = Store(hostile, "hostile.txt");
        var html = await _client.GetStringAsync($"/documents/{id}", Ct);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Equal(1, ScriptTags().Count(html)); // ours only
    }

    [Fact]
    public async Task A_changed_text_under_one_name_is_a_new_version_linked_from_the_other()
    {
        var first = Store("The Velsk court fined Mr Pavel Orin 2 million tenge in 2021.", "upload:orin.txt");
        var second = Store("The Velsk court fined Mr Pavel Orin 3 million tenge in 2021.", "upload:orin.txt");
        var page = await _client.GetStringAsync($"/documents/{second}", Ct);
        Assert.Contains("version 2 of 2", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/documents/{first}\"", page, StringComparison.Ordinal);
        Assert.Contains("version 1 of 2", await _client.GetStringAsync($"/documents/{first}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_document_page_has_every_panel_with_the_case_files_counts()
    {
        using var store = _samples.Open();
        foreach (var (id, cf, _) in store.CaseFiles().ToList())
        {
            var page = await _client.GetStringAsync($"/documents/{id}", Ct);
            Assert.Contains($"Findings <span class=\"count\">{(cf.Findings ?? []).Count}</span>", page, StringComparison.Ordinal);
            Assert.Contains($"Entities <span class=\"count\">{(cf.Entities ?? []).Count}</span>", page, StringComparison.Ordinal);
            Assert.Contains($"Claims <span class=\"count\">{(cf.Claims ?? []).Count}</span>", page, StringComparison.Ordinal);
            Assert.Contains($"Timeline <span class=\"count\">{(cf.Events ?? []).Count}</span>", page, StringComparison.Ordinal);
            var dated = (cf.Events ?? []).Count(e => e.Time?.Value is { } v && char.IsDigit(v[0]));
            Assert.Equal(dated > 0, page.Contains("<svg class=\"timeline\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_response_carries_a_strict_content_security_policy()
    {
        var response = await _client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var js = await _client.GetAsync("/assets/casefile.js", Ct);
        Assert.Equal("text/javascript; charset=utf-8", js.Content.Headers.ContentType?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/assets/..%2Fweb.db", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/assets/casefile.cs", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        using var store = _samples.Open();
        var before = store.Counts().Versions;
        using var form = new FormUrlEncodedContent([new("Text", "Ms Ilse Varga was detained in Orsk on 2 May 2023.")]);
        var response = await _client.PostAsync("/analyze", form, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(WebErrors.BadRequest, page, StringComparison.Ordinal);
        Assert.Equal(before, store.Counts().Versions);

        var entity = store.Entities()[0];
        using var merge = new FormUrlEncodedContent([new("other", store.Entities()[1].Id)]);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync($"/entities/{entity.Id}?handler=Merge", merge, Ct)).StatusCode);
        Assert.Empty(store.Corrections());
    }

    [Fact]
    public async Task Pasting_a_text_with_its_token_stores_it_and_shows_its_page()
    {
        var (token, cookie) = await Token("/analyze");
        const string text = "Ms Ilse Varga, a former deputy of the Orsk council, was detained in Orsk on 2 May 2023, police said.";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze")
        {
            Content = new FormUrlEncodedContent([new("Text", text), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        var response = await _client.SendAsync(request, Ct);
        // The paste is a job (303 to its page); once it is stored, the job names the document.
        var id = Casefile.Model.Document.HashId(text);
        Assert.Equal(id, await Jobs.Stored(_client, response));
        var page = await _client.GetStringAsync($"/documents/{id}", Ct);
        Assert.Contains("Ilse Varga", page, StringComparison.Ordinal);
        using var store = _samples.Open();
        Assert.Equal("pasted:" + id, store.Document(id)!.Value.Row.DocKey);
    }

    [Theory]
    [InlineData("POST", "/api/documents", 405, "CF2908", "POST is not allowed on /api/documents")]
    [InlineData("GET", "/api/documents?limit=abc", 400, "CF2908", "limit must be a whole number")]
    [InlineData("GET", "/api/nothing-here", 404, "CF2906", "no such API endpoint: /api/nothing-here")]
    [InlineData("GET", "/api/documents/sha256:0000", 404, "CF2906", "no document with id sha256:0000")]
    [InlineData("GET", "/api/search", 400, "CF2908", "give the words to search for")]
    public async Task Api_errors_are_json_with_a_code(string method, string url, int status, string code, string message)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        var response = await _client.SendAsync(request, Ct);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var json = Json.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Contains(message, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(999)]
    [InlineData(-1)]
    [InlineData(200)]
    public async Task The_error_page_renders_only_error_statuses(int status)
    {
        var response = await _client.GetAsync($"/error?status={status}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("CF2906", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:5080")]
    [InlineData("127.0.0.2")]
    public async Task A_request_for_a_foreign_host_name_is_refused_with_CF2909(string host)
    {
        var response = await GetAs(_client, host);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("error CF2909: this server answers to 127.0.0.1, [::1], localhost, not to the host", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256:", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:5080")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task Loopback_host_names_are_served(string host)
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAs(_client, host)).StatusCode);
    }

    /// <summary>GET /api/documents with the given Host header.</summary>
    private static async Task<HttpResponseMessage> GetAs(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.Host = host;
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_proxy_name_is_served_when_allowed()
    {
        using var factory = new WebFactory(_samples.Options() with { AllowedHosts = ["casefile.newsroom.example"] });
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAs(client, "casefile.newsroom.example")).StatusCode);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://localhost:9999")]
    [InlineData("Origin", "https://localhost")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_form_posted_from_another_origin_is_refused_with_CF2910_and_changes_nothing(string header, string value)
    {
        using var store = _samples.Open();
        var before = store.Documents().Total;
        var (token, cookie) = await Token("/analyze");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze")
        {
            Content = new FormUrlEncodedContent([new("Text", "A text posted from a page elsewhere."), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add(header, value);
        var response = await _client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("error CF2910: a POST from ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, store.Documents().Total);
    }

    [Fact]
    public async Task A_form_posted_from_this_servers_own_page_is_accepted()
    {
        var (token, cookie) = await Token("/analyze");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze")
        {
            Content = new FormUrlEncodedContent([new("Text", "Ms Ada Kerr was detained in Orsk on Monday."), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        // What Chromium sends for our form: the page's Referrer-Policy makes the Origin "null".
        request.Headers.Add("Origin", "null");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.SeeOther, (await _client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_paste_with_a_title_and_a_publication_date_resolves_relative_dates()
    {
        var (token, cookie) = await Token("/analyze");
        const string text = "The Orsk court fined the Velsk mill 3 million tenge on Monday.";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze")
        {
            Content = new FormUrlEncodedContent([new("Text", text), new("Title", "  Mill fined  "), new("Published", "2024-03-20"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(Casefile.Model.Document.HashId(text), await Jobs.Stored(_client, await _client.SendAsync(request, Ct)));
        using var store = _samples.Open();
        var stored = store.Document(Casefile.Model.Document.HashId(text))!.Value;
        Assert.Equal("Mill fined", stored.CaseFile.Document.Title);
        Assert.Equal("2024-03-20", stored.CaseFile.Document.Published);
        Assert.Equal("2024-03-18", Assert.Single(stored.CaseFile.Times).Value);

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/analyze")
        {
            Content = new FormUrlEncodedContent([new("Text", "Another text on Monday."), new("Published", "20/03/2024"), new("__RequestVerificationToken", token)]),
        };
        bad.Headers.Add("Cookie", cookie);
        var response = await _client.SendAsync(bad, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ErrorCodes.BadPublishedDate, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Null(store.Document(Casefile.Model.Document.HashId("Another text on Monday.")));
    }

    [Fact]
    public async Task Two_pastes_whose_hashes_share_their_first_digits_are_two_documents()
    {
        // Two texts whose digests agree in the first five hex digits (the old key's length): found by counting up.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        string first, second;
        for (var i = 0; ; i++)
        {
            var text = $"The council of Orsk met on day {i} and voted.";
            var prefix = Casefile.Model.Document.HashId(text)[..12];
            if (seen.TryGetValue(prefix, out var other))
            {
                (first, second) = (other, text);
                break;
            }

            seen[prefix] = text;
        }

        var (token, cookie) = await Token("/analyze");
        foreach (var text in new[] { first, second })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze")
            {
                Content = new FormUrlEncodedContent([new("Text", text), new("__RequestVerificationToken", token)]),
            };
            request.Headers.Add("Cookie", cookie);
            Assert.Equal(Casefile.Model.Document.HashId(text), await Jobs.Stored(_client, await _client.SendAsync(request, Ct)));
        }

        using var store = _samples.Open();
        var a = store.Document(Casefile.Model.Document.HashId(first))!.Value.Row;
        var b = store.Document(Casefile.Model.Document.HashId(second))!.Value.Row;
        Assert.NotEqual(a.DocKey, b.DocKey);
        Assert.Equal(1, a.Version);
        Assert.Equal(1, b.Version);
    }

    [Fact]
    public async Task An_oversized_or_binary_upload_gets_an_error_page_with_its_code()
    {
        var (token, cookie) = await Token("/analyze");
        async Task<(HttpStatusCode, string)> Upload(byte[] bytes, string name)
        {
            using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", name } };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/analyze") { Content = content };
            request.Headers.Add("Cookie", cookie);
            var response = await _client.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var (status, page) = await Upload(new byte[SampleStore.UploadLimit + 1].Select(_ => (byte)'a').ToArray(), "big.txt");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains(WebErrors.UploadTooLarge, page, StringComparison.Ordinal);
        Assert.Contains("65,536 bytes", page, StringComparison.Ordinal);

        // Well over the limit (the review's 2.5 MB and 8 MB against 2 MB): the size error, not "a form sent twice".
        foreach (var times in new[] { 2.5, 8 })
        {
            (status, page) = await Upload(new byte[(int)(SampleStore.UploadLimit * times)].Select(_ => (byte)'a').ToArray(), "bigger.txt");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
            Assert.Contains(WebErrors.UploadTooLarge, page, StringComparison.Ordinal);
            Assert.DoesNotContain(WebErrors.BadRequest, page, StringComparison.Ordinal);
            Assert.Contains("65,536 bytes", page, StringComparison.Ordinal);
        }

        (status, page) = await Upload([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0], "program.txt");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(ErrorCodes.BinaryInput, page, StringComparison.Ordinal);

        (status, page) = await Upload("PK"u8.ToArray(), "archive.zip");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains(WebErrors.UploadType, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_shows_a_code_and_no_stack_trace()
    {
        var id = Store("Mr Pavel Orin was fined 2 million tenge by the Velsk court in 2021.", "broken.txt");
        HttpResponseMessage response;
        using (var store = _samples.Open())
        {
            store.Connection.Execute("UPDATE documents SET case_file = '{not json' WHERE id = @id", new { id });
            try
            {
                response = await _client.GetAsync($"/documents/{id}", Ct);
            }
            finally
            {
                store.Connection.Execute("DELETE FROM documents WHERE id = @id; DELETE FROM items WHERE document_id = @id; DELETE FROM sentences WHERE document_id = @id", new { id }); // the other tests read the store
            }
        }

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(WebErrors.Internal, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", page, StringComparison.Ordinal);

        var missing = await _client.GetAsync("/documents/sha256:nothing", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(WebErrors.NotFound, await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corpus_page_lists_searches_and_filters()
    {
        using var store = _samples.Open();
        var all = await _client.GetStringAsync("/", Ct);
        foreach (var d in store.Documents().Documents)
        {
            Assert.Contains($"href=\"/documents/{d.Id}\"", all, StringComparison.Ordinal);
        }

        var search = await _client.GetStringAsync("/?q=court", Ct);
        Assert.Contains("<mark>court</mark>", search, StringComparison.OrdinalIgnoreCase);

        var check = store.Findings(status: "inconsistent")[0];
        var filtered = await _client.GetStringAsync($"/?check={check.Finding.Check}", Ct);
        var expected = store.Documents(check: check.Finding.Check);
        Assert.Contains($"{expected.Total} document(s)", filtered, StringComparison.Ordinal);
        Assert.Contains($"href=\"/documents/{check.Document}\"", filtered, StringComparison.Ordinal);
        Assert.Equal(expected.Total, DocumentLinks().Matches(filtered).Select(m => m.Value).Distinct().Count());
    }

    [Fact]
    public void Text_view_cuts_the_text_into_pieces_that_rebuild_it_and_cover_every_span()
    {
        using var store = _samples.Open();
        foreach (var (_, cf, text) in store.CaseFiles())
        {
            var view = new TextView(cf, text);
            // Pieces: <span data-s …>records</span>, bare text, and <!----> between two bare pieces; offsets add up.
            var matches = Pieces().Matches(view.Html).Where(m => m.Value != "<!---->").ToList();
            Assert.Equal(view.Html.Length, Pieces().Matches(view.Html).Sum(m => m.Length));
            var pieces = new List<(int S, int E, string Body)>();
            foreach (var m in matches)
            {
                var at = pieces.Count == 0 ? 0 : pieces[^1].E;
                Assert.True(!m.Groups["s"].Success || int.Parse(m.Groups["s"].Value) == at, $"data-s {m.Groups["s"].Value} is the piece's offset {at}");
                pieces.Add((at, at + WebUtility.HtmlDecode(m.Groups["b"].Value).Length, m.Groups["b"].Value));
            }

            Assert.Equal(0, pieces[0].S);
            Assert.Equal(text.Length, pieces[^1].E);
            Assert.All(pieces.Zip(pieces.Skip(1)), p => Assert.Equal(p.First.E, p.Second.S));
            Assert.Equal(text, string.Concat(pieces.Select(p => WebUtility.HtmlDecode(p.Body))));
            var cuts = pieces.Select(p => p.S).Append(text.Length).ToHashSet();
            Assert.All(view.Annotations, a => Assert.True(cuts.Contains(a.Start) && cuts.Contains(a.End), $"{a.Id} starts and ends on a cut"));
            Assert.Equal(cf.Mentions.Count(m => m.Type == "PER"), view.Counts["per"]);
            Assert.Equal(cf.Quantities.Count(q => q.Kind == "money"), view.Counts["money"]);
            Assert.Equal(cf.Times.Count, view.Counts["date"]);
            Assert.Equal(cf.LegalRefs.Count, view.Counts["legal"]);
        }
    }

    [Fact]
    public void Serve_refuses_a_bad_address_and_a_port_in_use_with_their_codes()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.NotEqual(0, Casefile.Cli.Cli.Run(["serve", "--db", _samples.Location.ConnectionString, "--listen", "localhost:80"], stdout, stderr, () => Stream.Null));
        Assert.Contains($"error {ErrorCodes.Usage}", stderr.ToString(), StringComparison.Ordinal);

        using var busy = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        stderr = new StringWriter();
        Assert.NotEqual(0, Casefile.Cli.Cli.Run(["serve", "--db", _samples.Location.ConnectionString, "--port", port], stdout, stderr, () => Stream.Null));
        Assert.Contains($"error {WebErrors.CannotListen}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("--port", stderr.ToString(), StringComparison.Ordinal);
    }

    private string Store(string text, string name)
    {
        using var store = _samples.Open();
        var entry = IngestRunner.IngestOne(store, CasefileAnalyzer.DefaultPipeline, System.Text.Encoding.UTF8.GetBytes(text), name, "txt", new IngestOptions());
        Assert.NotNull(entry.DocumentId);
        return entry.DocumentId!;
    }

    private async Task<(string Token, string Cookie)> Token(string page)
    {
        var response = await _client.GetAsync(page, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var token = TokenField().Match(html).Groups[1].Value;
        Assert.NotEmpty(token);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("casefile.af=", StringComparison.Ordinal)).Split(';')[0];
        return (token, cookie);
    }

    [GeneratedRegex("<script\\b")]
    private static partial Regex ScriptTags();

    [GeneratedRegex("href=\"/documents/[^\"]+\"")]
    private static partial Regex DocumentLinks();

    [GeneratedRegex("<span data-s=\"(?<s>\\d+)\"[^>]*>(?<b>[^<]*)</span>|<!---->|(?<b>[^<]+)")]
    private static partial Regex Pieces();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
