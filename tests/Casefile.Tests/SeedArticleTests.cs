using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Resolution;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>
/// The seed article in ../shared (licence unknown: read at test time, never copied). Checks the
/// facts it is known to contain, by value; skips when ../shared is absent (a user's fresh clone).
/// </summary>
public sealed class SeedArticleTests
{
    private static AnalyzedDocument Seed()
    {
        var shared = Repo.Shared;
        var path = shared is null ? null : Path.Combine(shared, "corpus", "seed", "masimov-affair.txt");
        if (path is null || !File.Exists(path))
        {
            Assert.Skip("../shared/corpus/seed/masimov-affair.txt is absent (a fresh clone has no ../shared); seed checks skipped.");
        }

        return CasefileAnalyzer.Run(new Document(File.ReadAllText(path), published: new DateOnly(2023, 5, 2)));
    }

    [Fact]
    public void Seed_money_durations_dates_and_legal_references()
    {
        var doc = Seed();
        SpanInvariant.Check(doc);
        var q = doc.Get(Layers.Quantities);
        Assert.Contains(q, x => x.Kind == "money" && x.Value == 10e9 && x.Unit == "KZT" && x.AtLeast);
        Assert.Contains(q, x => x.Kind == "money" && x.Value == 20e6 && x.Unit == "EUR" && x.Approximate);
        Assert.Contains(q, x => x.Kind == "money" && x.Value == 24e6 && x.Unit == "USD");
        Assert.Contains(q, x => x.Kind == "money" && x.Value == 21.8e6 && x.Unit == "EUR");
        Assert.Equal([16.0, 15.0, 3.0], q.Where(x => x.Kind == "duration" && x.Unit == "year").Take(3).Select(x => x.Value!.Value));
        Assert.Contains(q, x => x.Kind == "age" && x.Value == 76);

        var t = doc.Get(Layers.Times);
        Assert.Contains(t, x => x.Text == "April 24" && x.Value == "2023-04-24" && x.Anchor == "published");
        Assert.Contains(t, x => x.Value == "2016-09/2022-01" && x.Granularity == "period");
        Assert.Contains(t, x => x.Value == "2022" && x.Mod == "start" && x.Anchor == "published");
        Assert.Contains(t, x => x.Value == "2022-01-05" && x.Anchor == "context");

        var l = doc.Get(Layers.LegalRefs);
        Assert.Contains(l, x => x.Article == "362" && x.Part == "4" && x.Paragraph == "3");
    }

    [Fact]
    public void Seed_entities_one_former_nsc_head_with_every_spelling_deputies_merged_president_apart()
    {
        var doc = Seed();
        var text = doc.Document.Text;
        var entities = doc.Get(Layers.Entities);
        var mentions = doc.Get(Layers.LinkedMentions);
        Entity Of(string name) => entities.Single(e => e.Aliases.Contains(name));

        // Every spelling of the former NSC head in the text is an alias of one entity.
        var head = Of("Karim Masimov");
        var spellings = System.Text.RegularExpressions.Regex.Matches(text, @"\b(?:Karim |K\. )?Mas+imo+v\b").Select(x => x.Value).Distinct().ToList();
        Assert.True(spellings.Count >= 5, string.Join(", ", spellings));
        Assert.All(spellings, s => Assert.Contains(s, head.Aliases));
        Assert.Equal("Karim Masimov", head.Name);
        var nsc = entities.Single(e => e.Aliases.Contains("NSC"));
        Assert.Contains(head.Roles!, r => r.Role == "head" && r.Of == nsc.Id && r.From == "2016-09" && r.To == "2022-01");
        Assert.Contains(mentions, m => m.Entity == head.Id && m.Kind == MentionKinds.Description && m.Text.StartsWith("the ex-head of the NSC", StringComparison.Ordinal));

        Assert.Equal(Of("Daulet Ergozhin").Id, Of("Daulet Yergozhin").Id);
        Assert.Equal(Of("Anuar Sadykulov").Id, Of("A. Sadykulov").Id);
        var president = Of("Kassym-Jomart Tokayev");
        Assert.NotEqual(head.Id, president.Id);
        Assert.Contains(president.Roles!, r => r.Role == "president");
        Assert.Equal(Of("Kazakhstan").Id, Of("Republic of Kazakhstan").Id);
    }

    [Fact]
    public void Seed_abbreviations_do_not_split_sentences()
    {
        var doc = Seed();
        var text = doc.Document.Text;
        foreach (var s in doc.Get(Layers.Sentences))
        {
            var sentence = text[s.Start..s.End];
            Assert.False(sentence.EndsWith(" K.", StringComparison.Ordinal), $"sentence split after an initial: {sentence}");
        }
    }
}
