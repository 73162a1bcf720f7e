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

    internal AnalysisContext(Document document) => Document = document;

    public Document Document { get; }

    public string Text => Document.Text;

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

    internal AnalyzedDocument Freeze(IEnumerable<Warning> inputWarnings) =>
        new(Document, _layers.ToImmutableDictionary(), [.. inputWarnings, .. _warnings]);
}
