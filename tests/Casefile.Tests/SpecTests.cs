using System.Text.Json;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>Runs every case of Specs/*.json (format: Specs/README.md) against the recognisers.</summary>
public sealed class SpecTests
{
    private static readonly string[] Flags = ["approximate", "at_least", "at_most"];

    public static IEnumerable<TheoryDataRow<string>> Cases()
    {
        foreach (var file in Directory.GetFiles(Repo.Path("tests", "Casefile.Tests", "Specs"), "*.json").Order(StringComparer.Ordinal))
        {
            var spec = Json.Parse(File.ReadAllText(file));
            var count = spec.GetProperty("cases").GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                yield return new TheoryDataRow<string>($"{Path.GetFileName(file)}#{i}");
            }
        }
    }

    public static (string Layer, JsonElement Case) Load(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        var spec = Json.Parse(File.ReadAllText(Repo.Path("tests", "Casefile.Tests", "Specs", id[..hash])));
        return (spec.GetProperty("layer").GetString()!, spec.GetProperty("cases")[int.Parse(id[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture)]);
    }

    public static AnalyzedDocument Analyze(JsonElement c)
    {
        var input = c.GetProperty("input").GetString()!;
        DateOnly? published = c.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String
            ? DateOnly.Parse(p.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return CasefileAnalyzer.Run(new Document(input, published: published));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spec(string id)
    {
        var (layer, c) = Load(id);
        var analyzed = Analyze(c);
        var text = analyzed.Document.Text;
        var expected = c.GetProperty("expected").EnumerateArray().ToList();
        var note = c.TryGetProperty("note", out var n) ? " (" + n.GetString() + ")" : "";

        if (layer is "sentences" or "tokens")
        {
            var spans = layer == "sentences"
                ? analyzed.Get(Layers.Sentences).Select(s => text[s.Start..s.End])
                : analyzed.Get(Layers.Tokens).Select(t => text[t.Start..t.End]);
            Assert.Equal(expected.Select(e => e.GetString()!).ToList(), spans.ToList());
            return;
        }

        var actual = layer switch
        {
            "quantities" => analyzed.Get(Layers.Quantities).Select(q => (q.Start, q.End, Json: JsonSerializer.SerializeToElement(q, CasefileJsonContext.Default.Quantity))).ToList(),
            "times" => analyzed.Get(Layers.Times).Select(t => (t.Start, t.End, Json: JsonSerializer.SerializeToElement(t, CasefileJsonContext.Default.TimeExpression))).ToList(),
            "legal_refs" => analyzed.Get(Layers.LegalRefs).Select(l => (l.Start, l.End, Json: JsonSerializer.SerializeToElement(l, CasefileJsonContext.Default.LegalRef))).ToList(),
            _ => throw new InvalidOperationException($"unknown layer '{layer}' in {id}"),
        };

        var problems = new List<string>();
        var from = 0;
        for (var k = 0; k < expected.Count; k++)
        {
            var e = expected[k];
            var eText = e.GetProperty("text").GetString()!;
            var start = e.TryGetProperty("start", out var s) ? s.GetInt32() : text.IndexOf(eText, from, StringComparison.Ordinal);
            if (start < 0)
            {
                problems.Add($"expected text '{eText}' is not in the input");
                continue;
            }

            from = start + eText.Length;
            var match = actual.FindIndex(a => a.Start == start && a.End == start + eText.Length);
            if (match < 0)
            {
                problems.Add($"missing: '{eText}' at {start}");
                continue;
            }

            var got = actual[match].Json;
            actual.RemoveAt(match);
            foreach (var field in e.EnumerateObject())
            {
                if (field.Name is "text" or "start")
                {
                    continue;
                }

                if (!got.TryGetProperty(field.Name, out var value))
                {
                    value = default;
                }

                if (!Same(field.Value, value))
                {
                    problems.Add($"'{eText}': {field.Name} expected {field.Value.GetRawText()}, got {(value.ValueKind == JsonValueKind.Undefined ? "(absent)" : value.GetRawText())}");
                }
            }

            if (layer == "quantities")
            {
                foreach (var flag in Flags)
                {
                    if (!e.TryGetProperty(flag, out _) && got.GetProperty(flag).GetBoolean())
                    {
                        problems.Add($"'{eText}': {flag} expected false, got true");
                    }
                }
            }
        }

        foreach (var extra in actual)
        {
            problems.Add($"unexpected: {extra.Json.GetRawText()}");
        }

        Assert.True(problems.Count == 0, $"{id}{note}\ninput: {text}\n" + string.Join("\n", problems));
    }

    private static bool Same(JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return actual.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        }

        if (expected.ValueKind == JsonValueKind.Number && actual.ValueKind == JsonValueKind.Number)
        {
            var a = expected.GetDouble();
            var b = actual.GetDouble();
            return a == b || Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));
        }

        return actual.ValueKind != JsonValueKind.Undefined && expected.GetRawText() == actual.GetRawText();
    }

    [Fact]
    public void There_are_at_least_200_recogniser_cases()
    {
        var recogniser = Cases().Count(c => !c.Data.StartsWith("sentences", StringComparison.Ordinal) && !c.Data.StartsWith("tokens", StringComparison.Ordinal));
        Assert.True(recogniser >= 200, $"only {recogniser} recogniser spec cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spec_inputs_keep_the_span_invariant(string id) => SpanInvariant.Check(Analyze(Load(id).Case));
}
