using System.Net;
using System.Text.RegularExpressions;
using Casefile.Export;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Store;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>
/// The document page over HTTP (issue 17): roles by the organisation's name, the timeline table in time order with
/// dates in words, a long document's page size, panels that page. Fixture texts are invented for these tests.
/// </summary>
public sealed partial class WebPageTests : IClassFixture<SampleStore>, IDisposable
{
    private const string Vesk = """
        Orlan Vesk case in Tarsk

        Orlan Vesk, the former head of the Tarsk Water Agency, was detained in Tarsk on 12 March 2021. Vesk headed the Tarsk Water Agency from May 2014 to June 2019.

        On 24 April the court in Tarsk sentenced Mira Dolen to 6 years in prison for embezzlement.

        In 2016 the Tarsk Water Agency paid 40 million tenge to Kelmar Trading LLP, the prosecutor said.

        Anonymous sources said Dolen was arrested in Brenna on 2 February 2020.
        """;

    private readonly SampleStore _samples;
    private readonly WebFactory _factory;
    private readonly HttpClient _client;

    public WebPageTests(SampleStore samples)
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

    private (string Id, CaseFile CaseFile, string Text) Store(string text, string name)
    {
        using var store = _samples.Open();
        var entry = IngestRunner.IngestOne(store, CasefileAnalyzer.DefaultPipeline, System.Text.Encoding.UTF8.GetBytes(text), name, "txt", new IngestOptions());
        Assert.NotNull(entry.DocumentId);
        var (_, cf, stored) = store.Document(entry.DocumentId!)!.Value;
        return (entry.DocumentId!, cf, stored);
    }

    [Fact]
    public async Task Roles_name_their_organisation_on_the_document_page_and_in_entities_csv()
    {
        var (id, cf, text) = Store(Vesk, "vesk-roles.txt");
        var person = cf.Entities!.Single(e => e.Name == "Orlan Vesk");
        var role = Assert.Single(person.Roles!);
        var agency = cf.Entities!.Single(e => e.Id == role.Of);
        Assert.Equal("Tarsk Water Agency", agency.Name);

        Assert.Equal("Tarsk Water Agency", Wording.RoleOf(role, cf));
        Assert.Equal("former head of Tarsk Water Agency (May 2014 – June 2019)", Wording.Role(role, cf));
        Assert.Equal("e9", Wording.RoleOf(role with { Of = "e9" }, cf)); // no such entity: the id, not nothing

        var page = WebUtility.HtmlDecode(await _client.GetStringAsync($"/documents/{id}", Ct));
        Assert.Contains("<div class=\"role\">former head of Tarsk Water Agency (May 2014 – June 2019)</div>", page, StringComparison.Ordinal);
        Assert.DoesNotContain($" of {role.Of}", page, StringComparison.Ordinal);

        var entities = CsvExport.Tables(new ExportSet([new ExportDocument(cf, text)])).Single(t => t.Name == "entities");
        var row = entities.Rows.Single(r => r[1] == person.Id);
        Assert.Equal("former head of Tarsk Water Agency from 2014-05 to 2019-06", row[entities.Columns.ToList().IndexOf("roles")]);
        Assert.Equal(agency.Id, row[entities.Columns.ToList().IndexOf("role_entities")]);
        Assert.Null(entities.Rows.Single(r => r[1] == agency.Id)[entities.Columns.ToList().IndexOf("role_entities")]);
    }

    [Fact]
    public async Task The_timeline_table_is_in_time_order_with_dates_in_words_and_unverified_once()
    {
        var (id, cf, _) = Store(Vesk, "vesk-timeline.txt");
        Assert.Contains(cf.Events!, e => e.Time?.Value == "XXXX-04-24");
        var page = await _client.GetStringAsync($"/documents/{id}", Ct);
        var table = page[page.IndexOf("<table class=\"events\">", StringComparison.Ordinal)..page.IndexOf("</table>", page.IndexOf("<table class=\"events\">", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Equal(["May 2014 to June 2019", "2016", "2 February 2020", "12 March 2021", "24 April, year unknown"],
            When().Matches(table).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));
        Assert.DoesNotContain("XXXX", table, StringComparison.Ordinal);
        Assert.DoesNotContain("(unverified)", table, StringComparison.Ordinal);
        Assert.Equal(1, cf.Events!.Count(e => e.Unverified == true));
        Assert.Equal(1, Regex.Count(table, "unverified")); // the badge, not also the summary's "(unverified)"
    }

    [Fact]
    public void Dates_in_words()
    {
        Assert.Equal("24 April, year unknown", Wording.Date("XXXX-04-24"));
        Assert.Equal("April, year unknown", Wording.Date("XXXX-04"));
        Assert.Equal("year unknown", Wording.Date("XXXX"));
        Assert.Equal("3 May 2022", Wording.Date("2022-05-03"));
        Assert.Equal("mid May 2022", Wording.Date("2022-05", "mid"));
        Assert.Equal("early 2019", Wording.Date("2019", "start"));
        Assert.Equal("the 2010s", Wording.Date("201"));
        Assert.Equal("June 2015 to 31 December 2021", Wording.Date("2015-06/2021-12-31"));
        Assert.Equal("3 May 2022, 14:30", Wording.Date("2022-05-03T14:30"));
        Assert.Equal("2022-W12", Wording.Date("2022-W12"));
        Assert.Equal("undated", Wording.Date(null));
    }

    [Fact]
    public async Task A_long_documents_page_grows_with_its_text_by_a_small_factor_and_its_panels_page()
    {
        var (name, text) = SyntheticCorpus.Generate(1, seed: 11, targetChars: 150_000).Single();
        var (id, cf, stored) = Store(text, name);
        var html = await _client.GetStringAsync($"/documents/{id}", Ct);
        var ratio = (double)System.Text.Encoding.UTF8.GetByteCount(html) / System.Text.Encoding.UTF8.GetByteCount(stored);
        // Before: 19.6 bytes of HTML per byte of this text (every piece with data-s, data-e, classes and the full hover text; every panel row).
        Assert.True(ratio < 7, $"{ratio:0.00} bytes of HTML per byte of text");

        var claims = cf.Claims!.Count;
        Assert.True(claims > 200, $"{claims} claims");
        Assert.Contains($"Claims <span class=\"count\">{claims}</span>", html, StringComparison.Ordinal);
        Assert.Equal(100, Regex.Count(html, "<tr class=\"claim\""));
        Assert.Contains($"1–100 of {claims:N0} <a rel=\"next\" href=\"/documents/{id}?claims=2#claims\">next 100</a>", html, StringComparison.Ordinal);

        var second = await _client.GetStringAsync($"/documents/{id}?claims=2&events=2", Ct);
        Assert.Equal(100, Regex.Count(second, "<tr class=\"claim\""));
        Assert.Contains($"101–200 of {claims:N0} <a rel=\"prev\" href=\"/documents/{id}?events=2#claims\">previous 100</a>", second, StringComparison.Ordinal);
        var third = cf.Claims![200];
        Assert.DoesNotContain($"data-spans=\"{third.Start}-{third.End}\"", second, StringComparison.Ordinal);
        Assert.Contains($"data-spans=\"{cf.Claims![100].Start}-{cf.Claims![100].End}\"", second, StringComparison.Ordinal);
        // A page past the end, or not a number, is the first page.
        Assert.Contains("1–100 of", await _client.GetStringAsync($"/documents/{id}?claims=999", Ct), StringComparison.Ordinal);
        Assert.Contains("1–100 of", await _client.GetStringAsync($"/documents/{id}?claims=-1", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_page_has_no_hover_only_text_and_no_nested_controls()
    {
        using var store = _samples.Open();
        foreach (var (id, _, _) in store.CaseFiles().ToList())
        {
            var page = await _client.GetStringAsync($"/documents/{id}", Ct);
            var outsideText = page.Remove(page.IndexOf("<div id=\"text\"", StringComparison.Ordinal), page.IndexOf("<aside", StringComparison.Ordinal) - page.IndexOf("<div id=\"text\"", StringComparison.Ordinal));
            Assert.DoesNotContain(" title=\"", outsideText, StringComparison.Ordinal); // the text's titles are shown in the #record box
            Assert.DoesNotContain("role=\"button\"", page, StringComparison.Ordinal);
            Assert.Contains("<div class=\"record\" id=\"record\" hidden>", page, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<td class=\"when\">([^<]*)</td>")]
    private static partial Regex When();
}
