using System.Text;
using System.Text.Json;
using Casefile.Export;
using Casefile.Model;
using Casefile.Output;
using Casefile.Tests.Support;
using CsvHelper;

namespace Casefile.Tests;

/// <summary>Exports: FollowTheMoney (checked against the FtM model in Node), CSV, the HTML and Markdown reports, and the CLI.</summary>
public sealed class ExportTests : IDisposable
{
    // Invented for these tests: a port director, a district court, a trading company.
    private const string Brekke =
        "Port chief jailed in Ostmark\n\n" +
        "Halvard Brekke, the former director of the Northgate Port Authority, was sentenced by the Ostmark District Court to 7 years in prison on 12 March 2024. " +
        "Brekke headed the authority from May 2015 to June 2021. He was found guilty of embezzlement under Article 190 of the Criminal Code. " +
        "In case No. 2-114/2024 the court also ordered the confiscation of his property. " +
        "In 2020 the Northgate Port Authority paid 2 million euros to Selden Trading Ltd. Police detained Brekke in Ostmark on 3 August 2023, according to the prosecutor's office.";

    private const string Vasko =
        "Mayor questioned\n\n" +
        "Mayor Lidia Vasko of Kerrow was questioned by investigators on Monday, the city council said. " +
        "Halvard Brekke, who ran the Northgate Port Authority, was not present.";

    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ExportDocument Doc(string text, string? title = null, string? source = null)
    {
        var analyzed = CasefileAnalyzer.Run(new Document(text, title, new DateOnly(2024, 3, 15), source));
        return new ExportDocument(CasefileAnalyzer.ToCaseFile(analyzed), text);
    }

    private static Dictionary<string, FtmEntity> BySchema(FtmExportResult r, string schema) =>
        r.Entities.Where(e => e.Schema == schema).ToDictionary(e => e.Properties.TryGetValue("name", out var n) ? n[0] : e.Id, e => e);

    private static string One(FtmEntity e, string property) => Assert.Single(e.Properties[property]);

    [Fact]
    public void Ftm_maps_people_court_case_sanction_occupancy_payment_and_events()
    {
        var result = FtmExport.Export(new ExportSet([Doc(Brekke, title: "Port chief jailed in Ostmark")]));
        var person = Assert.Single(result.Entities, e => e.Schema == "Person");
        Assert.Equal("Halvard Brekke", One(person, "name"));
        Assert.Equal(["Brekke"], person.Properties["alias"]);

        var orgs = BySchema(result, "PublicBody");
        Assert.Equal(["Northgate Port Authority", "Ostmark District Court"], orgs.Keys.Order());
        var company = Assert.Single(result.Entities, e => e.Schema == "Organization");
        Assert.Equal("Selden Trading Ltd", One(company, "name"));
        Assert.Equal("Ostmark", One(Assert.Single(result.Entities, e => e.Schema == "Address"), "full"));

        var courtCase = Assert.Single(result.Entities, e => e.Schema == "CourtCase");
        Assert.Equal("Ostmark District Court", One(courtCase, "court"));
        Assert.Equal("2-114/2024", One(courtCase, "caseNumber"));
        Assert.Equal("Case against Halvard Brekke", One(courtCase, "name"));
        var party = Assert.Single(result.Entities, e => e.Schema == "CourtCaseParty");
        Assert.Equal(courtCase.Id, One(party, "case"));
        Assert.Equal(person.Id, One(party, "party"));

        var sanction = Assert.Single(result.Entities, e => e.Schema == "Sanction");
        Assert.Equal(person.Id, One(sanction, "entity"));
        Assert.Equal("7 years", One(sanction, "duration"));
        Assert.Equal("2024-03-12", One(sanction, "startDate"));
        Assert.Equal("embezzlement", One(sanction, "reason"));
        Assert.Equal("Ostmark District Court", One(sanction, "authority"));

        var post = Assert.Single(result.Entities, e => e.Schema == "Position");
        Assert.Equal("director of Northgate Port Authority", One(post, "name"));
        Assert.Equal(orgs["Northgate Port Authority"].Id, One(post, "organization"));
        var occupancy = Assert.Single(result.Entities, e => e.Schema == "Occupancy");
        Assert.Equal((person.Id, post.Id, "2015-05", "2021-06", "former"),
            (One(occupancy, "holder"), One(occupancy, "post"), One(occupancy, "startDate"), One(occupancy, "endDate"), One(occupancy, "status")));

        var payment = Assert.Single(result.Entities, e => e.Schema == "Payment");
        Assert.Equal((orgs["Northgate Port Authority"].Id, company.Id, "2000000", "EUR", "2020"),
            (One(payment, "payer"), One(payment, "beneficiary"), One(payment, "amount"), One(payment, "currency"), One(payment, "date")));

        var detention = Assert.Single(result.Entities, e => e.Schema == "Event" && e.Properties["keywords"].Contains("detention"));
        Assert.Equal(("2023-08-03", person.Id, "Ostmark"), (One(detention, "date"), One(detention, "involved"), One(detention, "location")));

        var article = Assert.Single(result.Entities, e => e.Schema == "Article");
        Assert.Equal("Port chief jailed in Ostmark", One(article, "title"));
        Assert.Equal(Brekke, One(article, "bodyText"));
        Assert.Equal(article.Id, One(detention, "proof"));
        var mentions = result.Entities.Where(e => e.Schema == "Mention").ToList();
        Assert.Equal(4, mentions.Count); // the person and three organisations; places are named on the article instead
        Assert.All(mentions, m => Assert.Equal(article.Id, One(m, "document")));
        Assert.Contains(mentions, m => One(m, "resolved") == person.Id && One(m, "detectedSchema") == "Person");
        Assert.Equal(["Ostmark"], article.Properties["locationMentioned"]);
    }

    [Fact]
    public void Ftm_sidecar_keeps_spans_certainty_and_sources_keyed_by_ftm_id()
    {
        var doc = Doc(Brekke);
        var result = FtmExport.Export(new ExportSet([doc]));
        Assert.Equal(result.Entities.Where(e => e.Schema is not ("Position")).Select(e => e.Id).Order(),
            result.Sidecar.Keys.Where(k => result.Entities.First(e => e.Id == k).Schema != "Position").Order());
        foreach (var (id, entry) in result.Sidecar)
        {
            foreach (var span in entry.Records.SelectMany(r => r.Spans))
            {
                Assert.Equal(ExportSet.Quote(doc, span.Start, span.End), span.Text);
                Assert.True(span.End <= Brekke.Length && span.Start < span.End, $"{id}: {span}");
            }
        }

        var person = result.Entities.Single(e => e.Schema == "Person");
        var names = result.Sidecar[person.Id].Records.Single().Spans;
        Assert.Equal("Halvard Brekke", names[0].Text);
        Assert.Equal(Brekke.IndexOf("Halvard Brekke", StringComparison.Ordinal), names[0].Start);
        Assert.Contains(names, s => s.Text == "He" && s.What == "pronoun");

        var detention = result.Entities.Single(e => e.Schema == "Event" && e.Properties["keywords"].Contains("detention"));
        var record = result.Sidecar[detention.Id].Records.Single();
        Assert.Equal(("authority", "prosecutor's office"), (record.Source!.Kind, record.Source.Name));
        Assert.Equal("reported", record.Certainty);

        var article = result.Entities.Single(e => e.Schema == "Article");
        Assert.Equal(doc.CaseFile.Claims!.Count, result.Sidecar[article.Id].Records.Single().Claims!.Count);
        var json = CaseFileJson.Serialize(result.Sidecar);
        Assert.Equal(JsonValueKind.Object, Json.Parse(json).GetProperty(person.Id).ValueKind);
    }

    [Fact]
    public void Ftm_ids_are_deterministic_across_runs_and_input_order_and_join_documents()
    {
        static List<string> Lines(IEnumerable<ExportDocument> docs) =>
            [.. FtmExport.Export(new ExportSet(docs)).Entities.Select(CaseFileJson.Serialize)];

        var first = Lines([Doc(Brekke), Doc(Vasko)]);
        var again = Lines([Doc(Brekke), Doc(Vasko)]);
        var reversed = Lines([Doc(Vasko), Doc(Brekke)]);
        Assert.Equal(first, again);
        Assert.Equal(first.Order(), reversed.Order());

        // Halvard Brekke is one Person across both articles, with both as proof; the id depends on the name alone.
        var result = FtmExport.Export(new ExportSet([Doc(Brekke), Doc(Vasko)]));
        var brekke = Assert.Single(result.Entities, e => e.Schema == "Person" && e.Properties["name"][0] == "Halvard Brekke");
        Assert.Equal(2, brekke.Properties["proof"].Count);
        Assert.Equal(ExportSet.MakeId("Person", "halvard brekke"), brekke.Id);
        Assert.Equal("8843d7f92416211de9ebb963ff4ce28125932878", ExportSet.Sha1("foobar"));
    }

    [Fact]
    public void Ftm_export_of_the_samples_passes_the_FtM_model()
    {
        Node.Require();
        var path = Path.Combine(_dir, "samples.ftm.jsonl");
        var (exit, _, err) = Run("export", Repo.Path("samples"), "--format", "ftm", "--out", path);
        Assert.True(exit == 0, err);
        Assert.True(File.Exists(Path.Combine(_dir, "samples.ftm.sidecar.json")));
        var (code, stdout, stderr) = Node.Run("validate-ftm.mjs", path);
        var report = Json.Parse(stdout);
        Assert.True(code == 0, stdout + stderr);
        Assert.Equal(0, report.GetProperty("errors").GetArrayLength());
        var schemata = report.GetProperty("schemata");
        foreach (var schema in new[] { "Article", "Person", "Organization", "PublicBody", "Address", "Mention", "Position", "Occupancy", "CourtCase", "CourtCaseParty", "Sanction", "Payment", "Event" })
        {
            Assert.True(schemata.TryGetProperty(schema, out var n) && n.GetInt32() > 0, $"no {schema} in the samples' export: {schemata}");
        }
    }

    [Fact]
    public void Ftm_validator_rejects_what_the_model_does_not_allow()
    {
        Node.Require();
        var path = Path.Combine(_dir, "bad.ftm.jsonl");
        File.WriteAllLines(path,
        [
            """{"id":"p1","schema":"Person","properties":{"name":["Ana Ruk"],"birthDate":["12 May 1970"],"nationality":["Ruritania"]}}""",
            """{"id":"x1","schema":"Wizard","properties":{"name":["Merl"]}}""",
            """{"id":"o1","schema":"Organization","properties":{"name":["Orbis"],"shoeSize":["42"]}}""",
            """{"id":"m1","schema":"Mention","properties":{"name":["Orbis"],"document":["nowhere"],"resolved":["o1"]}}""",
            """{"id":"e1","schema":"Event","properties":{"name":["Raid"],"involved":["m1"],"eventsInvolved":["p1"]}}""",
            """{"id":"p1","schema":"Person","properties":{"alias":["A. Ruk"]}}""",
        ]);
        var (code, stdout, _) = Node.Run("validate-ftm.mjs", path);
        Assert.Equal(1, code);
        var errors = Json.Parse(stdout).GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("birthDate '12 May 1970' is not an ISO date", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("nationality 'Ruritania' is not a country code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("no schema 'Wizard'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("has no property 'shoeSize'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("document points at nowhere, which is not exported", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("involved points at a Mention, not a LegalEntity", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("id p1 repeats line 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Ftm_export_of_the_seed_article_passes_the_FtM_model()
    {
        var seed = Repo.Shared is { } shared ? Path.Combine(shared, "corpus", "seed", "masimov-affair.txt") : null;
        if (seed is null || !File.Exists(seed))
        {
            Assert.Skip("../shared/corpus/seed/masimov-affair.txt is absent (a fresh clone has no ../shared); seed export check skipped.");
        }

        Node.Require();
        var path = Path.Combine(_dir, "seed.ftm.jsonl");
        var (exit, _, err) = Run("export", seed, "--format", "ftm", "--out", path, "--published", "2023-05-02");
        Assert.True(exit == 0, err);
        var (code, stdout, stderr) = Node.Run("validate-ftm.mjs", path);
        Assert.True(code == 0, stdout + stderr);
        var schemata = Json.Parse(stdout).GetProperty("schemata");
        Assert.True(schemata.GetProperty("Sanction").GetInt32() >= 4, schemata.ToString());
        Assert.True(schemata.GetProperty("CourtCase").GetInt32() >= 1, schemata.ToString());
    }

    [Fact]
    public void Csv_round_trips_quotes_commas_and_newlines()
    {
        var title = "\"Quoted\", with commas,\nand a second line";
        var set = new ExportSet([Doc(Brekke, title: title, source: "dir, with comma/a \"b\".txt")]);
        var dir = Path.Combine(_dir, "csv");
        var paths = CsvExport.Write(set, dir);
        Assert.Equal(CsvExport.TableNames.Select(n => Path.Combine(dir, n + ".csv")), paths);
        foreach (var table in CsvExport.Tables(set))
        {
            using var reader = CsvReader.FromFile(Path.Combine(dir, table.Name + ".csv"));
            Assert.Equal(table.Columns, reader.Headers);
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i))]);
            }

            Assert.Equal(table.Rows.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(table.Rows[i].Select(v => v ?? ""), rows[i]);
            }
        }

        var documents = File.ReadAllText(Path.Combine(dir, "documents.csv"));
        Assert.Contains("\"\"\"Quoted\"\", with commas,\nand a second line\"", documents, StringComparison.Ordinal);
        Assert.False(File.ReadAllBytes(Path.Combine(dir, "claims.csv")).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
    }

    [Fact]
    public void Csv_escapes_cells_a_spreadsheet_would_run_as_formulas()
    {
        var output = new StringWriter();
        CsvExport.Write(new CsvTable("t", ["a", "b"], [["=HYPERLINK(\"x\")", "plain, text"], ["@SUM(A1)", "12"]]), output);
        Assert.Equal("a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",\"plain, text\"\r\n\"'@SUM(A1)\",12\r\n", output.ToString());
    }

    [Fact]
    public void Csv_tables_and_columns_are_stable()
    {
        Assert.Equal(["documents", "entities", "mentions", "quantities", "times", "legal_refs", "events", "event_participants", "claims", "findings"], CsvExport.TableNames);
        Assert.Equal(["document", "start", "end", "text", "type", "entity", "kind", "confidence", "link_rule", "link_score"], CsvExport.Columns["mentions"]);
        var tables = CsvExport.Tables(new ExportSet([Doc(Brekke)])).ToDictionary(t => t.Name);
        Assert.All(tables.Values, t => Assert.All(t.Rows, r => Assert.Equal(t.Columns.Count, r.Length)));
        var mention = tables["mentions"].Rows.First(r => r[3] == "Halvard Brekke");
        var start = Brekke.IndexOf("Halvard Brekke", StringComparison.Ordinal);
        Assert.Equal([start.ToString(), (start + 14).ToString(), "PER"], [mention[1], mention[2], mention[4]]);
        var sentence = tables["events"].Rows.Single(r => r[2] == "sentence" && r[10] is not null);
        Assert.Equal(("P7Y", "imprisonment", "2024-03-12"), (sentence[10], sentence[11], sentence[6]));
    }

    [Fact]
    public void Html_report_is_self_contained_escaped_and_has_every_section()
    {
        var html = HtmlReport.Render(ReportModel.Build(new ExportSet([Doc(Brekke), Doc("Fine for <b>Orbis</b> & Co\n\nThe court fined Orbis & Co 3 million tenge.")])));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        foreach (var (id, heading) in ReportModel.Sections)
        {
            Assert.Contains($"<section id=\"{id}\">\n<h2>{heading}</h2>", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(html, "https?://[^\"' <]+").Select(m => m.Value).Distinct());
        Assert.Contains("Fine for &lt;b&gt;Orbis&lt;/b&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"timeline\"", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("<td>Halvard Brekke</td><td>Brekke</td><td>former director of Northgate Port Authority</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unverified_event_says_so_once_in_both_reports()
    {
        var set = new ExportSet([Doc("Arrest reported\n\nPolice detained Ivo Marek in Tarsk on 2 May 2024, unnamed sources told a local channel.")]);
        var model = ReportModel.Build(set);
        Assert.Contains(model.Timeline, t => t.Unverified);
        foreach (var report in new[] { HtmlReport.Render(model), MarkdownReport.Render(model) })
        {
            Assert.Contains("(unverified)", report, StringComparison.Ordinal);
            Assert.DoesNotContain("(unverified) (unverified)", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Timeline_svg_draws_a_dot_per_day_and_a_bar_per_period_in_date_order()
    {
        var model = ReportModel.Build(new ExportSet([Doc(Brekke)]));
        var dated = model.Timeline.Where(t => t.From is not null).ToList();
        Assert.Equal(["tenure", "payment", "detention", "sentence"], dated.Select(t => t.Type));
        Assert.Equal((new DateOnly(2015, 5, 1), new DateOnly(2021, 6, 30)), (dated[0].From, dated[0].To));
        var svg = HtmlReport.TimelineSvg(model.Timeline);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(svg, "<rect ")); // the tenure and the year 2020
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(svg, "<circle "));
        Assert.Contains(">2015</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">2024</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_report_in_headless_chromium_makes_no_requests_and_logs_no_errors()
    {
        Node.Require(chromium: true);
        var path = Path.Combine(_dir, "report.html");
        var (exit, _, err) = Run("report", Repo.Path("samples"), "--out", path);
        Assert.True(exit == 0, err);
        var artifacts = Repo.Path("artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "report.png");
        File.Delete(screenshot);
        var (code, stdout, stderr) = Node.Run("check-report.mjs", path, screenshot);
        Assert.True(code == 0, stdout + stderr);
        var result = Json.Parse(stdout);
        Assert.Equal(0, result.GetProperty("consoleErrors").GetArrayLength());
        Assert.Equal(0, result.GetProperty("requests").GetArrayLength());
        Assert.Equal(ReportModel.Sections.Select(s => s.Id), result.GetProperty("sections").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, result.GetProperty("svg").GetInt32());
        Assert.True(new FileInfo(screenshot).Length > 10_000, "screenshot saved in artifacts/report.png");
    }

    [Fact]
    public void Markdown_report_has_the_same_sections_and_escapes_table_cells()
    {
        var md = MarkdownReport.Render(ReportModel.Build(new ExportSet([Doc(Brekke)])));
        var headings = md.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..]);
        Assert.Equal(ReportModel.Sections.Select(s => s.Heading), headings);
        Assert.Contains("| Halvard Brekke | Brekke | former director of Northgate Port Authority | ", md, StringComparison.Ordinal);
        Assert.Equal("a \\| b \\*c\\* d", MarkdownReport.Cell("a | b *c*\nd").Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_export_formats_errors_and_sidecar_path()
    {
        var input = Path.Combine(_dir, "brekke.txt");
        File.WriteAllText(input, Brekke);

        var (exit, _, err) = Run("export", input, "--format", "csv");
        Assert.Equal((1, true), (exit, err.StartsWith("error CF2701:", StringComparison.Ordinal)));

        var blocker = Path.Combine(_dir, "a-file");
        File.WriteAllText(blocker, "x");
        (exit, _, err) = Run("export", input, "--format", "html", "--out", Path.Combine(blocker, "report.html"));
        Assert.Equal((1, true), (exit, err.StartsWith("error CF2702:", StringComparison.Ordinal)));

        (exit, _, err) = Run("export", Path.Combine(_dir, "missing.txt"), "--format", "json");
        Assert.Equal(1, exit);
        Assert.Contains("error CF2703:", err, StringComparison.Ordinal);

        (exit, var stdout, _) = Run("export", input, "--format", "json", "--published", "2024-03-15");
        Assert.Equal(0, exit);
        Assert.Equal("Port chief jailed in Ostmark", Json.Parse(stdout.Trim()).GetProperty("document").GetProperty("title").GetString());

        (exit, stdout, _) = Run("export", input, "--format", "md");
        Assert.Equal(0, exit);
        Assert.StartsWith("# Case file: Port chief jailed in Ostmark\n", stdout, StringComparison.Ordinal);

        var report = Path.Combine(_dir, "out", "r.html");
        (exit, stdout, _) = Run("report", input, "-o", report);
        Assert.Equal((0, ""), (exit, stdout));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "out"), "*.tmp-*"));

        Assert.Equal(Path.Combine("x", "case.ftm.sidecar.json"), Cli.Cli.SidecarPath(Path.Combine("x", "case.ftm.jsonl")));
        Assert.Equal("case.sidecar.json", Cli.Cli.SidecarPath("case"));
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Cli.Run(args, stdout, stderr, () => new MemoryStream(Encoding.UTF8.GetBytes("")));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
