using System.Collections.Immutable;
using System.Globalization;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Checks;

/// <summary>What the checks may use beyond the text: a finer FX table (the shipped annual one otherwise).</summary>
public sealed record CheckOptions
{
    public FxTable? Fx { get; init; }
}

/// <summary>
/// Runs the consistency checks of one document (docs/checks.md has one paragraph per check):
/// <c>fx-conversion</c>, <c>arithmetic</c>, <c>age-at-release</c>, <c>age-at-date</c>, <c>date-order</c>,
/// <c>name-variants</c>, <c>unsupported-claim</c>. <c>cross-document</c> runs over a corpus
/// (<see cref="CrossDocument"/>). Findings are ordered: inconsistent, unverifiable, consistent.
/// </summary>
public sealed class ConsistencyChecker(CheckOptions? options = null) : IComponent
{
    private readonly FxTable _fx = options?.Fx ?? FxTable.Default;

    public string Name => "consistency-checker";

    public IReadOnlyList<Layer> Requires =>
        [Layers.Tokens, Layers.Sentences, Layers.LinkedMentions, Layers.Entities, Layers.Quantities, Layers.Times, Layers.Claims, Layers.Events];

    public IReadOnlyList<Layer> Provides => [Layers.Findings];

    public void Process(AnalysisContext context)
    {
        var run = new CheckRun(context.Text, context.Document.Published, context.Get(Layers.Tokens), context.Get(Layers.Sentences),
            context.Get(Layers.LinkedMentions), context.Get(Layers.Entities), context.Get(Layers.Quantities), context.Get(Layers.Times),
            context.Get(Layers.Claims), context.Get(Layers.Events), _fx);
        context.Set(Layers.Findings, run.Run());
    }

    /// <summary>Orders findings: inconsistent, then unverifiable, then consistent; within each, by position.</summary>
    internal static ImmutableArray<Finding> Ordered(IEnumerable<Finding> findings) =>
        [.. findings.OrderBy(f => f.Status switch { "inconsistent" => 0, "unverifiable" => 1, _ => 2 })
            .ThenBy(f => f.Evidence.Count > 0 ? f.Evidence.Min(e => e.Start) : int.MaxValue)];

    internal static string Num(double v) => v.ToString(v >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>"20.3 million", "1.2 billion", "850,000".</summary>
    internal static string Money(double v) =>
        v >= 1e9 ? (v / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " billion"
        : v >= 1e6 ? (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " million"
        : Num(v);
}
