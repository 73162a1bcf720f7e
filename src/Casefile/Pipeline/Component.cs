using System.Collections.Immutable;
using Casefile.Model;

namespace Casefile.Pipeline;

/// <summary>
/// One stage of the pipeline. It declares what it reads and what it writes; it must be stateless and
/// thread-safe after construction, and it never changes a layer that another component provides.
/// </summary>
public interface IComponent
{
    string Name { get; }

    IReadOnlyList<Layer> Requires { get; }

    IReadOnlyList<Layer> Provides { get; }

    void Process(AnalysisContext context);
}

/// <summary>What a component sees while it runs: the document, the layers it declared it needs, and a place for its own.</summary>
public sealed class AnalysisContext
{
    private readonly Dictionary<Layer, object> _layers = [];
    private readonly List<Warning> _warnings = [];
    private IComponent? _current;

    internal AnalysisContext(Document document)
        : this(document, new Span(0, document.Text.Length), 0, 0) { }

    internal AnalysisContext(Document document, Span window, int entityIdOffset, int eventIdOffset)
    {
        Document = document;
        Window = window;
        EntityIdOffset = entityIdOffset;
        EventIdOffset = eventIdOffset;
    }

    public Document Document { get; }

    /// <summary>The whole document's text; offsets are always into it.</summary>
    public string Text => Document.Text;

    /// <summary>
    /// The part of <see cref="Text"/> this run analyses: the whole text, or one paragraph-aligned window of a
    /// large document (<see cref="AnalysisPipeline.WindowChars"/>). The tokenizer reads only this range, so
    /// every later layer lies inside it; a component that scans the raw text itself keeps to it.
    /// </summary>
    public Span Window { get; }

    /// <summary>Entity ids of this run start after this number (e1… in the first window, e(n+1)… in the next).</summary>
    public int EntityIdOffset { get; }

    /// <summary>Event ids of this run start after this number.</summary>
    public int EventIdOffset { get; }

    internal void Enter(IComponent? component) => _current = component;

    public ImmutableArray<T> Get<T>(Layer<T> layer)
    {
        if (_current is not null && !_current.Requires.Contains(layer) && !_current.Provides.Contains(layer))
        {
            throw new CasefileException(ErrorCodes.UndeclaredLayer,
                $"component '{_current.Name}' read layer '{layer.Name}' without declaring it in Requires; add it there.");
        }

        return _layers.TryGetValue(layer, out var value) ? (ImmutableArray<T>)value : ImmutableArray<T>.Empty;
    }

    public void Set<T>(Layer<T> layer, ImmutableArray<T> items)
    {
        if (_current is not null && !_current.Provides.Contains(layer))
        {
            throw new CasefileException(ErrorCodes.UndeclaredLayer,
                $"component '{_current.Name}' wrote layer '{layer.Name}' without declaring it in Provides; add it there.");
        }

        if (!_layers.TryAdd(layer, items))
        {
            throw new CasefileException(ErrorCodes.UndeclaredLayer, $"layer '{layer.Name}' was written twice.");
        }
    }

    public void Warn(string code, string message) => _warnings.Add(new Warning(code, message));

    /// <summary>A skipped component's layer: present and empty, so the case file says "none found" rather than "not run".</summary>
    internal void SetEmptyIfMissing(Layer layer) => _layers.TryAdd(layer, layer.Empty);

    internal AnalyzedDocument Freeze(IEnumerable<Warning> inputWarnings, ImmutableArray<(string Component, TimeSpan Elapsed)> timings) =>
        new(Document, _layers.ToImmutableDictionary(), [.. inputWarnings, .. _warnings], timings);

    internal IReadOnlyDictionary<Layer, object> Layers => _layers;

    internal IReadOnlyList<Warning> Warnings => _warnings;
}
