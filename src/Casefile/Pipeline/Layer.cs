using System.Collections.Immutable;
using Casefile.Model;

namespace Casefile.Pipeline;

/// <summary>The name of a layer; components declare the layers they require and provide by these names.</summary>
public abstract class Layer(string name)
{
    /// <summary>The layer's name, the same word as its JSON field.</summary>
    public string Name { get; } = name;

    /// <summary>The layer with no items (an empty ImmutableArray of its record type).</summary>
    internal abstract object Empty { get; }

    /// <summary>The items of several runs' layers, one after the other.</summary>
    internal abstract object Concat(IEnumerable<object> parts);

    public override string ToString() => Name;
}

/// <summary>A typed layer: a sorted, immutable list of <typeparamref name="T"/> records.</summary>
public sealed class Layer<T>(string name) : Layer(name)
{
    internal override object Empty => ImmutableArray<T>.Empty;

    internal override object Concat(IEnumerable<object> parts) => parts.SelectMany(p => (ImmutableArray<T>)p).ToImmutableArray();
}

/// <summary>The layers this library knows. Later stages (mentions, entities, claims, events, findings) add theirs here.</summary>
public static class Layers
{
    public static readonly Layer<Token> Tokens = new("tokens");
    public static readonly Layer<Sentence> Sentences = new("sentences");
    public static readonly Layer<Mention> Mentions = new("mentions");
    /// <summary>The mentions again with their entity links, plus pronouns, short forms, demonyms and descriptions.</summary>
    public static readonly Layer<Mention> LinkedMentions = new("linked_mentions");
    public static readonly Layer<Entity> Entities = new("entities");
    public static readonly Layer<Quantity> Quantities = new("quantities");
    public static readonly Layer<TimeExpression> Times = new("times");
    public static readonly Layer<LegalRef> LegalRefs = new("legal_refs");
    public static readonly Layer<Claim> Claims = new("claims");
    public static readonly Layer<Event> Events = new("events");
    public static readonly Layer<Finding> Findings = new("findings");
}

/// <summary>The result of running a pipeline on one document: the document and its frozen layers.</summary>
public sealed class AnalyzedDocument
{
    private readonly ImmutableDictionary<Layer, object> _layers;

    internal AnalyzedDocument(Document document, ImmutableDictionary<Layer, object> layers, ImmutableArray<Warning> warnings,
        ImmutableArray<(string Component, TimeSpan Elapsed)> timings)
    {
        Document = document;
        _layers = layers;
        Warnings = warnings;
        Timings = timings;
    }

    /// <summary>Wall-clock time per component, in pipeline order (<c>casefile analyze --timings</c>).</summary>
    public ImmutableArray<(string Component, TimeSpan Elapsed)> Timings { get; }

    public Document Document { get; }

    public ImmutableArray<Warning> Warnings { get; }

    public bool Has(Layer layer) => _layers.ContainsKey(layer);

    /// <summary>The layer's items; empty when the pipeline has no component providing it.</summary>
    public ImmutableArray<T> Get<T>(Layer<T> layer) =>
        _layers.TryGetValue(layer, out var value) ? (ImmutableArray<T>)value : ImmutableArray<T>.Empty;

    public IEnumerable<(Layer Layer, IReadOnlyList<ISpanned> Items)> SpannedLayers()
    {
        foreach (var (layer, value) in _layers)
        {
            if (value is System.Collections.IEnumerable items)
            {
                yield return (layer, items.OfType<ISpanned>().ToList());
            }
        }
    }
}
