using System.Diagnostics;
using System.Text;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Tests.Support;
using Dapper;

namespace Casefile.Tests;

/// <summary>The corpus store on SQLite (always) and PostgreSQL (the cluster test.sh starts): round trip, idempotence, search, queries, bad input, SIGKILL.</summary>
public sealed class StoreTests : IDisposable
{
    // Invented: a customs chief, a bank, a court.
    private const string Customs =
        "Customs chief held in Velsk\n\n" +
        "Dana Ostrova, the former head of the Customs Service, was detained in Velsk on 4 May 2023. " +
        "Ostrova headed the Customs Service from March 2018 to January 2023. " +
        "Prosecutors said Selvik Bank transferred 40 million tenge to a company she controlled. " +
        "Her lawyer, Pavel Rudak, said the charges were \"absurd\".";

    private const string Verdict =
        "Verdict for Ostrova\n\n" +
        "The Velsk City Court sentenced Dana Ostrova to 9 years in prison on 2 February 2024 for abuse of office. " +
        "The court also found that Selvik Bank had breached reporting rules.";

    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-store-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, "in", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private string Db() => Path.Combine(_dir, $"store-{Guid.NewGuid():N}.db");

    private static IngestSummary Ingest(CaseStore store, params string[] paths) =>
        IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, paths, new IngestOptions { MaxBytes = Cli.Cli.IngestMaxBytes });

    /// <summary>Each back-end: SQLite always; PostgreSQL when test.sh started one (a fresh database per call).</summary>
    public static TheoryData<string> Backends() => ["sqlite", "postgres"];

    private string Location(string backend) => backend == "sqlite" ? Db() : Postgres.NewDatabase();

    [Theory]
    [MemberData(nameof(Backends))]
    public void Every_layer_round_trips_and_items_match_the_case_file(string backend)
    {
        using var store = CaseStore.Open(Location(backend));
        Write("customs.txt", Customs);
        Write("verdict.txt", Verdict);
        var summary = Ingest(store, Path.Combine(_dir, "in"));
        Assert.Equal((2, 0, 0), (summary.Stored, summary.Unchanged, summary.Failed));

        foreach (var (hash, stored, text) in store.CaseFiles())
        {
            var fresh = CasefileAnalyzer.ToCaseFile(CasefileAnalyzer.Run(new Document(text, stored.Document.Title, null, stored.Document.Source)));
            Assert.Equal(CaseFileJson.Serialize(fresh), CaseFileJson.Serialize(stored));
            Assert.Equal(Document.HashId(text), hash);
            var layers = store.Connection.Query<(string Layer, int N)>("SELECT layer, COUNT(*) FROM items WHERE document_id = @hash GROUP BY layer", new { hash })
                .ToDictionary(r => r.Layer, r => r.N);
            Assert.Equal(stored.Mentions.Count, layers.GetValueOrDefault("mentions"));
            Assert.Equal(stored.Entities!.Count, layers.GetValueOrDefault("entities"));
            Assert.Equal(stored.Quantities.Count, layers.GetValueOrDefault("quantities"));
            Assert.Equal(stored.Times.Count, layers.GetValueOrDefault("times"));
            Assert.Equal(stored.LegalRefs.Count, layers.GetValueOrDefault("legal_refs"));
            Assert.Equal(stored.Claims!.Count, layers.GetValueOrDefault("claims"));
            Assert.Equal(stored.Events!.Count, layers.GetValueOrDefault("events"));
            Assert.Equal(stored.Findings!.Count, layers.GetValueOrDefault("findings"));
            Assert.Equal(layers.Values.Sum(), store.Connection.ExecuteScalar<int>("SELECT items FROM documents WHERE id = @hash", new { hash }));
            var mention = store.Connection.QueryFirst<(int Start, int End, string Label)>(
                "SELECT span_start, span_end, label FROM items WHERE document_id = @hash AND layer = 'mentions' AND label = 'Dana Ostrova'", new { hash });
            Assert.Equal("Dana Ostrova", text[mention.Start..mention.End]);
        }

        Assert.Equal(backend == "sqlite" ? 3 : 4, store.SchemaVersion); // 2: undoable corrections; PostgreSQL 3: hash indexes by document; 3 (4): stable entity keys
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_version_1_store_gains_undoable_corrections_and_stable_ids_on_open_and_keeps_its_corrections_by_name(string backend)
    {
        var location = Location(backend);
        string a, b;
        using (var store = CaseStore.Open(location))
        {
            Ingest(store, Write("customs.txt", Customs));
            var names = store.Entities().Select(e => e.Name).ToList();
            (a, b) = (names[0], names[1]);
            // Back to schema version 1, as a store written before the web app, with a correction by names as casefile made them then.
            store.Connection.Execute("ALTER TABLE corrections DROP COLUMN undone_at; ALTER TABLE corrections DROP COLUMN undone_by; DROP TABLE entity_keys; DROP INDEX documents_ingested; DELETE FROM schema_migrations WHERE version >= 2");
            if (backend != "sqlite")
            {
                store.Connection.Execute("DROP SEQUENCE entity_serial");
            }

            store.Connection.Execute("INSERT INTO corrections (action, payload, author, created_at) VALUES ('merge', @payload, 'Old Editor', '2025-01-01T00:00:00.000Z'); DELETE FROM store_meta",
                new { payload = $"{{\"names\":[\"{a}\",\"{b}\"]}}" });
        }

        using var reopened = CaseStore.Open(location);
        Assert.Equal(backend == "sqlite" ? 3 : 4, reopened.SchemaVersion);
        var (row, cf, _) = reopened.Document(Casefile.Model.Document.HashId(Customs))!.Value;
        var listed = Assert.Single(reopened.Documents().Documents);
        Assert.Equal(row, listed);
        Assert.Equal((cf.Entities!.Count, cf.Claims!.Count, cf.Findings!.Count), (listed.Entities, listed.Claims, listed.Findings));
        Assert.Equal(1, reopened.Documents(check: null, entity: reopened.Entities()[0].Id).Total);
        Assert.Equal(0, reopened.Documents(check: "no-such-check").Total);
        // Every entity of the old document has a serial now, in document order: E1, E2, …
        Assert.Equal(Enumerable.Range(1, cf.Entities.Count).Select(n => (long)n),
            reopened.Connection.Query<long>("SELECT serial FROM entity_keys ORDER BY serial"));
        var corpusIds = reopened.CorpusIds(row.Id);
        Assert.Equal(cf.Entities.Select(e => e.Id).Order(), corpusIds.Keys.Order());
        Assert.All(corpusIds.Values, id => Assert.Matches("^E[0-9]+$", id));
        Assert.All(corpusIds.Values, id => Assert.NotNull(reopened.CorpusEntity(id)));

        // The old correction by names still applies, and can be undone.
        var merged = reopened.Entity(reopened.ResolveId(a))!;
        Assert.Contains(b, merged.Entity.Aliases);
        var correction = Assert.Single(reopened.Corrections());
        Assert.Equal(("merge", "Old Editor", (string?)null, (IReadOnlyList<long>?)null), (correction.Action, correction.Author, correction.UndoneAt, correction.Members));
        Assert.Contains(reopened.CorrectionsOf(merged.Entity.Id), c => c.Id == correction.Id);
        reopened.Undo(correction.Id, merged.Entity.Id, "Second Editor");
        Assert.Equal(StoreErrors.UndoneAlready, Assert.Throws<CasefileException>(() => reopened.Undo(correction.Id, null, "Second Editor")).Code);
        Assert.DoesNotContain(b, reopened.Entity(reopened.ResolveId(a))!.Entity.Aliases);
        var undone = Assert.Single(reopened.Corrections());
        Assert.Equal("Second Editor", undone.UndoneBy);
        Assert.NotNull(undone.UndoneAt);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Reingest_is_a_no_op_and_a_changed_text_is_a_new_version(string backend)
    {
        using var store = CaseStore.Open(Location(backend));
        var path = Write("customs.txt", Customs);
        Ingest(store, path);
        var items = store.Counts().Items;
        var again = Ingest(store, path);
        Assert.Equal((0, 1, 0), (again.Stored, again.Unchanged, again.NewVersions));
        Assert.Equal((1, 1, items), store.Counts());

        File.WriteAllText(path, Customs.Replace("4 May 2023", "5 May 2023", StringComparison.Ordinal));
        var changed = Ingest(store, path);
        Assert.Equal((0, 1), (changed.Stored, changed.NewVersions));
        Assert.Equal((1, 2), (store.Counts().Documents, store.Counts().Versions));
        // The key is the name under the ingested root (issue 17): the file's name here.
        Assert.Equal([1, 2], store.Connection.Query<int>("SELECT version FROM documents WHERE doc_key = @key ORDER BY version", new { key = Path.GetFileName(path) }));
        var latest = Assert.Single(store.CaseFiles());
        Assert.Contains("5 May 2023", latest.Text, StringComparison.Ordinal);
        var statuses = store.IngestLog().Select(l => l.Status);
        Assert.Equal([LogStatus.Stored, LogStatus.Unchanged, LogStatus.NewVersion], statuses);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Search_finds_sentences_with_highlights_and_survives_any_query(string backend)
    {
        using var store = CaseStore.Open(Location(backend));
        Write("customs.txt", Customs);
        Write("verdict.txt", Verdict);
        Ingest(store, Path.Combine(_dir, "in"));

        var hits = store.Search("detained Velsk");
        var hit = Assert.Single(hits.Results);
        Assert.Equal("Customs chief held in Velsk", hit.Title);
        var sentence = Assert.Single(hit.Sentences);
        Assert.Equal(["detained", "Velsk"], sentence.Matches.Select(m => Customs[m.Start..m.End]));
        Assert.Equal(Customs.IndexOf("Dana Ostrova, the former", StringComparison.Ordinal), sentence.Start);

        Assert.Equal(2, store.Search("Ostrova").Total);
        Assert.Single(store.Search("\"Selvik Bank transferred\"").Results);
        Assert.Empty(store.Search("\"Selvik Bank sentenced\"").Results);
        Assert.Empty(store.Search("zebra").Results);
        Assert.Empty(store.Search("\"unbalanced AND ( NEAR * -").Results);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Corpus_entities_join_documents_and_corrections_apply(string backend)
    {
        using var store = CaseStore.Open(Location(backend));
        Write("customs.txt", Customs);
        Write("verdict.txt", Verdict);
        Ingest(store, Path.Combine(_dir, "in"));

        var ostrova = Assert.Single(store.Entities("PER", "ostrova"));
        Assert.Equal(("Dana Ostrova", 2), (ostrova.Name, ostrova.Documents));
        Assert.Contains("Ostrova", ostrova.Aliases);
        Assert.Contains(store.Entities("ORG"), e => e.Name == "Selvik Bank" && e.Documents == 2);

        var detail = store.Entity(store.ResolveId("Dana Ostrova"))!;
        Assert.Equal(ostrova.Id, detail.Entity.Id);
        Assert.Equal(2, detail.Documents.Count);
        Assert.Contains(detail.Roles, r => r.Role == "head");
        Assert.Equal(["detention", "sentence"], detail.Events.Where(e => e.Type is "detention" or "sentence").Select(e => e.Type).Order());
        Assert.Contains(detail.Claims, c => c.SourceKind == "authority" && c.Certainty == "reported" && c.Text.StartsWith("Prosecutors said Selvik Bank", StringComparison.Ordinal));
        Assert.DoesNotContain(detail.Claims, c => c.Text.Contains("absurd", StringComparison.Ordinal)); // by her lawyer, about the charges
        Assert.Null(store.Entity("Dana Ostrova")); // names are not ids
        Assert.Equal(EntityLookupKind.NotFound, store.Lookup("Nobody Atall").Kind);
        Assert.Equal(Casefile.Store.StoreErrors.NotFound, Assert.Throws<CasefileException>(() => store.ResolveId("Nobody Atall")).Code);

        var before = store.Entities("PER").Count;
        store.Merge(ostrova.Id, store.ResolveId("Pavel Rudak"), "tester");
        Assert.Equal(before - 1, store.Entities("PER").Count);
        Assert.Equal(("merge", "tester"), store.Connection.QueryFirst<(string, string)>("SELECT action, author FROM corrections"));
    }

    [Fact]
    public void Findings_and_timeline_come_from_every_stored_document()
    {
        using var store = CaseStore.Open(Db());
        Ingest(store, Repo.Path("samples"));
        var inconsistent = store.Findings(status: "inconsistent");
        Assert.Contains(inconsistent, f => f.Finding.Check == "arithmetic" && f.Title == "Runway incident at Vostok airport sparks protests");
        Assert.All(inconsistent, f => Assert.Equal("inconsistent", f.Finding.Status));
        Assert.All(store.Findings("fx-conversion"), f => Assert.Equal("fx-conversion", f.Finding.Check));
        var timeline = store.CorpusTimeline();
        Assert.Equal(store.CaseFiles().Sum(c => c.CaseFile.Events!.Count), timeline.Count);
        var dated = timeline.TakeWhile(t => t.Time is not null && !t.Time.StartsWith('X')).Select(t => t.Time!).ToList();
        Assert.Equal(dated.Order(StringComparer.Ordinal), dated);
    }

    [Fact]
    public void Bad_inputs_are_logged_with_codes_and_the_rest_of_the_batch_is_stored()
    {
        Write("good.txt", Customs);
        File.WriteAllBytes(Path.Combine(_dir, "in", "image.txt"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3, 0, 0, 0, 0]);
        Write("wire.jsonl", "{\"id\":\"w1\",\"title\":\"Verdict\",\"text\":" + System.Text.Json.JsonSerializer.Serialize(Verdict) + "}\n{\"id\": broken\n");
        using (var big = File.Create(Path.Combine(_dir, "in", "huge.txt")))
        {
            var line = Encoding.UTF8.GetBytes("The Velsk City Court adjourned the hearing once again. ");
            for (long written = 0; written < 50L * 1024 * 1024; written += line.Length)
            {
                big.Write(line);
            }
        }

        var db = Db();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Cli.Run(["ingest", Path.Combine(_dir, "in"), "--db", db], stdout, stderr, () => Stream.Null);
        Assert.Equal(1, exit);
        using var store = CaseStore.Open(db);
        var log = store.IngestLog();
        Assert.Equal(2, log.Count(l => l.Status == LogStatus.Stored));
        Assert.Contains(log, l => l.Status == LogStatus.Failed && l.Code == ErrorCodes.BinaryInput && l.Input.EndsWith("image.txt", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Status == LogStatus.Failed && l.Code == ErrorCodes.MalformedJsonl && l.Input.EndsWith("wire.jsonl:2", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Status == LogStatus.Failed && l.Code == ErrorCodes.InputTooLarge && l.Input.EndsWith("huge.txt", StringComparison.Ordinal));
        Assert.Contains("error CF1002:", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("2 stored", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(["w1", "good.txt"], store.Connection.Query<string>("SELECT doc_key FROM documents ORDER BY doc_key DESC")); // relative to the ingested directory (issue 17)
    }

    [Fact]
    public void Sigkill_during_a_sqlite_ingest_loses_nothing_committed_and_a_rerun_finishes_without_duplicates()
    {
        var input = Path.Combine(_dir, "corpus");
        SyntheticCorpus.WriteTo(input, 240, seed: 3, targetChars: 3000);

        var db = Db();
        using (var child = CliProcess.Start("ingest", input, "--db", db))
        {
            // Kill once a few batches are in: in the middle of analysing or writing the next one.
            var deadline = Stopwatch.StartNew();
            while (Committed(db) < 70 && !child.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                Thread.Sleep(20);
            }

            Assert.False(child.HasExited, "the ingest finished before it could be killed; give it more documents");
            CliProcess.Kill9(child);
        }

        var committed = Committed(db);
        Assert.InRange(committed, 64, 239);
        using (var store = CaseStore.Open(db))
        {
            AssertWhole(store);
            var rerun = IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [input], new IngestOptions());
            Assert.Equal((240 - committed, committed, 0), (rerun.Stored, rerun.Unchanged, rerun.Failed));
            Assert.Equal(240, store.Counts().Versions);
            AssertWhole(store);
        }
    }

    /// <summary>Documents committed so far, read from another connection (WAL lets a reader in while the ingest writes).</summary>
    private static int Committed(string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            return c.ExecuteScalar<int>("SELECT COUNT(*) FROM documents");
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // schema not created yet
        }
    }

    /// <summary>No half-written document: each has the items and sentences its row promises, and no duplicate text.</summary>
    internal static void AssertWhole(CaseStore store)
    {
        var broken = store.Connection.Query<string>("""
            SELECT d.id FROM documents d
            WHERE d.items <> (SELECT COUNT(*) FROM items i WHERE i.document_id = d.id)
               OR NOT EXISTS (SELECT 1 FROM sentences s WHERE s.document_id = d.id)
            """).AsList();
        Assert.Empty(broken);
        Assert.Equal(0, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM (SELECT doc_key FROM documents GROUP BY doc_key, version HAVING COUNT(*) > 1) x"));
    }

    [Fact]
    public void Cli_queries_read_the_store_in_text_and_json()
    {
        var db = Db();
        Write("customs.txt", Customs);
        Write("verdict.txt", Verdict);
        (int Exit, string Out, string Err) Run(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exit = Cli.Cli.Run(args, stdout, stderr, () => Stream.Null);
            return (exit, stdout.ToString(), stderr.ToString());
        }

        var ingest = Run("ingest", Path.Combine(_dir, "in"), "--db", db);
        Assert.Equal(0, ingest.Exit);
        Assert.StartsWith($"{db}: 2 stored, 0 new versions, 0 unchanged, 0 queued, 0 skipped, 0 failed in ", ingest.Out, StringComparison.Ordinal);

        var search = Run("search", "sentenced", "--db", db, "-f", "json");
        var hit = Assert.Single(Json.Parse(search.Out).GetProperty("results").EnumerateArray());
        Assert.Equal("Verdict for Ostrova", hit.GetProperty("title").GetString());
        var match = hit.GetProperty("sentences")[0].GetProperty("matches")[0];
        Assert.Equal("sentenced", Verdict[match.GetProperty("start").GetInt32()..match.GetProperty("end").GetInt32()]);
        Assert.EndsWith("1 document(s)\n", Run("search", "sentenced", "--db", db).Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        var people = Json.Parse(Run("entities", "--db", db, "--type", "PER", "-f", "json").Out).EnumerateArray().ToList();
        Assert.Contains(people, p => p.GetProperty("name").GetString() == "Dana Ostrova" && p.GetProperty("documents").GetInt32() == 2);
        Assert.All(people, p => Assert.Equal("PER", p.GetProperty("type").GetString()));
        Assert.Contains("Dana Ostrova  (Ostrova)  7 mentions in 2 document(s)", Run("entities", "--db", db, "--name", "ostrova").Out, StringComparison.Ordinal);

        var entity = Run("entity", "Ostrova", "--db", db);
        Assert.Equal(0, entity.Exit);
        Assert.Contains("  role: former head", entity.Out, StringComparison.Ordinal);
        Assert.Contains("  event: 2024-02-02 sentence: Dana Ostrova; 9 years  [Verdict for Ostrova]", entity.Out, StringComparison.Ordinal);
        var missing = Run("entity", "Nobody Atall", "--db", db);
        Assert.Equal((1, true), (missing.Exit, missing.Err.StartsWith("error CF2804:", StringComparison.Ordinal)));

        var timeline = Json.Parse(Run("timeline", "--db", db, "-f", "json").Out).GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["2018-03/2023-01", "2023-05-04", "2024-02-02"], timeline.Take(3).Select(t => t.GetProperty("time").GetString()));
        Assert.EndsWith("finding(s)\n", Run("findings", "--db", db).Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        Assert.Equal(0, Run("correct", "--db", db, "--merge", "Dana Ostrova", "Pavel Rudak", "--by", "desk").Exit);
        Assert.Contains("Pavel Rudak", Run("entity", "Dana Ostrova", "--db", db).Out, StringComparison.Ordinal);
        Assert.Equal(2, Run("correct", "--db", db, "--merge", "Only One").Exit); // a usage error

        var csv = Path.Combine(_dir, "csv");
        Assert.Equal(0, Run("export", "--db", db, "-f", "csv", "--out", csv).Exit);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(csv, "documents.csv")).Length);
        var report = Path.Combine(_dir, "report.html");
        Assert.Equal(0, Run("report", "--db", db, "--out", report).Exit);
        Assert.Contains("<title>Case file: 2 documents</title>", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Store_locations_and_errors()
    {
        Assert.Equal(StoreKind.Sqlite, StoreLocation.Parse(null).Kind);
        Assert.EndsWith("casefile.db", StoreLocation.Parse(null).ConnectionString, StringComparison.Ordinal);
        var pg = StoreLocation.Parse("postgres://ann:s%40cret@db.example:6543/cases");
        Assert.Equal((StoreKind.Postgres, "postgres://db.example:6543/cases"), (pg.Kind, pg.Display));
        Assert.Contains("Password=s@cret", pg.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(StoreErrors.BadLocation, Assert.Throws<CasefileException>(() => StoreLocation.Parse("postgres://host-only")).Code);
        Assert.Equal("\"court\" \"sentenced\" \"Selvik Bank\"", CaseStore.FtsQuery("court sentenced \"Selvik Bank\""));
        Assert.Equal("", CaseStore.FtsQuery("* ( )"));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(1, Cli.Cli.Run(["search", "x", "--db", Path.Combine(_dir, "none.db")], stdout, stderr, () => Stream.Null));
        Assert.StartsWith("error CF2804:", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "none.db")), "reading never creates a store");

        stderr = new StringWriter();
        Assert.Equal(1, Cli.Cli.Run(["ingest", Write("a.txt", Customs), "--db", Db(), "--queue"], stdout, stderr, () => Stream.Null));
        Assert.StartsWith("error CF2805:", stderr.ToString(), StringComparison.Ordinal);

        var newer = Db();
        using (var s = CaseStore.Open(newer))
        {
            s.Connection.Execute("INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'future')");
        }

        Assert.Equal(StoreErrors.NewerSchema, Assert.Throws<CasefileException>(() => CaseStore.Open(newer)).Code);
    }

    [Fact]
    public void Two_postgres_workers_process_300_documents_exactly_once_with_the_results_of_a_sqlite_ingest()
    {
        var pg = Postgres.NewDatabase();
        var input = Path.Combine(_dir, "corpus");
        SyntheticCorpus.WriteTo(input, 300, seed: 11, targetChars: 1500);

        using (var store = CaseStore.Open(pg))
        {
            var queued = JobQueue.Enqueue(store, [input], new IngestOptions());
            Assert.Equal(300, queued.Queued);
        }

        using var a = CliProcess.Start("worker", "--db", pg, "--workers", "1", "--until-idle");
        using var b = CliProcess.Start("worker", "--db", pg, "--workers", "1", "--until-idle");
        var outA = CliProcess.Finish(a, TimeSpan.FromMinutes(4));
        var outB = CliProcess.Finish(b, TimeSpan.FromMinutes(4));
        var jobsA = int.Parse(outA.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var jobsB = int.Parse(outB.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(300, jobsA + jobsB);
        Assert.True(jobsA > 0 && jobsB > 0, $"both workers took jobs ({jobsA}, {jobsB})");

        using var pgStore = CaseStore.Open(pg);
        AssertWhole(pgStore);
        var stored = pgStore.Connection.Query<(string Id, int N)>("SELECT document_id, COUNT(*) FROM ingest_log WHERE status = 'stored' GROUP BY document_id").AsList();
        Assert.Equal(300, stored.Count);
        Assert.All(stored, s => Assert.Equal(1, s.N));
        Assert.Equal(0, pgStore.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM queue"));
        var states = JobQueue.States(pgStore.Location);
        Assert.Equal((0L, 0L, 0L), (states.Enqueued, states.Processing, states.Failed));
        Assert.Equal(10, states.Succeeded); // 300 inputs read in batches of 64 (4 × 64 + 44), each cut into jobs of 32: 4 × 2 + 2

        using var sqlite = CaseStore.Open(Db());
        IngestRunner.Run(sqlite, CasefileAnalyzer.DefaultPipeline, [input], new IngestOptions());
        var expected = sqlite.CaseFiles().ToDictionary(c => c.Id, c => CaseFileJson.Serialize(c.CaseFile, indented: false));
        var actual = pgStore.CaseFiles().ToDictionary(c => c.Id, c => CaseFileJson.Serialize(c.CaseFile, indented: false));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, kv => Assert.Equal(kv.Value, actual[kv.Key]));
    }

    [Fact]
    public void Sigkill_of_a_postgres_worker_loses_nothing_and_another_worker_finishes_the_queue()
    {
        var pg = Postgres.NewDatabase();
        var input = Path.Combine(_dir, "corpus");
        SyntheticCorpus.WriteTo(input, 120, seed: 5, targetChars: 3000);

        using (var store = CaseStore.Open(pg))
        {
            JobQueue.Enqueue(store, [input], new IngestOptions());
        }

        using var store2 = CaseStore.Open(pg);
        using (var victim = CliProcess.Start("worker", "--db", pg, "--workers", "2"))
        {
            var deadline = Stopwatch.StartNew();
            while (store2.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM documents") < 20 && deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                Thread.Sleep(50);
            }

            CliProcess.Kill9(victim);
        }

        var before = store2.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM documents");
        Assert.InRange(before, 20, 119);
        AssertWhole(store2);

        // The worst moment to die: inside a job's state change, holding Hangfire's lock row on it. Make that certain
        // for every unfinished job (the kill above lands there only sometimes): the rescuer must break the stale locks.
        store2.Connection.Execute("""
            INSERT INTO hangfire.lock (resource, acquired) SELECT 'hangfire:job:' || id || ':state-lock', NOW() FROM hangfire.job
            WHERE statename IS DISTINCT FROM 'Succeeded' ON CONFLICT (resource) DO NOTHING
            """);
        // Every unfinished job now has a stale lock (planted here, or left by the killed worker itself: then the insert
        // added nothing for it, which is why the rows are counted, not the insert).
        var unfinished = store2.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM hangfire.job WHERE statename IS DISTINCT FROM 'Succeeded'");
        Assert.True(unfinished > 0, "the killed worker left unfinished jobs");
        Assert.Equal(unfinished, store2.Connection.ExecuteScalar<int>("""
            SELECT COUNT(*) FROM hangfire.job j WHERE j.statename IS DISTINCT FROM 'Succeeded'
            AND EXISTS (SELECT 1 FROM hangfire.lock l WHERE l.resource = 'hangfire:job:' || j.id || ':state-lock')
            """));

        using var rescuer = CliProcess.Start("worker", "--db", pg, "--workers", "2", "--until-idle");
        CliProcess.Finish(rescuer, TimeSpan.FromMinutes(4));
        Assert.Equal(120, store2.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM documents"));
        Assert.Equal(120, store2.Connection.ExecuteScalar<int>("SELECT COUNT(DISTINCT document_id) FROM ingest_log WHERE status = 'stored'"));
        Assert.Equal(0, store2.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM queue"));
        AssertWhole(store2);
    }

    [Fact]
    public void A_poison_document_fails_with_its_error_and_does_not_block_the_queue()
    {
        var pg = Postgres.NewDatabase();
        using var store = CaseStore.Open(pg);
        var good = Write("good.txt", Customs);
        JobQueue.Enqueue(store, [good, Write("verdict.txt", Verdict)], new IngestOptions());

        // A queued text whose analysis throws: the pipeline refuses it (the component below fails on purpose).
        var poison = Document.HashId(Verdict);
        IngestJob.Location = store.Location;
        IngestJob.Pipeline = CasefileAnalyzer.CreateDefaultBuilder().Add(new Poison()).Build();
        try
        {
            var job = new IngestJob();
            var first = Assert.Throws<AggregateException>(() => job.ProcessBatch([Document.HashId(Customs), poison]));
            Assert.IsType<InvalidOperationException>(Assert.Single(first.InnerExceptions));
            Assert.Throws<AggregateException>(() => job.ProcessBatch([Document.HashId(Customs), poison])); // Hangfire's retry: the stored text is a no-op
        }
        finally
        {
            IngestJob.Pipeline = CasefileAnalyzer.DefaultPipeline;
        }

        Assert.Equal(1, store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM documents"));
        var (attempts, error) = store.Connection.QueryFirst<(int, string)>("SELECT attempts, last_error FROM queue WHERE id = @poison", new { poison });
        Assert.Equal(2, attempts);
        Assert.Contains("Poisoned on purpose", error, StringComparison.Ordinal);
        var failed = store.IngestLog().Where(l => l.Status == LogStatus.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(failed, f => Assert.Equal((StoreErrors.AnalysisFailed, poison), (f.Code, f.DocumentId)));
    }

    /// <summary>A pipeline component that fails on texts containing "Verdict".</summary>
    private sealed class Poison : IComponent
    {
        public string Name => "poison";

        public IReadOnlyList<Layer> Requires => [Layers.Tokens];

        public IReadOnlyList<Layer> Provides => [];

        public void Process(AnalysisContext context)
        {
            if (context.Document.Text.StartsWith("Verdict", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Poisoned on purpose");
            }
        }
    }
}
