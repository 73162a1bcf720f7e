using System.Text.Json;

namespace Casefile.Fuzz;

/// <summary>One place in the emitted JSON that breaks the span invariant.</summary>
public sealed record SpanViolation(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The span invariant checked on the JSON the library emits, by walking every object — no list of
/// fields to keep up to date. Any object with integer <c>start</c> and <c>end</c> must have
/// 0 ≤ start ≤ end ≤ length; its string <c>text</c> (and <c>name</c>, a claim source's words) must equal the text
/// at [start, end). Pairs <c>x_start</c>/<c>x_end</c> (an event's <c>claim_start</c>) must be in range too, a
/// start without its end (or the reverse) is reported, and <c>document.length</c> must be the text's length.</summary>
public static class SpanWalker
{
    /// <summary>Said of a <c>text</c> that equals the span once its lone surrogates are read as U+FFFD, which is what
    /// System.Text.Json writes for them (JSON text must be valid Unicode).</summary>
    public const string OnlySurrogates = "differs only by lone surrogates written as U+FFFD";

    public static string ReplaceLoneSurrogates(string s)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    public static IReadOnlyList<SpanViolation> Check(string json, string text, int max = 20)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var found = new List<SpanViolation>();
        if (doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("document", out var d) && d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("length", out var length) && length.TryGetInt64(out var n) && n != text.Length)
        {
            found.Add(new SpanViolation("$.document.length", $"is {n}, the text has {text.Length} chars"));
        }

        Walk(doc.RootElement, "$", text, found, max);
        return found;
    }

    private static void Walk(JsonElement e, string path, string text, List<SpanViolation> found, int max)
    {
        if (found.Count >= max)
        {
            return;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.Array:
            {
                var i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, $"{path}[{i++}]", text, found, max);
                }

                break;
            }
            case JsonValueKind.Object:
                CheckObject(e, path, text, found);
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, $"{path}.{p.Name}", text, found, max);
                }

                break;
        }
    }

    private static long? Integer(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static void CheckObject(JsonElement o, string path, string text, List<SpanViolation> found)
    {
        foreach (var p in o.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number)
            {
                continue;
            }

            string prefix;
            string otherName;
            if (p.Name == "start" || p.Name.EndsWith("_start", StringComparison.Ordinal))
            {
                prefix = p.Name[..^"start".Length];
                otherName = prefix + "end";
            }
            else if (p.Name == "end" || p.Name.EndsWith("_end", StringComparison.Ordinal))
            {
                prefix = p.Name[..^"end".Length];
                if (Integer(o, prefix + "start") is null)
                {
                    found.Add(new SpanViolation(path, $"has '{p.Name}' without '{prefix}start'"));
                }

                continue;
            }
            else
            {
                continue;
            }

            var start = Integer(o, p.Name);
            var end = Integer(o, otherName);
            if (start is not { } s)
            {
                found.Add(new SpanViolation(path, $"'{p.Name}' is not an integer ({p.Value.GetRawText()})"));
                continue;
            }

            if (end is not { } en)
            {
                found.Add(new SpanViolation(path, $"has '{p.Name}' without '{otherName}'"));
                continue;
            }

            if (s < 0 || s > en || en > text.Length)
            {
                found.Add(new SpanViolation(path, $"[{s}, {en}) ('{p.Name}'/'{otherName}') is not within 0 ≤ start ≤ end ≤ {text.Length}"));
                continue;
            }

            if (prefix.Length > 0)
            {
                continue;
            }

            foreach (var field in new[] { "text", "name" })
            {
                if (o.TryGetProperty(field, out var t) && t.ValueKind == JsonValueKind.String)
                {
                    var actual = text.Substring((int)s, (int)(en - s));
                    var stated = t.GetString();
                    if (!string.Equals(stated, actual, StringComparison.Ordinal))
                    {
                        stated ??= "";
                        var k = 0;
                        while (k < stated.Length && k < actual.Length && stated[k] == actual[k])
                        {
                            k++;
                        }

                        var why = string.Equals(stated, ReplaceLoneSurrogates(actual), StringComparison.Ordinal) ? " — " + OnlySurrogates : "";
                        var from = Math.Max(0, k - 20);
                        found.Add(new SpanViolation(path, $"'{field}' is {Escape.Literal(stated[from..], 60)} but the text at [{s}, {en}) is {Escape.Literal(actual[from..], 60)}"
                            + $" (from offset {from}; they first differ at offset {k}){why}"));
                    }
                }
            }
        }
    }
}
