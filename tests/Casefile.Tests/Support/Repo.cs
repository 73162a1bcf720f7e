using System.Text.Json;
using Casefile.Events;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Tests.Support;

/// <summary>Paths inside the repository, found from the test binary's folder.</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>../shared beside the repository, or null when absent (a user's fresh clone).</summary>
    public static string? Shared
    {
        get
        {
            var dir = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared"));
            return Directory.Exists(dir) ? dir : null;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Casefile.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Casefile.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The span invariant of DESIGN principle 1, checked over every layer.</summary>
internal static class SpanInvariant
{
    public static void Check(AnalyzedDocument analyzed)
    {
        var text = analyzed.Document.Text;
        foreach (var (layer, items) in analyzed.SpannedLayers())
        {
            var previousStart = 0;
            var previousEnd = 0;
            foreach (var item in items)
            {
                var where = $"layer '{layer.Name}' item [{item.Start}, {item.End})";
                Assert.True(item.Start >= 0 && item.Start <= item.End && item.End <= text.Length, $"{where} is outside the text of length {text.Length}");
                Assert.True(item.Start >= previousStart, $"{where} is not sorted (previous start {previousStart})");
                if (item is Mention m)
                {
                    Assert.True(m.Type is "PER" or "ORG" or "LOC", $"{where} has type {m.Type}");
                    Assert.InRange(m.Confidence, 0.0, 1.0);
                    Assert.True(m.End > m.Start && !char.IsWhiteSpace(text[m.Start]) && !char.IsWhiteSpace(text[m.End - 1]), $"{where} is empty or has edge spaces");
                }

                if (layer == Layers.Sentences || layer == Layers.Tokens || layer == Layers.Mentions)
                {
                    Assert.True(item.Start >= previousEnd, $"{where} overlaps the previous item ending at {previousEnd}");
                    Assert.True(item.End > item.Start, $"{where} is empty");
                }

                var expected = ItemText(item);
                if (expected is not null)
                {
                    Assert.Equal(expected, text[item.Start..item.End]);
                }

                if (item is TimeExpression { AnchorSpan: { } anchor })
                {
                    Assert.True(anchor.Start >= 0 && anchor.Start <= anchor.End && anchor.End <= item.Start, $"{where} anchor {anchor} is not an earlier span");
                }

                previousStart = item.Start;
                previousEnd = item.End;
            }
        }

        if (analyzed.Has(Layers.Entities))
        {
            CheckEntities(analyzed);
        }

        if (analyzed.Has(Layers.Claims))
        {
            CheckClaims(analyzed);
        }

        if (analyzed.Has(Layers.Events))
        {
            CheckEvents(analyzed);
        }

        if (analyzed.Has(Layers.Findings))
        {
            var length = analyzed.Document.Text.Length;
            foreach (var f in analyzed.Get(Layers.Findings))
            {
                Assert.Contains(f.Status, new[] { "consistent", "inconsistent", "unverifiable" });
                Assert.Contains(f.Severity, new[] { "error", "warning", "info" });
                Assert.False(string.IsNullOrWhiteSpace(f.Message));
                Assert.All(f.Evidence, e => Assert.True(e.Start >= 0 && e.Start < e.End && e.End <= length, $"{f.Check} evidence [{e.Start}, {e.End}) outside the text"));
            }
        }
    }

    /// <summary>Events: ids v1… in order, known types, trigger, evidence, participants, amounts and times inside the
    /// text, times taken from the times layer, entity ids known, the source a real claim, the timeline complete.</summary>
    private static void CheckEvents(AnalyzedDocument analyzed)
    {
        var text = analyzed.Document.Text;
        var ids = analyzed.Get(Layers.Entities).Select(e => e.Id).ToHashSet();
        var events = analyzed.Get(Layers.Events);
        void Inside(int start, int end, string what) => Assert.True(start >= 0 && start < end && end <= text.Length, $"{what} [{start}, {end}) is outside the text");
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            Assert.Equal($"v{i + 1}", e.Id);
            Assert.Contains(e.Type, EventTypes.All);
            Inside(e.Trigger.Start, e.Trigger.End, $"{e.Id} trigger");
            Assert.NotEmpty(e.Evidence);
            Assert.All(e.Evidence, ev => Inside(ev.Start, ev.End, $"{e.Id} evidence"));
            Assert.Equal((e.Start, e.End), (e.Evidence[0].Start, e.Evidence[0].End));
            foreach (var p in e.Participants.Concat(e.Place is null ? [] : [e.Place]))
            {
                Inside(p.Start, p.End, $"{e.Id} participant");
                Assert.True(p.Entity is null || ids.Contains(p.Entity), $"{e.Id} participant entity {p.Entity} unknown");
                Assert.True(p.Text == text[p.Start..p.End], $"{e.Id} participant text '{p.Text}' is not the text at its span");
                Assert.True(p.EntityName is null || p.Entity is not null, $"{e.Id} participant has a name but no entity");
            }

            if (e.Time is { After: null } t)
            {
                Assert.Contains(analyzed.Get(Layers.Times), x => x.Start == t.Start && x.End == t.End && x.Value == t.Value);
            }
            else if (e.Time is { } relative)
            {
                Inside(relative.Start, relative.End, $"{e.Id} relative time");
            }

            foreach (var a in e.Attributes?.Amounts ?? [])
            {
                Assert.Equal(a.Text, text[a.Start..a.End]);
            }

            Assert.Contains(e.Source.Kind, SourceKinds.All);
            Assert.Contains(e.Source.Certainty, Certainties.All);
        }

        var timeline = Timeline.Of(events);
        Assert.Equal(events.Select(e => e.Id).Order(StringComparer.Ordinal), timeline.Select(x => x.Event).Order(StringComparer.Ordinal));
    }

    /// <summary>Claims: kinds and certainties from the contract's lists, non-empty spans without edge spaces, source
    /// names equal to the text at their spans, cues and certainty cues inside the text, entity ids known, scores in [0, 1].</summary>
    private static void CheckClaims(AnalyzedDocument analyzed)
    {
        var text = analyzed.Document.Text;
        var ids = analyzed.Get(Layers.Entities).Select(e => e.Id).ToHashSet();
        void Source(ClaimSource s, Claim c)
        {
            Assert.Contains(s.Kind, SourceKinds.All);
            Assert.Equal(s.Name is null, s.Start is null);
            if (s.Start is { } a && s.End is { } b)
            {
                Assert.True(a >= 0 && a < b && b <= text.Length, $"source of claim at {c.Start} is outside the text");
                Assert.Equal(s.Name, text[a..b]);
            }

            if (s.Cue is { } cue)
            {
                Assert.True(cue.Start >= 0 && cue.Start < cue.End && cue.End <= text.Length, $"cue of claim at {c.Start} is outside the text");
            }

            Assert.True(s.Entity is null || ids.Contains(s.Entity), $"source entity {s.Entity} unknown");
            if (s.Via is { } via)
            {
                Source(via, c);
            }

            foreach (var also in s.Also ?? [])
            {
                Source(also, c);
            }
        }

        foreach (var c in analyzed.Get(Layers.Claims))
        {
            Assert.True(c.End > c.Start && !char.IsWhiteSpace(text[c.Start]) && !char.IsWhiteSpace(text[c.End - 1]), $"claim [{c.Start}, {c.End}) is empty or has edge spaces");
            Assert.Contains(c.Certainty, Certainties.All);
            Assert.InRange(c.Checkworthy, 0.0, 1.0);
            Assert.All(c.About, id => Assert.Contains(id, ids));
            if (c.CertaintyCue is { } k)
            {
                Assert.True(k.Start >= c.Start && k.End <= c.End && k.Start < k.End, $"certainty cue {k} outside claim [{c.Start}, {c.End})");
            }

            Source(c.Source, c);
            Assert.True(c.Carried == true || c.Source.Cue is null || (c.Source.Cue.Start >= c.Start && c.Source.Cue.End <= c.End),
                $"cue of claim [{c.Start}, {c.End}) lies outside it");
        }
    }

    /// <summary>Entities: ids unique, every link points to an entity, mention counts add up, evidence and
    /// link spans lie in the text, a role's organisation is an entity of the document.</summary>
    private static void CheckEntities(AnalyzedDocument analyzed)
    {
        var text = analyzed.Document.Text;
        var entities = analyzed.Get(Layers.Entities);
        var ids = entities.Select(e => e.Id).ToHashSet();
        Assert.Equal(entities.Length, ids.Count);
        var linked = analyzed.Get(Layers.LinkedMentions);
        foreach (var m in linked)
        {
            Assert.True(m.Entity is null || ids.Contains(m.Entity), $"mention '{m.Text}' links to unknown entity {m.Entity}");
            // Every name has an entity, unless it is not on token boundaries (then it is kept unlinked).
            var tokens = analyzed.Get(Layers.Tokens);
            var aligned = tokens.Any(t => t.Start == m.Start) && tokens.Any(t => t.End == m.End);
            Assert.True(m.Kind is not null || m.Entity is not null || !aligned, $"name '{m.Text}' at {m.Start} has no entity");
            if (m.Link is { With: { } with })
            {
                Assert.True(with.Start >= 0 && with.End <= text.Length && with.Start < with.End, $"link of '{m.Text}' points outside the text");
            }

            Assert.InRange(m.Link?.Score ?? 1, 0.0, 1.0);
        }

        foreach (var e in entities)
        {
            Assert.Equal(linked.Count(m => m.Entity == e.Id), e.Mentions);
            Assert.Contains(e.Name, e.Aliases.Concat([e.Name]));
            Assert.All(e.Aliases, a => Assert.Contains(linked, m => m.Entity == e.Id && m.Text == a));
            foreach (var r in e.Roles ?? [])
            {
                Assert.True(r.Of is null || ids.Contains(r.Of), $"role {r.Role} of unknown {r.Of}");
                Assert.All(r.Evidence, ev => Assert.True(ev.Start >= 0 && ev.Start < ev.End && ev.End <= text.Length, $"role evidence {ev} outside the text"));
            }
        }
    }

    private static string? ItemText(ISpanned item) => item switch
    {
        Quantity q => q.Text,
        TimeExpression t => t.Text,
        LegalRef l => l.Text,
        Mention m => m.Text,
        _ => null,
    };
}

internal static class Json
{
    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
