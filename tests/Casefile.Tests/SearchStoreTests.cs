using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Tests.Support;
using Dapper;

namespace Casefile.Tests;

/// <summary>
/// The store's search, filters, paging and cross-document check on SQLite and PostgreSQL (issue 17, points 10–12, 16a):
/// search pages by documents with the total, matches come as ranges, filters combine, the cross-document check runs over the store.
/// </summary>
public sealed class SearchStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-searchstore-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Backends() => ["sqlite", "postgres"];

    private CaseStore Filled(string backend, int notes = 3)
    {
        var store = CaseStore.Open(backend == "sqlite" ? Path.Combine(_dir, $"s-{Guid.NewGuid():N}.db") : Postgres.NewDatabase());
        SearchTexts.Fill(store, _dir, diaryDays: 40, notes);
        return store;
    }

    private static string Id(CaseStore store, string title) => store.Documents(limit: 1000).Documents.Single(d => d.Title == title).Id;

    [Theory]
    [MemberData(nameof(Backends))]
    public void Search_pages_by_documents_and_counts_them_all(string backend)
    {
        using var store = Filled(backend);
        // Before: Search("sentenced", 2) took 10 sentences, all the diary's, and gave 1 document.
        var first = store.Search("sentenced", limit: 2);
        Assert.Equal(SearchTexts.Sentenced, first.Total);
        Assert.Equal(2, first.Results.Count);
        var all = Enumerable.Range(0, 5).SelectMany(p => store.Search("sentenced", limit: 2, offset: p * 2).Results).ToList();
        Assert.Equal(SearchTexts.Sentenced, all.Count);
        Assert.Equal(SearchTexts.Sentenced, all.Select(r => r.Document).Distinct().Count());
        Assert.Empty(store.Search("sentenced", limit: 2, offset: 10).Results);
        Assert.Equal(SearchTexts.Sentenced, store.Search("sentenced", limit: 2, offset: 10).Total);

        var diary = all.Single(r => r.Title == "Court diary");
        Assert.Equal(40, diary.MatchingSentences);
        Assert.Equal(3, diary.Sentences.Count);
        Assert.Equal(diary.Sentences.OrderBy(s => s.Start), diary.Sentences);
        var text = store.Document(diary.Document)!.Value.Text;
        foreach (var s in diary.Sentences)
        {
            Assert.Equal(text[s.Start..s.End], s.Text);
            Assert.Equal(["sentenced"], s.Matches.Select(m => text[m.Start..m.End]));
        }

        Assert.Equal(5, store.Search("sentenced", sentences: 5).Results.Single(r => r.Title == "Court diary").Sentences.Count);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Matches_are_ranges_and_guillemets_in_the_text_stay_text(string backend)
    {
        using var store = Filled(backend);
        var hit = Assert.Single(store.Search("sentenced Marot").Results);
        var sentence = Assert.Single(hit.Sentences);
        Assert.Equal(SearchTexts.FrenchSentence, sentence.Text);
        var text = store.Document(hit.Document)!.Value.Text;
        Assert.Equal(["sentenced", "Marot"], sentence.Matches.Select(m => text[m.Start..m.End]));
        Assert.Equal(SearchTexts.French.IndexOf("sentenced", StringComparison.Ordinal), sentence.Matches[0].Start);

        // A phrase is one range; words in guillemets match like any other.
        var phrase = Assert.Single(Assert.Single(store.Search("\"ferons appel\"").Results).Sentences);
        Assert.Equal(["ferons appel"], phrase.Matches.Select(m => text[m.Start..m.End]));
    }

    [Fact]
    public void Ranges_come_from_the_markers_or_not_at_all()
    {
        // Markers U+E000/U+E001 around "b" in "a b c" at offset 10.
        Assert.Equal([new TextRange(12, 13)], CaseStore.Ranges("a \uE000b\uE001 c", "a b c", 10, 15));
        // Adjacent marks (a phrase marked word by word) join.
        Assert.Equal([new TextRange(0, 3)], CaseStore.Ranges("\uE000a\uE001\uE000 b\uE001", "a b", 0, 3));
        Assert.Equal([new TextRange(0, 3)], CaseStore.Ranges("\uE000a\uE001 \uE000b\uE001", "a b", 0, 3));
        Assert.Equal([new TextRange(0, 1), new TextRange(4, 5)], CaseStore.Ranges("\uE000a\uE001 x \uE000b\uE001", "a x b", 0, 5));
        // The text itself holds a marker character: no ranges rather than wrong ones.
        Assert.Empty(CaseStore.Ranges("\uE000a\uE001 \uE000", "a \uE000", 0, 3));
        // The stored sentence is not the span's text (PostgreSQL drops NULs): no ranges.
        Assert.Empty(CaseStore.Ranges("\uE000a\uE001b", "ab", 0, 3));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Search_entity_and_check_filters_combine_with_counts(string backend)
    {
        using var store = Filled(backend);
        var koval = store.Entities(name: "Arsen Koval").Single(e => e.Name == "Arsen Koval");
        var both = new[] { Id(store, "Koval verdict one"), Id(store, "Koval verdict two") }.Order().ToList();
        Assert.Equal(both, store.Search("sentenced", entity: koval.Id).Results.Select(r => r.Document).Order());
        Assert.Equal(both, store.Documents(entity: koval.Id, check: CaseStore.CrossDocumentCheck).Documents.Select(d => d.Id).Order());
        Assert.Equal([Id(store, "Koval verdict two")], store.Documents(entity: koval.Id, query: "said").Documents.Select(d => d.Id));
        Assert.Equal(0, store.Search("Marot", entity: koval.Id).Total);
        Assert.Equal(0, store.Documents(query: "!!!").Total);

        var counts = store.FilterCounts([koval.Id], query: "sentenced");
        Assert.Equal(2, counts.Entities[koval.Id]);
        Assert.Equal(2, counts.Checks[CaseStore.CrossDocumentCheck]);
        var unfiltered = store.FilterCounts([koval.Id]);
        foreach (var (check, n) in unfiltered.Checks)
        {
            Assert.Equal(store.Documents(check: check).Total, n);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Cross_document_check_runs_over_the_store_and_is_cached_per_generation(string backend)
    {
        using var store = Filled(backend);
        var (a, b) = (Id(store, "Koval verdict one"), Id(store, "Koval verdict two"));
        var finding = Assert.Single(store.CrossDocumentFindings());
        // Listed under the document ingested first; the other one is named by its title in the message.
        var (first, firstTitle, other, otherTitle) = finding.Document == a ? (a, "Koval verdict one", b, "Koval verdict two") : (b, "Koval verdict two", a, "Koval verdict one");
        Assert.Equal((first, firstTitle, other, otherTitle), (finding.Document, finding.Title, finding.OtherDocument, finding.OtherTitle));
        Assert.Equal(("cross-document", "inconsistent", other), (finding.Finding.Check, finding.Finding.Status, finding.Finding.OtherDocument));
        var (here, there) = first == a ? ("P9Y", "P6Y") : ("P6Y", "P9Y");
        Assert.Equal($"the sentence of Arsen Koval: {here} here, {there} in {otherTitle}.", finding.Finding.Message);
        Assert.Equal(new HashSet<string> { a, b }, store.CrossDocumentMembers());
        Assert.Contains(store.CorpusFindings(), r => r.Finding.Check == "cross-document" && r.Document == first);
        Assert.Single(store.CorpusFindings(check: "cross-document", status: "inconsistent"));
        Assert.Empty(store.CorpusFindings(check: "cross-document", status: "consistent"));

        var cached = store.Connection.ExecuteScalar<string>("SELECT value FROM store_meta WHERE key = 'cross_document'");
        Assert.Contains($"{there} in {otherTitle}", cached, StringComparison.Ordinal);
        // A third verdict with the same term: computed again for the new generation (two more findings, consistent with one).
        var more = Path.Combine(_dir, "more-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(more);
        File.WriteAllText(Path.Combine(more, "koval-c.txt"), "Koval verdict three\n\nThe court in Velmar sentenced Arsen Koval to 6 years in prison, his lawyer said.");
        IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [more], new IngestOptions());
        using var reopened = CaseStore.Open(store.Location);
        var now = reopened.CrossDocumentFindings();
        Assert.Equal(3, now.Count);
        Assert.Contains(now, f => f.Finding.Status == "consistent");
        Assert.NotEqual(cached, reopened.Connection.ExecuteScalar<string>("SELECT value FROM store_meta WHERE key = 'cross_document'"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Documents_and_entities_page_in_a_stable_order(string backend)
    {
        using var store = Filled(backend, notes: 12);
        var all = store.Documents(limit: 1000).Documents.Select(d => d.Id).ToList();
        Assert.Equal(SearchTexts.Sentenced + 12, all.Count);
        var paged = Enumerable.Range(0, 3).SelectMany(p => store.Documents(limit: 8, offset: p * 8).Documents.Select(d => d.Id)).ToList();
        Assert.Equal(all, paged);
        Assert.Equal((all.Count, 16), (store.Documents(limit: 8, offset: 16).Total, store.Documents(limit: 8, offset: 16).Offset));

        var entities = store.Entities();
        var page = store.EntitiesPage(null, null, 5, 5);
        Assert.Equal(entities.Count, page.Total);
        Assert.Equal(entities.Skip(5).Take(5).Select(e => e.Id), page.Entities.Select(e => e.Id));
        Assert.Equal(entities.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.Count()), page.Types);
        var people = store.EntitiesPage("PER", "koval", 10, 0);
        Assert.Equal(["Arsen Koval"], people.Entities.Select(e => e.Name));
    }
}
