using Casefile.Events;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>Events on sentences we wrote: participants, terms, amounts, counts, times, merging and the timeline.</summary>
public sealed class EventTests
{
    private static (AnalyzedDocument Doc, IReadOnlyList<Event> Events) Run(string text, DateOnly? published = null)
    {
        var analyzed = CasefileAnalyzer.Run(new Document(text, published: published ?? new DateOnly(2024, 3, 20)));
        SpanInvariant.Check(analyzed);
        return (analyzed, analyzed.Get(Layers.Events));
    }

    private static string Who(AnalyzedDocument doc, EventParticipant p) =>
        p.Entity is { } id ? doc.Get(Layers.Entities).Single(e => e.Id == id).Name : p.Text;

    [Fact]
    public void A_list_of_people_and_a_list_of_terms_pair_up_in_order_and_a_restatement_merges()
    {
        var (doc, events) = Run("Three former customs officers were tried together: Arman Seitov, Dana Kulova and Erlan Bekov. "
            + "They were sentenced to 9, 7 and 2 years in prison. Seitov, who received 9 years, will appeal.");
        var sentences = events.Where(e => e.Type == "sentence").ToList();
        Assert.Equal(3, sentences.Count);
        Assert.Equal([("Arman Seitov", "P9Y"), ("Dana Kulova", "P7Y"), ("Erlan Bekov", "P2Y")],
            sentences.Select(e => (Who(doc, e.Participants[0]), e.Attributes!.Term!)));
        Assert.Equal(2, sentences[0].Evidence.Count(ev => doc.Document.Text[ev.Start..ev.End] is "sentenced" or "received"));
    }

    [Fact]
    public void A_detention_has_its_person_date_and_place_and_a_passive_subject_counts()
    {
        var (doc, events) = Run("Police detained Bolat Nurgali, a former deputy mayor, in Taraz on March 12. Investigators searched his office the same day.");
        var d = Assert.Single(events, e => e.Type == "detention");
        Assert.Equal(("Bolat Nurgali", "detainee", "2024-03-12", "Taraz"), (Who(doc, d.Participants[0]), d.Participants[0].Role, d.Time!.Value, d.Place!.Text));
        Assert.Equal("detained", doc.Document.Text[d.Trigger.Start..d.Trigger.End]);
        var search = Assert.Single(events, e => e.Type == "search");
        Assert.Equal("Bolat Nurgali", Who(doc, search.Participants[0]));

        var (_, passive) = Run("Gulnara Esenova was arrested at Almaty airport on Friday.");
        Assert.Equal("Gulnara Esenova", Assert.Single(passive, e => e.Type == "detention").Participants[0].Text);
    }

    [Fact]
    public void A_date_given_relative_to_an_earlier_one_is_counted_from_it()
    {
        var (doc, events) = Run("Police searched the office of Rustam Kerim on 14 May 2023. They detained him two days later in Aktau.");
        var d = Assert.Single(events, e => e.Type == "detention");
        Assert.Equal(("2023-05-16", "2023-05-14"), (d.Time!.Value, d.Time.After));
        Assert.Equal("two days later", doc.Document.Text[d.Time.Start..d.Time.End]);
    }

    [Fact]
    public void A_conviction_collects_its_legal_references_and_a_sentence_its_extras()
    {
        var (doc, events) = Run("The Steppe District Court found Marat Zholdas guilty of fraud under Article 190 of the Criminal Code. "
            + "He was sentenced to 6 years and 6 months with confiscation of property.");
        var conviction = Assert.Single(events, e => e.Type == "conviction");
        Assert.Equal(("Marat Zholdas", "190"), (Who(doc, conviction.Participants[0]), conviction.Attributes!.LegalRefs![0].Article));
        Assert.Equal("fraud", conviction.Attributes.Offences);
        var sentence = Assert.Single(events, e => e.Type == "sentence");
        Assert.Equal(("Marat Zholdas", "P6Y6M", 6.5, true), (Who(doc, sentence.Participants[0]), sentence.Attributes!.Term, sentence.Attributes.TermYears!.Value, sentence.Attributes.Confiscation));
    }

    [Fact]
    public void Money_recovered_keeps_each_sum_and_marks_the_bracketed_conversion()
    {
        var (_, events) = Run("Prosecutors recovered 4 billion tenge (about 8 million euros) and 2 million US dollars from Kairat Omarov.");
        var r = Assert.Single(events, e => e.Type == "asset_recovery");
        Assert.Equal([(4e9, "KZT", (bool?)null), (8e6, "EUR", true), (2e6, "USD", null)], r.Attributes!.Amounts!.Select(a => (a.Value!.Value, a.Currency!, a.Conversion)));
        Assert.Equal(("Kairat Omarov", "from"), (r.Participants[0].Text, r.Participants[0].Role));
    }

    [Fact]
    public void Casualties_take_their_count_with_a_subgroup_and_the_source_of_the_claim()
    {
        var (_, events) = Run("According to the health ministry, 31 people died in the clashes in Nurabad, including 4 police officers, and more than 200 were injured.");
        var killed = Assert.Single(events, e => e.Type == "casualties" && e.Attributes!.Counted == "killed");
        Assert.Equal((31.0, 4.0, "Nurabad"), (killed.Attributes!.Count!.Value, killed.Attributes.Including![0].Count!.Value, killed.Place!.Text));
        Assert.Equal(("official", "reported"), (killed.Source.Kind, killed.Source.Certainty));
        var injured = Assert.Single(events, e => e.Type == "casualties" && e.Attributes!.Counted == "injured");
        Assert.Equal((200.0, true), (injured.Attributes!.Count!.Value, injured.Attributes.AtLeast));
    }

    [Theory]
    [InlineData("Kanat Serikov denied that he had been detained.")]
    [InlineData("If convicted, Kanat Serikov faces up to 10 years in prison.")]
    [InlineData("Kanat Serikov will be sentenced next week.")]
    [InlineData("Was Kanat Serikov ever arrested?")]
    [InlineData("The conditions of detention are harsh.")]
    public void Denied_conditional_future_and_questioned_events_are_not_events(string text)
    {
        var (_, events) = Run(text);
        Assert.Empty(events);
    }

    [Fact]
    public void An_event_only_a_channel_or_a_leak_reports_is_unverified()
    {
        var (_, events) = Run("Several telegram channels, citing unnamed sources, wrote that Ilyas Temir was arrested in Dubai on May 2.");
        var d = Assert.Single(events, e => e.Type == "detention");
        Assert.Equal(("social_media", true), (d.Source.Kind, d.Unverified));
    }

    [Fact]
    public void The_timeline_orders_by_date_keeps_granularity_and_puts_undated_events_last()
    {
        var (doc, _) = Run("Aidos Karimov headed the port authority from 2015 to 2019. He was arrested in March 2021. "
            + "Officers searched his flat. Mid-January 2021 saw riots in Aktau.");
        var timeline = CasefileAnalyzer.ToCaseFile(doc).Timeline!;
        Assert.Equal(["tenure", "protest", "detention", "search"], timeline.Select(x => x.Type));
        Assert.Equal(("2015/2019", "2021-03", null), (timeline[0].Time, timeline[2].Time, timeline[3].Time));
        Assert.Equal("month", timeline[2].Granularity);
    }

    [Fact]
    public void The_events_test_set_parses_and_its_scores_stay_above_their_measured_floor()
    {
        var docs = EventEval.Read(Repo.Path("data", "eval", "events.txt"));
        Assert.True(docs.Count >= 60, $"{docs.Count} documents");
        var total = docs.Select(d => EventEval.Score(d, EventEval.Analyze(d)).Counts).Aggregate(new EventCounts(0, 0, 0), (a, b) => a + b);
        // A regression floor a little under the figures in docs/events.md (the issue asks for 0.90 each).
        Assert.True(total.Precision >= 0.94, $"precision {total.Precision:0.000}");
        Assert.True(total.Recall >= 0.90, $"recall {total.Recall:0.000}");
    }

    [Fact]
    public void The_held_out_events_set_parses_and_every_participant_is_in_its_text()
    {
        var docs = EventEval.Read(Repo.Path("data", "eval", "events-heldout.txt"));
        Assert.True(docs.Count >= 40, $"{docs.Count} documents");
        Assert.All(docs, d => Assert.All(d.Events, e => Assert.True(e.Participant == "-" || d.Text.Contains(e.Participant, StringComparison.Ordinal),
            $"{d.Id}: participant '{e.Participant}' is not in the text")));
        Assert.All(docs, d => Assert.NotNull(d.Published));
    }

    [Theory]
    [InlineData("## e1 x: y\n@published 2024-13-40\nText.\n", "@published")]
    [InlineData("## e1 x: y\nText.\n> party | X | Y\n", "an event line")]
    [InlineData("## e1 x: y\nText.\n> detention | X\n", "an event line")]
    public void Malformed_events_data_gets_CF2501_with_the_line(string content, string message)
    {
        var path = Path.Combine(Path.GetTempPath(), $"events-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        try
        {
            var e = Assert.Throws<CasefileException>(() => EventEval.Read(path));
            Assert.Equal(ErrorCodes.EventDataMalformed, e.Code);
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
