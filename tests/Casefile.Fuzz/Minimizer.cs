using System.Text;

namespace Casefile.Fuzz;

/// <summary>Delta debugging (ddmin) of a failing input: lines, then whitespace-separated pieces, then characters
/// are removed while the failure keeps its class (exception type + top Casefile frame, or violation shape).</summary>
public static class Minimizer
{
    public static FuzzInput Minimize(FuzzInput input, FuzzFailure failure, TimeSpan timeout, int maxRuns = 4000, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(failure);
        var runs = 0;
        bool Fails(FuzzInput candidate)
        {
            if (runs++ >= maxRuns)
            {
                return false;
            }

            var outcome = FuzzCampaign.RunWithTimeout(candidate, timeout);
            return outcome?.Failure is { } f && f.Class == failure.Class;
        }

        var current = input;
        if (input.IsHtml)
        {
            // Often the extracted text alone fails the same way; then it is minimised as plain text.
            var outcome = FuzzCampaign.RunWithTimeout(input, timeout);
            var asText = outcome?.DocumentText is { } t ? input with { Text = t, HtmlBytes = null, Kind = input.Kind + " (as extracted text)" } : null;
            if (asText is not null && Fails(asText))
            {
                current = asText;
            }
            else
            {
                var reencoded = input with { HtmlBytes = Encoding.UTF8.GetBytes(input.Text) };
                if (!Fails(reencoded))
                {
                    log?.Invoke("the HTML failure depends on its byte corruption; not minimised");
                    return input;
                }

                current = reencoded;
            }
        }

        FuzzInput With(string text) => current.HtmlBytes is null ? current with { Text = text } : current with { Text = text, HtmlBytes = Encoding.UTF8.GetBytes(text) };

        foreach (var level in new[] { "lines", "words", "chars" })
        {
            if (level == "chars" && current.Text.Length > 3000)
            {
                continue;
            }

            var units = Split(current.Text, level);
            var n = 2;
            while (units.Count >= 2 && runs < maxRuns)
            {
                var size = (int)Math.Ceiling(units.Count / (double)n);
                var reduced = false;
                for (var i = 0; i < n && i * size < units.Count; i++)
                {
                    var complement = units.Take(i * size).Concat(units.Skip((i + 1) * size)).ToList();
                    var candidate = With(string.Concat(complement));
                    if (Fails(candidate))
                    {
                        units = complement;
                        current = candidate;
                        n = Math.Max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }

                if (!reduced)
                {
                    if (n >= units.Count)
                    {
                        break;
                    }

                    n = Math.Min(units.Count, n * 2);
                }
            }

            log?.Invoke($"after {level}: {current.Text.Length} chars ({runs} runs)");
        }

        // The simplest date that still fails: none, then the original.
        if (current.Published is not null && Fails(current with { Published = null }))
        {
            current = current with { Published = null };
        }

        return current;
    }

    private static List<string> Split(string text, string level)
    {
        var units = new List<string>();
        if (level == "chars")
        {
            // Whole surrogate pairs stay together; lone surrogates are units of their own.
            for (var i = 0; i < text.Length; i++)
            {
                var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
                units.Add(text.Substring(i, pair ? 2 : 1));
                if (pair)
                {
                    i++;
                }
            }

            return units;
        }

        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var boundary = level == "lines" ? text[i] == '\n' : char.IsWhiteSpace(text[i]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1]));
            if (boundary)
            {
                units.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            units.Add(text[start..]);
        }

        return units;
    }
}
