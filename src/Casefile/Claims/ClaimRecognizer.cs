using System.Collections.Immutable;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Claims;

/// <summary>
/// Splits the text into claims (a sentence, or a clause when a sentence holds several attributed statements)
/// and records for each who makes it (source kind, name, cue, the source it cites), how surely (certainty
/// and the word that says so), whom it is about and how worth checking it is. The patterns are in
/// <see cref="ClaimFinder"/>; the word lists in data/lexicons/claim-*.tsv and certainty-cues.tsv;
/// docs/claims.md explains both.
/// </summary>
public sealed class ClaimRecognizer : IComponent
{
    public string Name => "claim-recognizer";

    public IReadOnlyList<Layer> Requires =>
        [Layers.Tokens, Layers.Sentences, Layers.LinkedMentions, Layers.Entities, Layers.Quantities, Layers.Times, Layers.LegalRefs];

    public IReadOnlyList<Layer> Provides => [Layers.Claims];

    public void Process(AnalysisContext context)
    {
        var finder = new ClaimFinder(
            context.Text,
            context.Get(Layers.Tokens),
            context.Get(Layers.Sentences),
            context.Get(Layers.LinkedMentions),
            context.Get(Layers.Entities),
            context.Get(Layers.Quantities),
            context.Get(Layers.Times),
            context.Get(Layers.LegalRefs));
        context.Set(Layers.Claims, finder.Run());
    }
}
