using System.Collections.Immutable;
using System.Diagnostics;
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

    /// <summary>
    /// Wall-clock budget per document, the last resort against a cost the stages do not bound themselves:
    /// when it runs out, the component running stops at its next check, its layers and those of the
    /// components after it are left empty, and the case file carries warning CF1401 naming them. Null: the
    /// default for the document's length (<see cref="DefaultBudget"/>); <see cref="Timeout.InfiniteTimeSpan"/>: none.
    /// </summary>
    public TimeSpan? Budget { get; init; }

    /// <summary>60 s plus 10 µs per character: about five times what natural text takes here (docs/robustness.md).</summary>
    public static TimeSpan DefaultBudget(int length) => TimeSpan.FromSeconds(60 + (length * 10e-6));

    /// <summary>The same components with another per-document budget (null: the default for each document's length).</summary>
    public AnalysisPipeline WithBudget(TimeSpan? budget) => new(Components) { Budget = budget, WindowChars = WindowChars };

    /// <summary>The same components with another window size for large documents.</summary>
    public AnalysisPipeline WithWindowChars(int chars) => new(Components) { Budget = Budget, WindowChars = chars };

    /// <summary>
    /// Documents longer than this many characters are analysed in windows of at most this size, cut at
    /// paragraph breaks (else line breaks, sentence ends, spaces), so the cost of every stage grows linearly
    /// with the document beyond it. Layers keep the whole text's offsets and ids run on across windows;
    /// entity resolution, carried claims and checks stay within a window (warning CF1402).
    /// </summary>
    public int WindowChars { get; init; } = DefaultWindowChars;

    /// <summary>200,000 characters, about 35,000 words (docs/robustness.md has the measurements behind it).</summary>
    public const int DefaultWindowChars = 200_000;

    public AnalyzedDocument Run(Document document, IEnumerable<Warning>? inputWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var started = Stopwatch.GetTimestamp();
        var windows = Windows(document.Text, WindowChars);
        var parts = new List<AnalysisContext>(windows.Count);
        var warnings = new List<Warning>();
        var timings = new Dictionary<string, TimeSpan>();
        var budget = Budget ?? DefaultBudget(document.Text.Length);
        using (AnalysisBudget.Start(budget))
        {
            var entities = 0;
            var events = 0;
            foreach (var window in windows)
            {
                var context = new AnalysisContext(document, window, entities, events);
                parts.Add(context);
                var complete = RunComponents(context, started, budget, timings);
                entities += context.Get(Layers.Entities).Length;
                events += context.Get(Layers.Events).Length;
                if (!complete)
                {
                    if (window.End < document.Text.Length)
                    {
                        context.Warn(ErrorCodes.AnalysisBudgetExceeded,
                            $"the text after character {window.End:N0} of {document.Text.Length:N0} was not analysed: the budget per document ran out.");
                    }

                    break;
                }
            }
        }

        if (document.LoneSurrogates > 0)
        {
            warnings.Add(new Warning(ErrorCodes.LoneSurrogates,
                $"the text held {document.LoneSurrogates:N0} UTF-16 surrogate(s) without their pair (the first at offset {document.FirstLoneSurrogate:N0}); each was replaced by U+FFFD, offsets unchanged."));
        }

        if (windows.Count > 1)
        {
            warnings.Add(new Warning(ErrorCodes.LargeDocumentWindows,
                $"the document has {document.Text.Length:N0} characters: it was analysed in {windows.Count} windows of at most {WindowChars:N0} characters " +
                "cut at paragraph breaks; entities, carried claims and checks do not reach across a window's edge. Split it into its parts for a finer analysis."));
        }

        var order = Components.Select(c => c.Name).ToList();
        var timed = timings.OrderBy(t => order.IndexOf(t.Key)).Select(t => (t.Key, t.Value)).ToImmutableArray();
        if (parts.Count == 1)
        {
            return parts[0].Freeze([.. inputWarnings ?? [], .. warnings], timed);
        }

        // Windows are disjoint and in text order, so concatenating each layer keeps it sorted.
        var layers = parts.SelectMany(p => p.Layers.Keys).Distinct()
            .ToImmutableDictionary(layer => layer, layer => layer.Concat(parts.Where(p => p.Layers.ContainsKey(layer)).Select(p => p.Layers[layer])));
        var all = (inputWarnings ?? []).Concat(warnings).Concat(parts.SelectMany(p => p.Warnings)).Distinct().ToImmutableArray();
        return new AnalyzedDocument(document, layers, all, timed);
    }

    /// <summary>Runs every component on one window; false when the budget ran out (the rest left empty, with warning CF1401).</summary>
    private bool RunComponents(AnalysisContext context, long started, TimeSpan budget, Dictionary<string, TimeSpan> timings)
    {
        for (var i = 0; i < Components.Length; i++)
        {
            var component = Components[i];
            var before = Stopwatch.GetTimestamp();
            context.Enter(component);
            try
            {
                AnalysisBudget.ThrowIfExceeded(force: true);
                component.Process(context);
            }
            catch (AnalysisBudgetExceededException)
            {
                var skipped = Components.Skip(i).ToList();
                foreach (var layer in skipped.SelectMany(c => c.Provides))
                {
                    context.SetEmptyIfMissing(layer);
                }

                context.Enter(null);
                context.Warn(ErrorCodes.AnalysisBudgetExceeded,
                    $"analysis stopped after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.###} s, over the {budget.TotalSeconds:0.###} s budget for this document, " +
                    $"in '{component.Name}': the layers of {string.Join(", ", skipped.Select(c => $"'{c.Name}'"))} are empty. " +
                    "Split the document, or raise the budget (--budget).");
                Add(component.Name, Stopwatch.GetElapsedTime(before));
                return false;
            }

            Add(component.Name, Stopwatch.GetElapsedTime(before));
        }

        context.Enter(null);
        return true;

        void Add(string name, TimeSpan elapsed) => timings[name] = timings.GetValueOrDefault(name) + elapsed;
    }

    /// <summary>
    /// Cuts [0, length) into windows of at most <paramref name="size"/> characters, each ending after a blank
    /// line when there is one in its second half, else after a line break, a sentence end or a space, else at
    /// the size (never between the halves of a surrogate pair).
    /// </summary>
    public static IReadOnlyList<Span> Windows(string text, int size)
    {
        ArgumentNullException.ThrowIfNull(text);
        size = Math.Max(size, 1000);
        var windows = new List<Span>();
        var start = 0;
        while (text.Length - start > size)
        {
            var limit = start + size;
            var half = start + (size / 2);
            var cut = LastBreak(text, half, limit);
            windows.Add(new Span(start, cut));
            start = cut;
        }

        windows.Add(new Span(start, text.Length));
        return windows;
    }

    private static int LastBreak(string text, int from, int limit)
    {
        var s = text.AsSpan(from, limit - from);
        var blank = s.LastIndexOf("\n\n");
        if (blank >= 0)
        {
            return from + blank + 2;
        }

        var line = s.LastIndexOf('\n');
        if (line >= 0)
        {
            return from + line + 1;
        }

        var sentence = s.LastIndexOf(". ");
        if (sentence >= 0)
        {
            return from + sentence + 2;
        }

        var space = s.LastIndexOfAny(' ', '\t');
        if (space >= 0)
        {
            return from + space + 1;
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }

    /// <summary>
    /// <see cref="Run"/> for batch callers: an exception inside the analysis of one document becomes
    /// error CF9002 naming the document, so the others of the batch go on.
    /// </summary>
    public (AnalyzedDocument? Analyzed, CasefileException? Error) TryRun(Document document, IEnumerable<Warning>? inputWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        try
        {
            return (Run(document, inputWarnings), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var name = document.Source ?? document.Id;
            var where = e.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Casefile.", StringComparison.Ordinal));
            return (null, new CasefileException(ErrorCodes.DocumentFailed,
                $"{name}: analysing this document failed ({e.GetType().Name}: {e.Message}{(where is null ? "" : " " + where)}); the other documents were analysed. " +
                "This is a bug: please report it with the document.", e));
        }
    }
}
