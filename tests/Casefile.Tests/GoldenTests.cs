using Casefile.Ingest;
using Casefile.Output;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>
/// Every shipped sample against its golden case file in Golden/. Regenerate deliberately with
/// CASEFILE_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public sealed class GoldenTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("CASEFILE_UPDATE_GOLDEN") == "1";

    public static IEnumerable<TheoryDataRow<string>> Samples() =>
        Directory.GetFiles(Repo.Path("samples"))
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Select(f => new TheoryDataRow<string>(f!));

    private static List<(IngestItem Item, Casefile.Pipeline.AnalyzedDocument? Analyzed)> Analyze(string name)
    {
        var items = Ingestor.Read(Repo.Path("samples", name), new IngestOptions()).ToList();
        return items.Select(i => (i, i.Document is null ? null : CasefileAnalyzer.Run(i.Document, i.Warnings))).ToList();
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_matches_its_golden_case_file(string name)
    {
        var results = Analyze(name);
        Assert.All(results, r => Assert.Null(r.Item.Error));
        // Relative source names keep the golden files free of machine paths.
        var json = string.Join("\n", results.Select(r =>
        {
            var cf = CasefileAnalyzer.ToCaseFile(r.Analyzed!);
            cf = cf with { Document = cf.Document with { Source = Path.GetRelativePath(Repo.Root, cf.Document.Source!) } };
            return CaseFileJson.Serialize(cf);
        })) + "\n";
        var golden = Repo.Path("tests", "Casefile.Tests", "Golden", name + ".json");
        if (Update)
        {
            File.WriteAllText(golden, json);
            return;
        }

        Assert.True(File.Exists(golden), $"no golden file for {name}; create it with CASEFILE_UPDATE_GOLDEN=1 ./test.sh and review it");
        Assert.Equal(File.ReadAllText(golden), json);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_keeps_the_span_invariant(string name)
    {
        foreach (var (_, analyzed) in Analyze(name))
        {
            SpanInvariant.Check(analyzed!);
        }
    }

    [Fact]
    public void At_least_three_article_samples_of_3_to_6_KB_ship()
    {
        var articles = Directory.GetFiles(Repo.Path("samples"), "*.txt").Where(f => new FileInfo(f).Length is >= 3000 and <= 6500).ToList();
        Assert.True(articles.Count >= 3, $"only {articles.Count} samples/*.txt of 3–6 KB");
    }
}
