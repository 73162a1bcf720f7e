using System.Text;
using Casefile.Pipeline;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>The casefile command run in-process: every error path of `analyze` and the main outputs.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content) => WriteBytes(name, Encoding.UTF8.GetBytes(content));

    private string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Cli.Run(args, stdout, stderr, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? "")));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Analyze_prints_one_indented_case_file_for_one_text_file()
    {
        var path = Write("a.txt", "Court fines Orbis\n\nOn April 24 the court fined Orbis 3 million tenge under Article 190.");
        var (exit, stdout, stderr) = Run(null, "analyze", path, "--published", "2023-05-02");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var json = Json.Parse(stdout);
        Assert.Equal("1", json.GetProperty("casefile").GetString());
        Assert.Equal("Court fines Orbis", json.GetProperty("document").GetProperty("title").GetString());
        Assert.Equal("2023-05-02", json.GetProperty("document").GetProperty("published").GetString());
        Assert.Equal("2023-04-24", json.GetProperty("times")[0].GetProperty("value").GetString());
        Assert.Equal(3000000, json.GetProperty("quantities")[0].GetProperty("value").GetDouble());
        Assert.Equal("190", json.GetProperty("legal_refs")[0].GetProperty("article").GetString());
        Assert.Contains("\n  \"document\"", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_CF1001_with_exit_1()
    {
        var (exit, stdout, stderr) = Run(null, "analyze", Path.Combine(_dir, "nope.txt"));
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("error CF1001:", stderr, StringComparison.Ordinal);
        Assert.Contains("Check the path", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_file_is_CF1002_with_exit_1()
    {
        var path = WriteBytes("photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]);
        var (exit, _, stderr) = Run(null, "analyze", path);
        Assert.Equal(1, exit);
        Assert.Contains("error CF1002:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_a_valid_empty_case_file()
    {
        var path = Write("empty.txt", "");
        var (exit, stdout, stderr) = Run(null, "analyze", path);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var json = Json.Parse(stdout);
        Assert.Equal(0, json.GetProperty("document").GetProperty("length").GetInt32());
        Assert.Equal(0, json.GetProperty("sentences").GetArrayLength());
        Assert.Equal(0, json.GetProperty("quantities").GetArrayLength());
    }

    [Fact]
    public void Malformed_jsonl_line_is_reported_by_number_and_the_other_lines_are_processed()
    {
        var path = Write("wire.jsonl",
            "{\"id\":\"a\",\"title\":\"One\",\"published\":\"2023-05-02\",\"text\":\"He got 5 years.\"}\n" +
            "{\"id\":\"b\",\"text\": broken\n" +
            "\n" +
            "{\"id\":\"c\",\"title\":\"Three\"}\n" +
            "{\"id\":\"d\",\"published\":\"May 2023\",\"text\":\"x\"}\n" +
            "{\"id\":\"e\",\"html\":\"<p>Fined 200 euros yesterday.</p>\",\"published\":\"2023-05-02\"}\n");
        var (exit, stdout, stderr) = Run(null, "analyze", path);
        Assert.Equal(1, exit);
        Assert.Contains("error CF1201: " + path + ":2:", stderr, StringComparison.Ordinal);
        Assert.Contains("error CF1202: " + path + ":4:", stderr, StringComparison.Ordinal);
        Assert.Contains("error CF1203: " + path + ":5:", stderr, StringComparison.Ordinal);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("a", Json.Parse(lines[0]).GetProperty("document").GetProperty("id").GetString());
        var e = Json.Parse(lines[1]);
        Assert.Equal("e", e.GetProperty("document").GetProperty("id").GetString());
        Assert.Equal("2023-05-01", e.GetProperty("times")[0].GetProperty("value").GetString());
        Assert.Equal("EUR", e.GetProperty("quantities")[0].GetProperty("unit").GetString());
    }

    [Fact]
    public void Invalid_utf8_is_decoded_with_a_CF1101_warning()
    {
        var path = WriteBytes("latin1.txt", [.. Encoding.UTF8.GetBytes("Caf"), 0xE9, .. Encoding.UTF8.GetBytes(" paid 5 euros.")]);
        var (exit, stdout, stderr) = Run(null, "analyze", path);
        Assert.Equal(0, exit);
        Assert.Contains("warning CF1101:", stderr, StringComparison.Ordinal);
        Assert.Contains("offset 3", stderr, StringComparison.Ordinal);
        var json = Json.Parse(stdout);
        Assert.Equal("CF1101", json.GetProperty("warnings")[0].GetProperty("code").GetString());
        Assert.Equal("5 euros", json.GetProperty("quantities")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Utf16_with_bom_and_utf8_bom_are_read()
    {
        var text = "Fined 7 euros.";
        var utf16 = WriteBytes("u16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        var utf8 = WriteBytes("u8.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        foreach (var path in new[] { utf16, utf8 })
        {
            var (exit, stdout, _) = Run(null, "analyze", path);
            Assert.Equal(0, exit);
            var json = Json.Parse(stdout);
            Assert.Equal(text.Length, json.GetProperty("document").GetProperty("length").GetInt32());
            Assert.Equal(6, json.GetProperty("quantities")[0].GetProperty("start").GetInt32());
        }
    }

    [Fact]
    public void Bad_published_date_is_CF1005_with_exit_2()
    {
        var path = Write("a.txt", "x");
        var (exit, _, stderr) = Run(null, "analyze", path, "--published", "02/05/2023");
        Assert.Equal(2, exit);
        Assert.Contains("error CF1005:", stderr, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_option_and_missing_input_are_usage_errors()
    {
        var (exit, _, stderr) = Run(null, "analyze", "x.txt", "--format", "xml");
        Assert.Equal(2, exit);
        Assert.Contains("error CF3001:", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Run(null, "analyze").Exit);
        Assert.Equal(2, Run(null, "analyse-typo", "x").Exit);
    }

    [Fact]
    public void Help_is_available_on_every_command()
    {
        var (exit, stdout, _) = Run(null, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("analyze", stdout, StringComparison.Ordinal);
        (exit, stdout, _) = Run(null, "analyze", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--published", stdout, StringComparison.Ordinal);
        Assert.Contains("--format", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Entities_prints_a_cross_document_table_with_the_rule_of_each_link()
    {
        var a = Write("one.txt", "Prosecutors said Arlen Berikov, the former chairman of the State Audit Committee, left Tarsk.");
        var b = Write("two.txt", "Arlen Berrikov denied the charges in Tarsk on Monday.");
        var (exit, stdout, stderr) = Run(null, "entities", a, b);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var json = Json.Parse(stdout);
        Assert.Equal(2, json.GetProperty("documents").GetArrayLength());
        var person = json.GetProperty("entities").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Arlen Berikov");
        var members = person.GetProperty("documents");
        Assert.Equal(2, members.GetArrayLength());
        Assert.Equal("full-name+variant", members[1].GetProperty("link").GetProperty("rule").GetString());

        (exit, stdout, _) = Run(null, "entities", a, b, "--format", "text");
        Assert.Equal(0, exit);
        Assert.Contains("← full-name+variant 0.95 with", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Facts_and_corrections_files_are_applied_and_bad_ones_reported_with_their_codes()
    {
        var text = Write("t.txt", "Arlen Berrikov met Dana Kim in the Republic of Karstan. Karstan denied it.");
        var facts = Write("facts.jsonl", """{"id": "p1", "schema": "Person", "properties": {"name": ["Arlen Berikov"], "alias": ["Arlen Berrikov"], "birthDate": ["1961-03-14"]}}""");
        var fixes = Write("fixes.jsonl", "# here Karstan is a football club\n{\"split\": \"Karstan\", \"from\": \"Republic of Karstan\"}");
        var (exit, stdout, stderr) = Run(null, "analyze", text, "--facts", facts, "--corrections", fixes);
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        var entities = Json.Parse(stdout).GetProperty("entities").EnumerateArray().ToList();
        var person = entities.Single(e => e.GetProperty("type").GetString() == "PER" && e.GetProperty("name").GetString() == "Arlen Berikov");
        Assert.Equal("p1", person.GetProperty("identifiers").GetProperty("ftm").GetString());
        Assert.Equal("1961-03-14", person.GetProperty("facts").GetProperty("birthDate")[0].GetString());
        Assert.Contains(entities, e => e.GetProperty("aliases").EnumerateArray().Select(x => x.GetString()).SequenceEqual(["Republic of Karstan"]));
        Assert.Contains(entities, e => e.GetProperty("aliases").EnumerateArray().Select(x => x.GetString()).SequenceEqual(["Karstan"]));

        (exit, _, stderr) = Run(null, "analyze", text, "--facts", Path.Combine(_dir, "none.jsonl"));
        Assert.Equal(1, exit);
        Assert.StartsWith($"error {ErrorCodes.FactsNotFound}:", stderr, StringComparison.Ordinal);
        (exit, _, stderr) = Run(null, "analyze", text, "--corrections", Write("bad.jsonl", "{\"merge\": \"x\"}"));
        Assert.Equal(1, exit);
        Assert.StartsWith($"error {ErrorCodes.CorrectionsMalformed}:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_resolution_reports_per_category_and_ends_with_precision_and_recall()
    {
        var set = Write("set.txt", "## d1 surname: test\n[PER Karim Smithov =a] met [PER Olga Kim =b]. [PER Smithov =a] left and [he =a] said so.\n");
        var (exit, stdout, _) = Run(null, "eval", "resolution", "--data", set);
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.StartsWith("surname ", lines[1], StringComparison.Ordinal);
        Assert.Equal("precision = 1.0000", lines[^2]);
        Assert.Equal("recall = 1.0000", lines[^1]);
    }

    [Fact]
    public void Eval_claims_reports_per_category_and_ends_with_the_three_scores()
    {
        var set = Write("claims.txt", "## c1 according-to: test\n{official reported cw} [CUE According to] the [SRC Ministry of Health], 41 people were injured. {author asserted cw} The mine was closed in May.\n");
        var (exit, stdout, _) = Run(null, "eval", "claims", "--data", set);
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.StartsWith("according-to ", lines[1], StringComparison.Ordinal);
        Assert.Equal("source-kind accuracy = 1.0000", lines[^3]);
        Assert.Equal("source-span F1 = 1.0000", lines[^2]);
        Assert.Equal("certainty accuracy = 1.0000", lines[^1]);

        var (bad, _, stderr) = Run(null, "eval", "claims", "--data", Write("bad.txt", "## c1 x: y\nno block\n"));
        Assert.Equal(1, bad);
        Assert.Contains("CF2401", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_report_has_a_claims_table_with_source_kind_and_certainty()
    {
        var (exit, stdout, _) = Run("According to the Ministry of Health, 41 people were injured. The director allegedly fled.", "analyze", "-", "-f", "text");
        Assert.Equal(0, exit);
        var table = stdout[stdout.IndexOf("## Claims (2)", StringComparison.Ordinal)..].Split('\n');
        Assert.Contains("official \"Ministry of Health\"", table[2], StringComparison.Ordinal);
        Assert.Contains("reported", table[2], StringComparison.Ordinal);
        Assert.StartsWith("  The director allegedly fled.", table[3], StringComparison.Ordinal);
        Assert.Contains("hedged \"allegedly\"", table[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_merges_documents_in_date_order_and_eval_events_reports_triples()
    {
        var a = Write("a.txt", "Police detained Bolat Nurgali in Taraz on 12 March 2024.");
        var b = Write("b.txt", "Aidos Karimov headed the port authority from 2015 to 2019.");
        var (exit, stdout, _) = Run(null, "timeline", a, b);
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("2015/2019", lines[0], StringComparison.Ordinal);
        Assert.Contains("tenure: Aidos Karimov", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("2024-03-12", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("a.txt v1]", lines[1], StringComparison.Ordinal);
        var (jsonExit, json, _) = Run(null, "timeline", a, b, "-f", "json");
        Assert.Equal(0, jsonExit);
        Assert.Equal("tenure", Json.Parse(json).GetProperty("timeline")[0].GetProperty("type").GetString());

        var set = Write("events.txt", "## e1 detention: test\n@published 2024-03-20\nPolice detained Bolat Nurgali in Taraz on March 12.\n> detention | Bolat Nurgali | 2024-03-12\n");
        var (evalExit, report, _) = Run(null, "eval", "events", "--data", set);
        Assert.Equal(0, evalExit);
        var rows = report.TrimEnd().Split('\n');
        Assert.StartsWith("detention ", rows[1], StringComparison.Ordinal);
        Assert.Equal("precision = 1.0000", rows[^2]);
        Assert.Equal("recall = 1.0000", rows[^1]);
    }

    [Fact]
    public void Check_lists_inconsistencies_first_and_compares_documents()
    {
        var a = Write("a.txt", "Twelve people died in the fire, including 15 firefighters. A court in Taraz sentenced Bolat Nurgali to 9 years in prison.");
        var b = Write("b.txt", "Bolat Nurgali was sentenced to 7 years in prison, a court in Taraz said.");
        var (exit, stdout, _) = Run(null, "check", a, b, "--published", "2022-10-12");
        Assert.Equal(0, exit);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.EndsWith("a.txt: 1 inconsistent, 0 unverifiable, 0 consistent", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("  ✗ arithmetic", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("# across documents: 1 inconsistent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("cross-document", StringComparison.Ordinal) && l.Contains("P9Y here, P7Y in", StringComparison.Ordinal));

        var fx = Write("fx.csv", "date,currency,per_usd\n2026-01,KZT,500\n2026-01,EUR,0.9\n");
        var (fxExit, json, _) = Run("The firm paid 12 billion tenge (about 21.6 million euros).", "analyze", "-", "--published", "2026-01-05", "--fx", fx);
        Assert.Equal(0, fxExit);
        Assert.Equal("consistent", Json.Parse(json).GetProperty("findings")[0].GetProperty("status").GetString());
        var (bad, _, stderr) = Run("text", "analyze", "-", "--fx", Write("bad.csv", "2023,KZT,x\n"));
        Assert.Equal(1, bad);
        Assert.Contains("CF2602", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Stdin_is_read_with_a_dash()
    {
        var (exit, stdout, _) = Run("The court fined him $3.5m.", "analyze", "-");
        Assert.Equal(0, exit);
        Assert.Equal(3500000, Json.Parse(stdout).GetProperty("quantities")[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public void Directories_are_read_recursively_in_order_and_other_files_are_reported()
    {
        Write("b/second.txt", "Second: 2,000 tenge.");
        Write("a/first.txt", "First: 1,000 tenge.");
        Write("a/notes.pdf", "%PDF");
        var (exit, stdout, stderr) = Run(null, "analyze", _dir);
        Assert.Equal(0, exit);
        Assert.Contains("warning CF1003:", stderr, StringComparison.Ordinal);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(1000, Json.Parse(lines[0]).GetProperty("quantities")[0].GetProperty("value").GetDouble());
        Assert.Equal(2000, Json.Parse(lines[1]).GetProperty("quantities")[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public void Html_gives_the_article_text_title_and_published_date_without_navigation_or_scripts()
    {
        var html = """
            <!doctype html><html><head><title>Site | Fine</title>
            <meta property="article:published_time" content="2024-03-20T09:00:00Z">
            <script>var tracking = "5 million dollars";</script></head>
            <body><nav><a href="/">Home</a> <a href="/news">News 24</a></nav>
            <article><h1>Council fined</h1>
            <p>The city council was fined 3.2 billion tenge last Tuesday, the auditors said in a long statement that listed every breach they had found in the accounts of the previous two years.</p>
            <p>The fine was imposed under Article 41 of the Constitution, which the council disputes, and the council said it would appeal against the ruling before the end of the month.</p>
            <p>The auditors said that the council had ignored three earlier warnings and had failed to publish its budget for the second year running, which the law requires.</p>
            </article><footer>© 2024 Example News. Cookies.</footer></body></html>
            """;
        var path = Write("page.html", html);
        var (exit, stdout, _) = Run(null, "analyze", path);
        Assert.Equal(0, exit);
        var json = Json.Parse(stdout);
        Assert.Equal("Council fined", json.GetProperty("document").GetProperty("title").GetString());
        Assert.Equal("2024-03-20", json.GetProperty("document").GetProperty("published").GetString());
        var quantities = json.GetProperty("quantities").EnumerateArray().Select(q => q.GetProperty("text").GetString()).ToList();
        Assert.Contains("3.2 billion tenge", quantities);
        Assert.DoesNotContain("5 million dollars", quantities);
        Assert.Equal("2024-03-19", json.GetProperty("times")[0].GetProperty("value").GetString());
        Assert.Equal("Constitution", json.GetProperty("legal_refs")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Text_format_is_a_readable_summary()
    {
        var path = Write("a.txt", "He was fined more than 10 billion tenge on April 24.");
        var (exit, stdout, _) = Run(null, "analyze", path, "--format", "text", "--published", "2023-05-02");
        Assert.Equal(0, exit);
        Assert.Contains("## Money (1)", stdout, StringComparison.Ordinal);
        Assert.Contains("≥10,000,000,000 KZT", stdout, StringComparison.Ordinal);
        Assert.Contains("2023-04-24 [day, from published]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void File_over_the_size_limit_is_CF1004()
    {
        var path = Write("big.txt", new string('a', 2000));
        var (exit, _, stderr) = Run(null, "analyze", path, "--max-bytes", "1000");
        Assert.Equal(1, exit);
        Assert.Contains("error CF1004:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_codes_are_documented()
    {
        var doc = File.ReadAllText(Repo.Path("docs", "errors.md"));
        foreach (var field in typeof(ErrorCodes).GetFields().Concat(typeof(Casefile.Store.StoreErrors).GetFields()).Concat(typeof(Casefile.Web.WebErrors).GetFields()))
        {
            var code = (string)field.GetValue(null)!;
            Assert.Contains("`" + code + "`", doc, StringComparison.Ordinal);
        }
    }
}
