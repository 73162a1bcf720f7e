using Casefile.Claims;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>Claims on sentences we wrote: exact spans of claims, sources, cues, and the certainty each pattern gives.</summary>
public sealed class ClaimTests
{
    private static (string Text, IReadOnlyList<Claim> Claims) Run(string text)
    {
        var analyzed = CasefileAnalyzer.Run(new Document(text, published: new DateOnly(2024, 3, 1)));
        SpanInvariant.Check(analyzed);
        return (text, analyzed.Get(Layers.Claims));
    }

    private static string At(string text, SpanRef? span) => span is null ? "(none)" : text[span.Start..span.End];

    private static string Of(string text, Claim c) => text[c.Start..c.End];

    [Fact]
    public void According_to_gives_the_source_its_span_and_cue()
    {
        var (text, claims) = Run("According to the Ministry of Health, 41 people were injured in Taldyrek.");
        var c = Assert.Single(claims);
        Assert.Equal((0, text.Length), (c.Start, c.End));
        Assert.Equal(("official", "Ministry of Health", 17, 35), (c.Source.Kind, c.Source.Name, c.Source.Start!.Value, c.Source.End!.Value));
        Assert.Equal("According to", At(text, c.Source.Cue));
        Assert.Equal("reported", c.Certainty);
        Assert.True(c.Checkworthy >= 0.8, $"checkworthy {c.Checkworthy}");
    }

    [Fact]
    public void A_trailing_attribution_and_a_pronoun_take_the_speakers_kind()
    {
        var (text, claims) = Run("Two miners died in the collapse, the regional governor said. He added that the shaft had been closed since May.");
        Assert.Equal(2, claims.Count);
        Assert.Equal(("official", "regional governor", "said"), (claims[0].Source.Kind, claims[0].Source.Name, At(text, claims[0].Source.Cue)));
        Assert.Equal(("official", "He", "added"), (claims[1].Source.Kind, claims[1].Source.Name, At(text, claims[1].Source.Cue)));
    }

    [Fact]
    public void A_channel_citing_sources_is_social_media_via_anonymous_and_the_next_sentence_continues_it()
    {
        var (text, claims) = Run("Several telegram channels, citing unnamed sources, wrote that the mayor had fled. There were two suitcases of cash in his car. The mayor's office called the reports slander.");
        Assert.Equal(3, claims.Count);
        var first = claims[0];
        Assert.Equal(("social_media", "telegram channels", "wrote"), (first.Source.Kind, first.Source.Name, At(text, first.Source.Cue)));
        Assert.Equal(("anonymous", "unnamed sources", "citing"), (first.Source.Via!.Kind, first.Source.Via.Name, At(text, first.Source.Via.Cue)));
        Assert.Equal(("social_media", true), (claims[1].Source.Kind, claims[1].Carried));
        Assert.Equal("There were two suitcases of cash in his car.", Of(text, claims[1]));
        Assert.Equal(("official", "denied", "called"), (claims[2].Source.Kind, claims[2].Certainty, At(text, claims[2].CertaintyCue)));
    }

    [Fact]
    public void Leaks_and_sourceless_reports_have_a_cue_but_no_name()
    {
        var (text, claims) = Run("Information leaked that the tender was rigged. It was later reported that the winner was the minister's cousin.");
        Assert.Equal(("leak", null, "Information leaked"), (claims[0].Source.Kind, claims[0].Source.Name, At(text, claims[0].Source.Cue)));
        Assert.Equal(("unattributed", null, "It was later reported"), (claims[1].Source.Kind, claims[1].Source.Name, At(text, claims[1].Source.Cue)));
        Assert.All(claims, c => Assert.Equal("reported", c.Certainty));
    }

    [Fact]
    public void A_described_speaker_with_a_name_in_apposition_denies()
    {
        var (text, claims) = Run("Prosecutors charged Ruslan Temirkhan with fraud. His lawyer, Gulmira Sadykova, denied the allegations.");
        Assert.Equal(("author", "asserted"), (claims[0].Source.Kind, claims[0].Certainty));
        var denial = claims[1];
        Assert.Equal(("party", "His lawyer", "denied"), (denial.Source.Kind, denial.Source.Name, denial.Certainty));
        Assert.Equal("denied", At(text, denial.CertaintyCue));
        Assert.NotNull(denial.Source.Entity);
    }

    [Theory]
    [InlineData("The director allegedly received 3 million dollars.", "author", "hedged", "allegedly")]
    [InlineData("The director reportedly fled to Dubai.", "unattributed", "hedged", "reportedly")]
    [InlineData("The director is believed to be in hiding.", "unattributed", "hedged", "is believed")]
    [InlineData("If the report is accurate, the ministry broke the law.", "author", "conditional", "If")]
    [InlineData("Why did nobody check the invoices?", "author", "questioned", "?")]
    [InlineData("Police detained two men in Aktau on Friday.", "author", "asserted", "(none)")]
    [InlineData("The ministry has not confirmed the reports.", "author", "asserted", "(none)")]
    [InlineData("His lawyer said the documents were forged.", "party", "denied", "forged")]
    [InlineData("Investigators suspect that the invoices were backdated.", "authority", "hedged", "suspect")]
    [InlineData("The auditor asked whether the loans had ever been repaid.", "expert", "questioned", "asked")]
    public void Certainty_comes_from_the_word_that_sets_it(string text, string kind, string certainty, string cue)
    {
        var (_, claims) = Run(text);
        var c = Assert.Single(claims);
        Assert.Equal((kind, certainty, cue), (c.Source.Kind, c.Certainty, At(text, c.CertaintyCue)));
    }

    [Fact]
    public void A_parenthesised_question_is_a_claim_inside_the_statement_it_interrupts()
    {
        var (text, claims) = Run("The governor's press office said (who could doubt it?) that the contract was fair.");
        Assert.Equal(2, claims.Count);
        Assert.Equal((0, text.Length), (claims[0].Start, claims[0].End));
        Assert.Equal(("official", "reported"), (claims[0].Source.Kind, claims[0].Certainty));
        Assert.Equal("(who could doubt it?)", Of(text, claims[1]));
        Assert.Equal(("author", "questioned"), (claims[1].Source.Kind, claims[1].Certainty));
    }

    [Fact]
    public void A_sentence_with_two_attributed_statements_splits_before_the_second_source()
    {
        var (text, claims) = Run("Prosecutors said the bribes totalled 2 million euros, and the defendant denied taking any money.");
        Assert.Equal(2, claims.Count);
        Assert.Equal("Prosecutors said the bribes totalled 2 million euros, and", Of(text, claims[0]));
        Assert.Equal(("authority", "reported"), (claims[0].Source.Kind, claims[0].Certainty));
        Assert.Equal("the defendant denied taking any money.", Of(text, claims[1]));
        Assert.Equal(("party", "defendant", "denied"), (claims[1].Source.Kind, claims[1].Source.Name, claims[1].Certainty));
    }

    [Fact]
    public void A_non_statement_an_opinion_and_an_assurance_with_two_sources()
    {
        var (text, claims) = Run("The prosecutor's office did not comment on the case. This suggests that the audit was a formality. "
            + "He looks healthy, despite the assurances of his press service and his doctors that he may die at any moment.");
        Assert.Equal(("authority", true, 0.05), (claims[0].Source.Kind, claims[0].NoComment, claims[0].Checkworthy));
        Assert.Equal("did not comment", At(text, claims[0].Source.Cue));
        Assert.Equal(("author", true), (claims[1].Source.Kind, claims[1].Opinion));
        Assert.True(claims[1].Checkworthy < 0.5);
        Assert.Equal(("author", "asserted"), (claims[2].Source.Kind, claims[2].Certainty));
        Assert.Equal("He looks healthy,", Of(text, claims[2]));
        var assurance = claims[3];
        Assert.Equal(("party", "his press service", "hedged"), (assurance.Source.Kind, assurance.Source.Name, assurance.Certainty));
        Assert.Equal("his doctors", Assert.Single(assurance.Source.Also!).Name);
        Assert.StartsWith("despite the assurances", Of(text, assurance), StringComparison.Ordinal);
    }

    [Fact]
    public void Quotations_continue_their_speaker_and_an_outlet_told_by_sources_reports_via_them()
    {
        var (text, claims) = Run("“We paid every tenge of tax,” the company said. “The audit is political.” "
            + "Two sources told the newspaper Dala Courier that the minister had resigned.");
        Assert.Equal(("party", "company"), (claims[0].Source.Kind, claims[0].Source.Name));
        Assert.Equal(("party", true), (claims[1].Source.Kind, claims[1].Carried));
        var told = claims[2];
        Assert.Equal(("media", "newspaper Dala Courier"), (told.Source.Kind, told.Source.Name));
        Assert.Equal(("anonymous", "sources"), (told.Source.Via!.Kind, told.Source.Via.Name));
    }

    [Fact]
    public void The_claims_test_sets_parse_and_every_unit_is_inside_its_document()
    {
        foreach (var file in new[] { "claims.txt", "claims-heldout.txt" })
        {
            var docs = ClaimEval.Read(Repo.Path("data", "eval", file));
            Assert.True(docs.Sum(d => d.Units.Count) >= 150 || file.Contains("heldout", StringComparison.Ordinal), $"{file}: too few units");
            Assert.All(docs, d => Assert.All(d.Units, u =>
            {
                Assert.InRange(u.End, u.Start + 1, d.Text.Length);
                Assert.True(u.Source is null || d.Text[u.Source.Start..u.Source.End].Length > 0);
            }));
        }

        Assert.True(ClaimEval.Read(Repo.Path("data", "eval", "claims.txt")).Sum(d => d.Units.Count) >= 150);
    }

    [Fact]
    public void On_the_development_set_kind_span_and_certainty_stay_at_least_090()
    {
        var docs = ClaimEval.Read(Repo.Path("data", "eval", "claims.txt"));
        var total = docs.Select(d => ClaimEval.Score(d, ClaimEval.Analyze(d)).Counts).Aggregate(new ClaimCounts(), (a, b) => a + b);
        Assert.True(total.KindAccuracy >= 0.90, $"source-kind accuracy {total.KindAccuracy:0.000}");
        Assert.True(total.SourceF1 >= 0.90, $"source-span F1 {total.SourceF1:0.000}");
        Assert.True(total.CertaintyAccuracy >= 0.90, $"certainty accuracy {total.CertaintyAccuracy:0.000}");
    }

    [Theory]
    [InlineData("## c1 x: y\nno block here\n", "must start with")]
    [InlineData("## c1 x: y\n{boss reported cw} Text.\n", "must be {kind certainty")]
    [InlineData("## c1 x: y\n{author asserted} Text.\n", "needs cw or nocw")]
    [InlineData("## c1 x: y\n{author asserted cw} Text [SRC a [CUE b]].\n", "bracket")]
    [InlineData("text before a header\n", "before the first")]
    public void Malformed_claims_data_gets_CF2401_with_the_line(string content, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"claims-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        try
        {
            var e = Assert.Throws<CasefileException>(() => ClaimEval.Read(path));
            Assert.Equal(ErrorCodes.ClaimDataMalformed, e.Code);
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            Assert.Contains(":", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
