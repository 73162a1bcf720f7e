using System.Collections.Immutable;
using Casefile.Model;

namespace Casefile.Pipeline;

/// <summary>Collects components, then checks once that every required layer has an earlier provider.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IComponent> _components = [];

    public PipelineBuilder Add(IComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        _components.Add(component);
        return this;
    }

    /// <summary>Validates the declarations and freezes the pipeline; throws CF2001/CF2002 naming the problem.</summary>
    public AnalysisPipeline Build()
    {
        var provided = new Dictionary<Layer, string>();
        foreach (var component in _components)
        {
            foreach (var needed in component.Requires)
            {
                if (!provided.ContainsKey(needed))
                {
                    var later = _components.FirstOrDefault(c => c.Provides.Contains(needed));
                    var hint = later is null
                        ? $"add a component that provides '{needed.Name}'"
                        : $"add '{later.Name}' before '{component.Name}'";
                    throw new CasefileException(ErrorCodes.MissingProvider,
                        $"component '{component.Name}' requires layer '{needed.Name}', which no earlier component provides: {hint}.");
                }
            }

            foreach (var layer in component.Provides)
            {
                if (provided.TryGetValue(layer, out var other))
                {
                    throw new CasefileException(ErrorCodes.DuplicateProvider,
                        $"layer '{layer.Name}' is provided by both '{other}' and '{component.Name}'; keep one of them.");
                }

                provided[layer] = component.Name;
            }
        }

        return new AnalysisPipeline([.. _components]);
    }
}

/// <summary>A validated, immutable pipeline; safe to run on many documents at once.</summary>
public sealed class AnalysisPipeline
{
    internal AnalysisPipeline(ImmutableArray<IComponent> components) => Components = components;

    public ImmutableArray<IComponent> Components { get; }

    public AnalyzedDocument Run(Document document, IEnumerable<Warning>? inputWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = new AnalysisContext(document);
        foreach (var component in Components)
        {
            context.Enter(component);
            component.Process(context);
        }

        context.Enter(null);
        return context.Freeze(inputWarnings ?? []);
    }
}
