using System.Collections.Immutable;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Resolution;

/// <summary>What the resolver knows beyond the text: a known-facts file and the user's corrections.</summary>
public sealed record ResolverOptions
{
    public KnownFacts? Facts { get; init; }
    public Corrections? Corrections { get; init; }
}

/// <summary>
/// Groups the mentions of one document into entities (people, organisations, places), each with a canonical
/// name, every spelling seen, roles, and for every mention the rule and score that linked it. Adds the
/// pronouns, short forms ("the Committee"), demonyms ("Kazakh") and role descriptions ("the ex-head of the
/// NSC") it can link. The rules are in <see cref="DocumentResolution"/>; ARCHITECTURE.md lists them.
/// </summary>
public sealed class EntityResolver(ResolverOptions? options = null) : IComponent
{
    private readonly ResolverOptions _options = options ?? new ResolverOptions();

    public string Name => "entity-resolver";

    public IReadOnlyList<Layer> Requires => [Layers.Tokens, Layers.Sentences, Layers.Mentions, Layers.Times];

    public IReadOnlyList<Layer> Provides => [Layers.LinkedMentions, Layers.Entities];

    public void Process(AnalysisContext context)
    {
        var resolution = new DocumentResolution(
            context.Text,
            context.Get(Layers.Tokens),
            context.Get(Layers.Sentences),
            context.Get(Layers.Mentions),
            context.Get(Layers.Times),
            _options) { IdOffset = context.EntityIdOffset };
        var (mentions, entities) = resolution.Run();
        context.Set(Layers.LinkedMentions, mentions);
        context.Set(Layers.Entities, entities);
    }
}
