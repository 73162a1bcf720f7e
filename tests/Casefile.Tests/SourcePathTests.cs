using System.Text.Json;
using Casefile.Export;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Tests.Support;
using Dapper;

namespace Casefile.Tests;

/// <summary>
/// No absolute path of the ingesting machine in what is stored, served or exported (issue 17, point 9): inputs are
/// named relative to the ingested root, distinct inputs keep distinct names, and exports of absolute sources (older
/// stores) show them relative to their common directory.
/// </summary>
public sealed class SourcePathTests : IDisposable
{
    private const string Harbour = "Harbour fees in Velsk\n\nThe Velsk harbour board raised its fees by 12 per cent on 3 March 2023, its chair Mira Selden said.";
    private const string Ferry = "Ferry closed\n\nThe Orsk council closed the Orsk ferry on 9 May 2022 after Orbit Dredging Ltd left the port.";
    private const string Mill = "The Velsk mill paid a fine of 2 million tenge in 2021, the court said.";

    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-paths-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Backends() => ["sqlite", "postgres"];

    private string Db(string backend) => backend == "sqlite" ? Path.Combine(_dir, $"paths-{Guid.NewGuid():N}.db") : Postgres.NewDatabase();

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, "in", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Every text column the store keeps about documents and the ingest, for "does it contain the temporary directory".</summary>
    private static string Everything(CaseStore store) => string.Join("\n",
        store.Connection.Query<string>("SELECT doc_key || '|' || COALESCE(source, '') || '|' || case_file FROM documents")
            .Concat(store.Connection.Query<string>("SELECT input || '|' || COALESCE(message, '') FROM ingest_log")));

    [Theory]
    [MemberData(nameof(Backends))]
    public void Ingesting_a_directory_names_each_file_by_its_path_under_it_and_a_x_and_b_x_stay_two_documents(string backend)
    {
        // Before: the keys were the paths as given, here absolute (/tmp/casefile-paths-…/in/a/x.txt).
        Write("a/x.txt", Harbour);
        Write("b/x.txt", Ferry);
        Write("c.txt", Mill);
        File.WriteAllBytes(Write("bad/image.txt", ""), [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0]);
        var db = Db(backend);
        var stderr = new StringWriter();
        Assert.Equal(1, Cli.Cli.Run(["ingest", Path.Combine(_dir, "in"), "--db", db], new StringWriter(), stderr, () => Stream.Null));

        using var store = CaseStore.Open(db);
        var docs = store.Connection.Query<(string Key, string Source, string Id)>("SELECT doc_key, source, id FROM documents ORDER BY doc_key").AsList();
        Assert.Equal(["a/x.txt", "b/x.txt", "c.txt"], docs.Select(d => d.Key));
        Assert.Equal(["a/x.txt", "b/x.txt", "c.txt"], docs.Select(d => d.Source));
        Assert.Equal(3, docs.Select(d => d.Id).Distinct().Count());
        var failed = Assert.Single(store.IngestLog(), l => l.Status == LogStatus.Failed);
        Assert.Equal(("bad/image.txt", ErrorCodes.BinaryInput), (failed.Input, failed.Code));
        Assert.DoesNotContain(_dir, Everything(store), StringComparison.Ordinal);
        // The user is told where the names start (stderr is theirs: the path may be shown there).
        Assert.Contains($"inputs are named relative to {Path.Combine(_dir, "in")}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("error CF1002: bad/image.txt", stderr.ToString(), StringComparison.Ordinal);

        // Ingesting the same directory again finds every text unchanged: same names, nothing new.
        var again = IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [Path.Combine(_dir, "in")], new IngestOptions());
        Assert.Equal((0, 3), (again.Stored, again.Unchanged));
    }

    [Fact]
    public void File_arguments_are_named_relative_to_their_common_directory_so_two_x_txt_stay_two_documents()
    {
        var a = Write("a/x.txt", Harbour);
        var b = Write("b/x.txt", Ferry);
        var single = Write("solo/notes.txt", Mill);
        using var store = CaseStore.Open(Db("sqlite"));
        var summary = IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [a, b], new IngestOptions());
        Assert.Equal(2, summary.Stored);
        IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [single], new IngestOptions());
        Assert.Equal(["a/x.txt", "b/x.txt", "notes.txt"], store.Connection.Query<string>("SELECT doc_key FROM documents ORDER BY doc_key"));
        Assert.DoesNotContain(_dir, Everything(store), StringComparison.Ordinal);

        // A file that cannot be found is named the same way in the log.
        IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [Path.Combine(_dir, "in", "solo", "gone.txt")], new IngestOptions());
        var missing = Assert.Single(store.IngestLog(), l => l.Status == LogStatus.Failed);
        Assert.Equal(("gone.txt", "gone.txt: no such file or directory. Check the path, or pass - to read standard input."), (missing.Input, missing.Message));
    }

    [Fact]
    public void Common_root_and_names()
    {
        var sep = Path.DirectorySeparatorChar;
        Assert.Equal(Path.Combine(_dir, "in"), Ingestor.CommonRoot([Path.Combine(_dir, "in", "a", "x.txt"), Path.Combine(_dir, "in", "b", "x.txt")]));
        Assert.Equal(Path.Combine(_dir, "in", "a"), Ingestor.CommonRoot([Path.Combine(_dir, "in", "a", "x.txt")]));
        Assert.Equal($"{sep}", Ingestor.CommonRoot([$"{sep}x{sep}a.txt", $"{sep}y{sep}b.txt"]));
        Assert.Null(Ingestor.CommonRoot(["-"]));
        Assert.Equal("x/a.txt", Ingestor.NameOf($"{sep}x{sep}a.txt", $"{sep}"));
        Assert.Equal("-", Ingestor.NameOf("-", "/"));
        Assert.Equal("some/where.txt", Ingestor.NameOf("some/where.txt", null)); // without a root: as given (analyze)
    }

    [Fact]
    public void Exports_and_reports_of_absolute_sources_show_them_relative_to_their_common_directory()
    {
        // What an older store holds (keys and sources as absolute paths), or `casefile export /abs/…`.
        ExportDocument Doc(string text, string source) =>
            new(CasefileAnalyzer.ToCaseFile(CasefileAnalyzer.Run(new Document(text, null, null, source))), text);
        var set = new ExportSet([Doc(Harbour.Replace("Harbour fees in Velsk\n\n", "", StringComparison.Ordinal), "/home/anna/affair/a/x.txt"),
            Doc(Ferry, "/home/anna/affair/b/x.txt"), Doc(Mill, "https://news.example/mill")]);
        var ftm = FtmExport.Export(set);
        var articles = ftm.Entities.Where(e => e.Schema == "Article").ToList();
        Assert.Equal(["a/x.txt", "b/x.txt"], articles.SelectMany(a => a.Properties.GetValueOrDefault("fileName") ?? []).Order(StringComparer.Ordinal));
        Assert.Equal(["https://news.example/mill"], articles.SelectMany(a => a.Properties.GetValueOrDefault("sourceUrl") ?? []));
        Assert.Contains(articles, a => a.Properties["name"].SequenceEqual(["x.txt"]));
        var all = JsonSerializer.Serialize(ftm.Entities.Select(e => e.Properties).ToList()) + JsonSerializer.Serialize(ftm.Sidecar);
        Assert.DoesNotContain("/home/anna", all, StringComparison.Ordinal);

        var model = ReportModel.Build(set);
        var html = HtmlReport.Render(model);
        var markdown = MarkdownReport.Render(model);
        Assert.DoesNotContain("/home/anna", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/home/anna", markdown, StringComparison.Ordinal);
        Assert.Contains("<td>a/x.txt</td>", html, StringComparison.Ordinal);
        Assert.Contains("| b/x.txt |", markdown, StringComparison.Ordinal);
        var csv = CsvExport.Tables(set).Single(t => t.Name == "documents");
        Assert.DoesNotContain(csv.Rows, r => r.Any(v => v?.Contains("/home/anna", StringComparison.Ordinal) == true));
        Assert.Contains(csv.Rows, r => r.Contains("a/x.txt"));

        // One absolute source alone: its file name.
        Assert.Equal(["x.txt", "pasted:sha256:00", null], SourceNames.Relative(["/home/anna/affair/a/x.txt", "pasted:sha256:00", null]));
        Assert.Equal(["x/a.txt", "y/b.txt"], SourceNames.Relative(["/x/a.txt", "/y/b.txt"]));
    }

    [Fact]
    public async Task The_web_pages_and_api_of_a_store_ingested_by_absolute_path_show_no_absolute_path()
    {
        Write("a/x.txt", Harbour);
        Write("b/x.txt", Ferry);
        var db = Db("sqlite");
        using (var store = CaseStore.Open(db))
        {
            IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [Path.Combine(_dir, "in")], new IngestOptions());
        }

        var location = StoreLocation.Parse(db);
        await using var factory = new WebFactory(new Casefile.Web.WebOptions { Store = location, Port = 0, LogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        using var client = factory.CreateClient();
        var pages = new List<string> { await client.GetStringAsync("/", TestContext.Current.CancellationToken), await client.GetStringAsync("/api/documents", TestContext.Current.CancellationToken) };
        using (var store = CaseStore.Open(location))
        {
            foreach (var (id, _, _) in store.CaseFiles())
            {
                pages.Add(await client.GetStringAsync($"/documents/{id}", TestContext.Current.CancellationToken));
                pages.Add(await client.GetStringAsync($"/api/documents/{id}", TestContext.Current.CancellationToken));
            }
        }

        Assert.All(pages, p => Assert.DoesNotContain(_dir, p, StringComparison.Ordinal));
        Assert.Contains("a/x.txt", pages[0], StringComparison.Ordinal);
        Assert.Contains("b/x.txt", pages[0], StringComparison.Ordinal);
    }
}
