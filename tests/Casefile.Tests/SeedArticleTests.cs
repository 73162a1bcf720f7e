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

    [Fact]
    public void Seed_claims_sources_and_certainty()
    {
        var doc = Seed();
        SpanInvariant.Check(doc);
        var text = doc.Document.Text;
        var claims = doc.Get(Layers.Claims);

        // The claim that holds a phrase: the innermost one (a parenthesised question sits inside another claim).
        Claim At(string phrase)
        {
            var at = text.IndexOf(phrase, StringComparison.Ordinal);
            Assert.True(at >= 0, $"phrase '{phrase}' not in the seed text");
            return claims.Where(c => c.Start <= at && c.End >= at + phrase.Length).OrderBy(c => c.End - c.Start).First();
        }

        Assert.Equal(("official", "reported"), (At("225 people died").Source.Kind, At("225 people died").Certainty));
        Assert.Equal("official figures", At("225 people died").Source.Name);
        Assert.Equal("court", At("found him guilty").Source.Kind);

        var bag = At("travel bag");
        Assert.Equal(("social_media", "anonymous"), (bag.Source.Kind, bag.Source.Via?.Kind));
        Assert.Equal("telegram channels", bag.Source.Name);
        Assert.Equal("verified sources", bag.Source.Via!.Name);
        Assert.Equal("social_media", At("diplomatic passports").Source.Kind);
        Assert.True(At("diplomatic passports").Carried);

        Assert.Equal(("author", "conditional"), (At("If this is true").Source.Kind, At("If this is true").Certainty));
        Assert.Equal("leak", At("organized training to evacuate").Source.Kind);
        Assert.Equal("authority", At("paramilitary groups").Source.Kind);

        var detention = At("conditions of detention");
        Assert.Equal(("party", "hedged"), (detention.Source.Kind, detention.Certainty));
        Assert.Equal("his press service", detention.Source.Name);
        Assert.Equal("attending doctors", Assert.Single(detention.Source.Also!).Name);
        Assert.Equal("party", detention.Source.Also![0].Kind);
        Assert.Equal("allegedly", text[detention.CertaintyCue!.Start..detention.CertaintyCue.End]);

        Assert.Equal("questioned", At("press service can").Certainty);
        Assert.Equal(("author", "asserted"), (At("looks quite well").Source.Kind, At("looks quite well").Certainty));

        var silent = At("did not comment");
        Assert.Equal(("authority", true), (silent.Source.Kind, silent.NoComment));
    }

    [Fact]
    public void Seed_events_sentences_conviction_detention_tenure_recovery_casualties_and_troops()
    {
        var doc = Seed();
        var events = doc.Get(Layers.Events);
        var entities = doc.Get(Layers.Entities).ToDictionary(e => e.Id);
        string Who(Event e) => e.Participants[0].Entity is { } id ? entities[id].Name : e.Participants[0].Text;

        var sentences = events.Where(e => e.Type == "sentence" && e.Participants.Count > 0).ToList();
        Assert.Equal(4, sentences.Count);
        var terms = sentences.ToDictionary(Who, e => e.Attributes!.Term);
        Assert.Equal("P18Y", terms["Karim Masimov"]);
        Assert.Equal("P16Y", terms["Anuar Sadykulov"]);
        Assert.Equal("P15Y", terms.Single(t => t.Key.EndsWith("rgozhin", StringComparison.Ordinal)).Value);
        Assert.Equal("P3Y", terms["Marat Osipov"]);
        Assert.True(sentences.Single(e => Who(e) == "Karim Masimov").Attributes!.Confiscation);
        Assert.All(sentences.Where(e => Who(e) != "Karim Masimov"), e => Assert.Contains("state awards", e.Attributes!.StrippedOf!));

        var conviction = Assert.Single(events, e => e.Type == "conviction");
        Assert.Equal("Karim Masimov", Who(conviction));
        Assert.Equal(["175", "179", "362"], conviction.Attributes!.LegalRefs!.Select(r => r.Article));

        var detention = Assert.Single(events, e => e.Type == "detention");
        Assert.Equal(("Karim Masimov", "2022-01"), (Who(detention), detention.Time!.Value));

        var tenure = Assert.Single(events, e => e.Type == "tenure");
        Assert.Equal(("Karim Masimov", "head", "2016-09", "2022-01"), (Who(tenure), tenure.Attributes!.Role, tenure.Attributes.From, tenure.Attributes.To));

        var recovery = Assert.Single(events, e => e.Type == "asset_recovery");
        var sums = recovery.Attributes!.Amounts!.Where(a => a.Conversion != true).Select(a => (a.Value, a.Currency)).ToList();
        Assert.Equal([(10e9, "KZT"), (24e6, "USD")], sums);

        var casualties = events.Where(e => e.Type == "casualties").ToList();
        var killed = Assert.Single(casualties, e => e.Attributes!.Counted == "killed");
        Assert.Equal((225.0, 19.0), (killed.Attributes!.Count!.Value, killed.Attributes.Including![0].Count!.Value));
        Assert.Equal("official", killed.Source.Kind);
        Assert.Contains(casualties, e => e.Attributes!.Counted == "injured" && e.Attributes.Count == 4500 && e.Attributes.AtLeast == true);
        Assert.Contains(casualties, e => e.Attributes!.Counted == "detained" && e.Attributes.Count == 2700 && e.Place?.Text == "Almaty");

        var deployment = Assert.Single(events, e => e.Type == "deployment");
        Assert.Equal("2022-01-06", deployment.Time!.Value);
        Assert.Equal("Collective Security Treaty Organization", Who(deployment));
        var withdrawal = Assert.Single(events, e => e.Type == "withdrawal");
        Assert.Equal(deployment.Participants[0].Entity, withdrawal.Participants[0].Entity);
        Assert.Equal(("2022-01", "mid"), (withdrawal.Time!.Value, withdrawal.Time.Mod));

        var search = Assert.Single(events, e => e.Type == "search");
        Assert.True(search.Unverified);

        // The timeline puts the tenure first and the undated events last.
        var timeline = CasefileAnalyzer.ToCaseFile(doc).Timeline!;
        Assert.Equal(tenure.Id, timeline[0].Event);
        Assert.Null(timeline[^1].Time);
    }

    [Fact]
    public void Seed_checks_age_at_release_is_inconsistent_and_both_conversions_hold()
    {
        var shared = Repo.Shared;
        var path = shared is null ? null : Path.Combine(shared, "corpus", "seed", "masimov-affair.txt");
        if (path is null || !File.Exists(path))
        {
            Assert.Skip("../shared/corpus/seed/masimov-affair.txt is absent (a fresh clone has no ../shared); seed checks skipped.");
        }

        // The former NSC head's birth date is a public fact; the facts file is written here, not shipped.
        var factsPath = Path.Combine(Path.GetTempPath(), $"facts-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(factsPath, "{\"id\": \"p1\", \"schema\": \"Person\", \"properties\": {\"name\": [\"Karim Masimov\"], \"birthDate\": [\"1965-06-15\"]}}\n");
        try
        {
            var pipeline = CasefileAnalyzer.CreateDefaultBuilder(new ResolverOptions { Facts = KnownFacts.Load(factsPath) }).Build();
            var doc = pipeline.Run(new Document(File.ReadAllText(path), published: new DateOnly(2023, 5, 1)));
            SpanInvariant.Check(doc);
            var text = doc.Document.Text;
            var findings = doc.Get(Layers.Findings);

            var age = Assert.Single(findings, f => f.Status == "inconsistent");
            Assert.Equal("age-at-release", age.Check);
            Assert.Contains("at 74, not 76", age.Message, StringComparison.Ordinal);
            var quoted = age.Evidence.Select(e => text[e.Start..e.End]).ToList();
            Assert.Contains(quoted, q => q.Contains("76", StringComparison.Ordinal));
            Assert.Contains(quoted, q => q.Contains("18 years", StringComparison.Ordinal));
            Assert.Contains(quoted, q => q.Contains("January 2022", StringComparison.Ordinal));
            Assert.Equal("birthDate 1965-06-15", Assert.Single(age.Facts!).Statement);

            var fx = findings.Where(f => f.Check == "fx-conversion").ToList();
            Assert.Equal(2, fx.Count);
            Assert.All(fx, f => Assert.Equal("consistent", f.Status));
            Assert.All(fx, f => Assert.Contains("2023 annual average", f.Message, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(factsPath);
        }
    }
}
