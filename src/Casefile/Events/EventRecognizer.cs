using Casefile.Lexicons;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Events;

/// <summary>An event trigger from data/lexicons/event-triggers.tsv: the event type and where its key participant stands.</summary>
internal sealed record TriggerEntry(string Type, string Participant);

/// <summary>
/// Finds events (detentions, charges, convictions, sentences, asset recoveries, tenures, casualties,
/// protests, deployments…) with their participants, time, place and attributes, links each to the claim
/// it comes from, merges restatements, and orders them into a timeline. The patterns are in
/// <see cref="EventFinder"/>; the trigger words in data/lexicons/event-triggers.tsv; docs/events.md
/// explains both.
/// </summary>
public sealed class EventRecognizer : IComponent
{
    private static readonly Lazy<PhraseTable<TriggerEntry>> SharedTriggers = new(() =>
        new PhraseTable<TriggerEntry>(LexiconFile.Rows("event-triggers.tsv", 3).Select(r => (r[0], new TriggerEntry(CheckType(r[1]), r[2])))));

    public string Name => "event-recognizer";

    public IReadOnlyList<Layer> Requires =>
        [Layers.Tokens, Layers.Sentences, Layers.LinkedMentions, Layers.Entities, Layers.Quantities, Layers.Times, Layers.LegalRefs, Layers.Claims];

    public IReadOnlyList<Layer> Provides => [Layers.Events];

    internal static PhraseTable<TriggerEntry> Triggers => SharedTriggers.Value;

    public void Process(AnalysisContext context)
    {
        var finder = new EventFinder(
            context.Text,
            context.Get(Layers.Tokens),
            context.Get(Layers.Sentences),
            context.Get(Layers.LinkedMentions),
            context.Get(Layers.Entities),
            context.Get(Layers.Quantities),
            context.Get(Layers.Times),
            context.Get(Layers.LegalRefs),
            context.Get(Layers.Claims)) { IdOffset = context.EventIdOffset };
        context.Set(Layers.Events, finder.Run());
    }

    private static string CheckType(string type) => EventTypes.All.Contains(type)
        ? type
        : throw new CasefileException(ErrorCodes.LexiconError,
            $"lexicon 'event-triggers.tsv' names event type '{type}', which is not one of {string.Join(", ", EventTypes.All)}; fix data/lexicons/event-triggers.tsv.");
}
