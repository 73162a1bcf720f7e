using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Casefile.Store;
using Casefile.Tests.Support;
using Casefile.Web;

namespace Casefile.Tests;

/// <summary>
/// The corpus page's search, filters and paging, the entity list and the API's pages, over HTTP in memory (issue 17,
/// points 10, 11, 12, 16a). Pages are read as a user's browser would: parsed, text content compared.
/// </summary>
public sealed class WebSearchTests : IClassFixture<SearchCorpus>, IDisposable
{
    private readonly SearchCorpus _corpus;
    private readonly WebFactory _factory;
    private readonly HttpClient _client;

    public WebSearchTests(SearchCorpus corpus)
    {
        _corpus = corpus;
        _factory = new WebFactory(corpus.Options());
        _client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IDocument> Page(string url)
    {
        var response = await _client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Squash(string? s) => string.Join(' ', (s ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> DocumentLinks(IDocument page, string scope) =>
        [.. page.QuerySelectorAll($"{scope} a[href^='/documents/']").Select(a => a.GetAttribute("href")!["/documents/".Length..]).Distinct()];

    private string Id(string title)
    {
        using var store = _corpus.Open();
        return store.Documents(limit: 1000).Documents.Single(d => d.Title == title).Id;
    }

    [Fact]
    public async Task Search_counts_every_matching_document_and_pages_through_them()
    {
        // Before: the page took 250 sentences, all the diary's, and said "1 document(s)" where 9 match.
        var page = await Page("/?q=sentenced");
        Assert.Equal($"{SearchTexts.Sentenced} document(s)", page.QuerySelector("#result-count")?.TextContent);
        Assert.Equal(SearchTexts.Sentenced, DocumentLinks(page, "#search-results").Count);
        Assert.Equal($"1–{SearchTexts.Sentenced} of {SearchTexts.Sentenced}", page.QuerySelector("#search-results .pager .range")?.TextContent);
        var diary = page.QuerySelectorAll("ol.results > li").Single(li => li.QuerySelector("a")!.TextContent == "Court diary");
        Assert.Equal(3, diary.QuerySelectorAll("li.hit").Length);
        Assert.Equal("and 297 more matching sentence(s) in this document", Squash(diary.QuerySelector(".more")?.TextContent));

        // The API pages the same ranking: 4 + 4 + 1 distinct documents, with the total on every page.
        using var store = _corpus.Open();
        var seen = new List<string>();
        for (var offset = 0; offset < 12; offset += 4)
        {
            var json = Json.Parse(await _client.GetStringAsync($"/api/search?q=sentenced&limit=4&offset={offset}", Ct));
            Assert.Equal(SearchTexts.Sentenced, json.GetProperty("total").GetInt32());
            Assert.Equal(offset, json.GetProperty("offset").GetInt32());
            seen.AddRange(json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("document").GetString()!));
        }

        Assert.Equal(store.Search("sentenced", limit: 100).Results.Select(r => r.Document), seen);
        Assert.Equal(CaseStore.ToJson(store.Search("sentenced", 4, 4)), await _client.GetStringAsync("/api/search?q=sentenced&limit=4&offset=4", Ct));
        var bad = await _client.GetAsync("/api/search?q=sentenced&offset=-1", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"CF2920\"", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guillemets_in_a_sentence_stay_text_and_only_the_matched_word_is_marked()
    {
        // Before: «…» were the store's markers, so "Nous ferons appel" was marked and the guillemets vanished.
        var page = await Page("/?q=sentenced+Marot");
        var hit = Assert.Single(page.QuerySelectorAll("#search-results li.hit"));
        Assert.Equal(SearchTexts.FrenchSentence, hit.TextContent);
        Assert.Equal(["sentenced", "Marot"], hit.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Equal(["ferons appel"], (await Page("/?q=%22ferons+appel%22")).QuerySelectorAll("#search-results li.hit mark").Select(m => m.TextContent));

        // The API gives the ranges, in the document's text.
        var json = Json.Parse(await _client.GetStringAsync("/api/search?q=sentenced+Marot", Ct));
        var sentence = json.GetProperty("results")[0].GetProperty("sentences")[0];
        Assert.Equal(SearchTexts.FrenchSentence, sentence.GetProperty("text").GetString());
        var matches = sentence.GetProperty("matches").EnumerateArray().Select(m => SearchTexts.French[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]);
        Assert.Equal(["sentenced", "Marot"], matches);
    }

    [Fact]
    public async Task Search_entity_and_check_filters_combine_and_show_counts()
    {
        using var store = _corpus.Open();
        var koval = store.Entities(name: "Arsen Koval").Single(e => e.Name == "Arsen Koval");
        var both = new[] { Id("Koval verdict one"), Id("Koval verdict two") }.Order().ToList();

        // Before: the search ignored the entity and the page said "9 document(s)".
        var page = await Page($"/?q=sentenced&entity={koval.Id}");
        Assert.Equal("2 document(s)", page.QuerySelector("#result-count")?.TextContent);
        Assert.Equal(both, DocumentLinks(page, "#search-results").Order());
        Assert.Equal(CaseStore.ToJson(store.Search("sentenced", entity: koval.Id)), await _client.GetStringAsync($"/api/search?q=sentenced&entity={koval.Id}", Ct));
        Assert.Equal(both, Json.Parse(await _client.GetStringAsync($"/api/documents?q=sentenced&entity={koval.Id}&check=cross-document", Ct))
            .GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());

        // Every option says how many documents it would give with the search and the other filter as they are.
        var search = await Page("/?q=sentenced");
        Assert.Equal("Arsen Koval (PER) — 2 doc.", Squash(search.QuerySelector($"select[name=entity] option[value='{koval.Id}']")?.TextContent));
        Assert.Equal("cross-document — 2 doc.", Squash(search.QuerySelector("select[name=check] option[value='cross-document']")?.TextContent));
        var all = await Page("/");
        foreach (var option in all.QuerySelectorAll("select[name=check] option").Where(o => o.GetAttribute("value") is { Length: > 0 }))
        {
            Assert.Equal($"{option.GetAttribute("value")} — {store.Documents(check: option.GetAttribute("value")).Total} doc.", Squash(option.TextContent));
        }

        foreach (var option in all.QuerySelectorAll("select[name=entity] option").Where(o => o.GetAttribute("value") is { Length: > 0 }).Take(10))
        {
            Assert.EndsWith($" — {store.Documents(entity: option.GetAttribute("value")).Total} doc.", Squash(option.TextContent), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Nothing_matching_the_filters_is_not_an_empty_store()
    {
        using var store = _corpus.Open();
        var koval = store.Entities(name: "Arsen Koval").Single(e => e.Name == "Arsen Koval");
        var unused = IndexModelChecks().First(c => store.Documents(check: c).Total == 0);

        // Before: "Nothing stored yet" for a store of 65 documents.
        var page = await Page($"/?check={unused}");
        Assert.DoesNotContain("Nothing stored yet", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("No stored document matches these filters. Clear the filters", Squash(page.QuerySelector("p.none")?.TextContent));
        Assert.Equal("/", page.QuerySelector("p.none a.clear")?.GetAttribute("href"));

        var search = await Page($"/?q=Marot&entity={koval.Id}");
        Assert.Equal("0 document(s)", search.QuerySelector("#result-count")?.TextContent);
        Assert.StartsWith("No document has a sentence with all these words and matches the filters.", Squash(search.QuerySelector("p.none")?.TextContent), StringComparison.Ordinal);
        Assert.Equal("/?q=Marot", search.QuerySelector("p.none a.clear")?.GetAttribute("href"));

        // An empty store says so.
        var empty = Path.Combine(_corpus.Dir, $"empty-{Guid.NewGuid():N}.db");
        using (CaseStore.Open(empty))
        {
        }

        using var factory = new WebFactory(_corpus.Options() with { Store = StoreLocation.Parse(empty) });
        using var client = factory.CreateClient();
        var html = new HtmlParser().ParseDocument(await client.GetStringAsync($"/?check={unused}", Ct));
        Assert.StartsWith("Nothing stored yet", Squash(html.QuerySelector("p.none")?.TextContent), StringComparison.Ordinal);
    }

    private static IEnumerable<string> IndexModelChecks() => Casefile.Web.Pages.IndexModel.Checks;

    [Fact]
    public async Task Cross_document_filter_and_findings_show_the_store_wide_check()
    {
        var both = new[] { Id("Koval verdict one"), Id("Koval verdict two") }.Order().ToList();
        // Before: always empty (the store never ran the cross-document check).
        var page = await Page("/?check=cross-document");
        Assert.Equal("2 document(s) with cross-document findings", Squash(page.QuerySelector("#doc-count")?.TextContent));
        Assert.Equal(both, DocumentLinks(page, "table.docs").Order());

        var findings = Json.Parse(await _client.GetStringAsync("/api/findings?check=cross-document", Ct)).EnumerateArray().ToList();
        var finding = Assert.Single(findings);
        Assert.Contains(finding.GetProperty("document").GetString(), both);
        var f = finding.GetProperty("finding");
        Assert.Equal("inconsistent", f.GetProperty("status").GetString());
        Assert.Equal(both.Single(d => d != finding.GetProperty("document").GetString()), f.GetProperty("other_document").GetString());
        Assert.Matches(@"^the sentence of Arsen Koval: P\dY here, P\dY in Koval verdict (one|two)\.$", f.GetProperty("message").GetString());
        Assert.Contains(Json.Parse(await _client.GetStringAsync("/api/findings", Ct)).EnumerateArray(), r => r.GetProperty("finding").GetProperty("check").GetString() == "cross-document");

        // The CLI's findings too.
        var stdout = new StringWriter();
        Assert.Equal(0, Cli.Cli.Run(["findings", "--db", _corpus.Location.ConnectionString, "--check", "cross-document"], stdout, new StringWriter(), () => Stream.Null));
        var lines = stdout.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^✗ cross-document\s+Koval verdict (one|two): the sentence of Arsen Koval: P\dY here, P\dY in Koval verdict (one|two)\.$", lines[0]);
        Assert.Equal("1 finding(s)", lines[^1]);
    }

    [Fact]
    public async Task Corpus_pages_documents_in_a_stable_order()
    {
        using var store = _corpus.Open();
        var all = store.Documents(limit: 1000).Documents.Select(d => d.Id).ToList();
        Assert.Equal(SearchCorpus.Documents, all.Count);

        // Before: one page of every document (up to 200), no page links.
        var first = await Page("/");
        Assert.Equal($"1–50 of {all.Count}", first.QuerySelector(".pager .range")?.TextContent);
        Assert.Equal(all.Take(50), DocumentLinks(first, "table.docs"));
        Assert.Equal("/?page=2", first.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
        var second = await Page("/?page=2");
        Assert.Equal($"51–{all.Count} of {all.Count}", second.QuerySelector(".pager .range")?.TextContent);
        Assert.Equal(all.Skip(50), DocumentLinks(second, "table.docs"));
        Assert.Equal("/", second.QuerySelector(".pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
        // Past the last page: the last page; not a number: the first.
        Assert.Equal(all.Skip(50), DocumentLinks(await Page("/?page=99"), "table.docs"));
        Assert.Equal(all.Take(50), DocumentLinks(await Page("/?page=abc"), "table.docs"));

        // Filters are kept in the page links (encoded), page 1 has no page parameter.
        var pager = new Casefile.Web.Rendering.Pager("/", [new("q", "a «b»"), new("entity", null), new("check", "date-order")], 2, 20, 100);
        Assert.Equal(("/?q=a%20%C2%ABb%C2%BB&check=date-order&page=3", "/?q=a%20%C2%ABb%C2%BB&check=date-order", "21–40 of 100"), (pager.Href(3), pager.Href(1), pager.Range));
        Assert.Equal([1, 2, 3, 4, 5], new Casefile.Web.Rendering.Pager("/", [], 2, 20, 100).Numbers());
        Assert.Equal([1, 0, 4, 5, 6, 7, 8, 0, 12], new Casefile.Web.Rendering.Pager("/", [], 6, 10, 120).Numbers());

        var api = Json.Parse(await _client.GetStringAsync("/api/documents?limit=10&offset=60", Ct));
        Assert.Equal((all.Count, 60), (api.GetProperty("total").GetInt32(), api.GetProperty("offset").GetInt32()));
        Assert.Equal(all.Skip(60), api.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Entity_list_filters_by_type_and_name_counts_and_pages()
    {
        using var store = _corpus.Open();
        var entities = store.Entities(limit: 100_000);
        Assert.True(entities.Count > 50, $"the fixture has more than a page of entities ({entities.Count})");

        // Before: /entities was 404 and no page listed the entities.
        var page = await Page("/entities");
        Assert.Contains(page.QuerySelectorAll("header nav a"), a => a.GetAttribute("href") == "/entities" && a.TextContent == "Entities");
        Assert.Equal($"1–50 of {entities.Count}", page.QuerySelector(".pager .range")?.TextContent);
        var rows = page.QuerySelectorAll("table.entities tbody tr").ToList();
        Assert.Equal(entities.Take(50).Select(e => "/entities/" + Uri.EscapeDataString(e.Id)), rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")));
        var top = entities[0];
        Assert.Equal([top.Name, top.Type, top.Mentions.ToString(), top.Documents.ToString()],
            rows[0].QuerySelectorAll("td").Select(td => td.TextContent).Where((_, i) => i != 2));
        var last = await Page("/entities?page=2");
        Assert.Equal(entities.Skip(50).Take(50).Select(e => e.Name), last.QuerySelectorAll("table.entities tbody tr td:first-child a").Select(a => a.TextContent));

        // Type filter with its counts, name filter, both; an entity's link opens its page.
        var people = entities.Where(e => e.Type == "PER").ToList();
        Assert.Equal($"PER — {people.Count}", Squash((await Page("/entities")).QuerySelector("select[name=type] option[value=PER]")?.TextContent));
        var perPage = await Page("/entities?type=PER");
        Assert.Equal($"{people.Count} entities of type PER", Squash(perPage.QuerySelector("#entity-count")?.TextContent));
        Assert.All(perPage.QuerySelectorAll("table.entities tbody tr td:nth-child(2)"), td => Assert.Equal("PER", td.TextContent));
        var koval = await Page("/entities?type=PER&name=koval");
        var row = Assert.Single(koval.QuerySelectorAll("table.entities tbody tr"));
        var kovalRow = people.Single(e => e.Name == "Arsen Koval");
        Assert.Equal(["Arsen Koval", "PER", kovalRow.Mentions.ToString(), "2"], row.QuerySelectorAll("td").Select(td => td.TextContent).Where((_, i) => i != 2));
        var entityPage = await _client.GetAsync(row.QuerySelector("a")!.GetAttribute("href"), Ct);
        Assert.Equal(HttpStatusCode.OK, entityPage.StatusCode);
        Assert.Contains("Arsen Koval", await entityPage.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var none = await Page("/entities?name=zebra");
        Assert.Equal("No entity matches these filters. Clear the filters", Squash(none.QuerySelector("p.none")?.TextContent));

        // The API pages the same list and gives the total in X-Total-Count.
        var response = await _client.GetAsync("/api/entities?type=PER&limit=3&offset=2", Ct);
        Assert.Equal(people.Count.ToString(), response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(people.Skip(2).Take(3).Select(e => e.Id), Json.Parse(await response.Content.ReadAsStringAsync(Ct)).EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }
}
