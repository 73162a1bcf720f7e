using System.Text.Json;
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
