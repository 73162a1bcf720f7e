using System.Globalization;
using Casefile.Lexicons;
using Casefile.Model;

namespace Casefile.Recognizers.Numbers;

/// <summary>A number found over tokens [First, Last]: digits ("4,500", "3.5m", "2 mln") or words ("twenty-five", "a dozen").</summary>
internal readonly record struct NumberMatch(int First, int Last, double Value, bool Digits, bool Scaled, bool Integer, double Scale = 1)
{
    public int Next => Last + 1;
}

/// <summary>Reads numbers written in digits or words, with their multipliers, from a token position.</summary>
internal static class NumberParser
{
    public static bool TryParse(string text, ReadOnlySpan<Token> tokens, int i, out NumberMatch match)
    {
        match = default;
        if (i >= tokens.Length)
        {
            return false;
        }

        var t = tokens[i];
        return t.Kind switch
        {
            TokenKind.Number => TryDigits(text, tokens, i, out match),
            TokenKind.Word => TryWords(text, tokens, i, out match),
            _ => false,
        };
    }

    /// <summary>Parses "4,500", "3.5", "21.8"; false for "24.04.2023" and other multi-dot forms.</summary>
    public static bool TryParseDigits(ReadOnlySpan<char> s, out double value, out bool integer)
    {
        value = 0;
        integer = true;
        Span<char> buffer = stackalloc char[Math.Min(s.Length, 64)];
        if (s.Length > 64)
        {
            return false;
        }

        var n = 0;
        var dots = 0;
        foreach (var c in s)
        {
            if (c == ',')
            {
                continue;
            }

            if (c == '.')
            {
                dots++;
                integer = false;
            }

            buffer[n++] = c;
        }

        return dots <= 1 && double.TryParse(buffer[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryDigits(string text, ReadOnlySpan<Token> tokens, int i, out NumberMatch match)
    {
        match = default;
        var t = tokens[i];
        if (!TryParseDigits(text.AsSpan(t.Start, t.Length), out var value, out var integer))
        {
            return false;
        }

        var last = i;
        var scaled = false;
        double scale = 1;
        if (i + 1 < tokens.Length && tokens[i + 1].Kind == TokenKind.Word)
        {
            var next = tokens[i + 1];
            var word = text.AsSpan(next.Start, next.Length);
            if (Lexicon.Instance.Multipliers.TryGet(word, out var m)
                && (m.Attach == "any" || (m.Attach == "tight" && !next.SpaceBefore)))
            {
                value *= m.Value;
                scale = m.Value;
                last = i + 1;
                scaled = true;
                integer = value == Math.Floor(value);
            }
        }

        match = new NumberMatch(i, last, value, Digits: true, scaled, integer, scale);
        return true;
    }

    private static bool TryWords(string text, ReadOnlySpan<Token> tokens, int i, out NumberMatch match)
    {
        match = default;
        double total = 0;
        double current = 0;
        var any = false;
        var scaled = false;
        var last = -1;
        var j = i;
        var article = false;
        string? previousClass = null;
        while (j < tokens.Length && tokens[j].Kind == TokenKind.Word)
        {
            var w = text.AsSpan(tokens[j].Start, tokens[j].Length);
            if (!any && !article && (w.Equals("a", StringComparison.OrdinalIgnoreCase) || w.Equals("an", StringComparison.OrdinalIgnoreCase)))
            {
                article = true;
                j++;
                continue;
            }

            // "seven and a half": a half more.
            if (any && w.Equals("and", StringComparison.OrdinalIgnoreCase) && j + 2 < tokens.Length
                && text.AsSpan(tokens[j + 1].Start, tokens[j + 1].Length).Equals("a", StringComparison.OrdinalIgnoreCase)
                && text.AsSpan(tokens[j + 2].Start, tokens[j + 2].Length).Equals("half", StringComparison.OrdinalIgnoreCase))
            {
                current += 0.5;
                last = j + 2;
                j += 3;
                previousClass = "half";
                continue;
            }

            // "one hundred and two", "two thousand and five" — but "six and two years" is a list of two numbers.
            if (any && previousClass is "hundred" or "scale" && w.Equals("and", StringComparison.OrdinalIgnoreCase) && j + 1 < tokens.Length
                && PeekWord(text, tokens[j + 1], out var after) && after.Class is "unit" or "teen" or "tens")
            {
                j++;
                continue;
            }

            if (!TryWordValue(w, out var value, out var cls))
            {
                break;
            }

            // "six two" is not a number: a unit or teen only follows a tens, hundred or scale word.
            if (any && cls is "unit" or "teen" or "tens" && previousClass is "half" || (any && cls is "unit" or "teen" && previousClass is "unit" or "teen"))
            {
                break;
            }

            previousClass = cls;

            // "a" only counts before a dozen, hundred or scale word: "a dozen", "a million".
            if (article && !any && cls is not ("dozen" or "hundred" or "scale"))
            {
                return false;
            }

            switch (cls)
            {
                case "unit" or "teen" or "tens" or "compound":
                    current += value;
                    break;
                case "hundred":
                    current = (current == 0 ? 1 : current) * 100;
                    break;
                case "dozen":
                    current = (current == 0 ? 1 : current) * 12;
                    break;
                case "scale":
                    total += (current == 0 ? 1 : current) * value;
                    current = 0;
                    scaled = true;
                    break;
                default:
                    break;
            }

            any = true;
            last = j;
            j++;
        }

        if (!any)
        {
            return false;
        }

        match = new NumberMatch(i, last, total + current, Digits: false, scaled, Integer: true);
        return true;
    }

    private static bool PeekWord(string text, Token token, out (double Value, string Class) entry)
    {
        entry = default;
        return token.Kind == TokenKind.Word && Lexicon.Instance.NumberWords.TryGet(text.AsSpan(token.Start, token.Length), out entry);
    }

    /// <summary>A single number word or a hyphenated compound such as "twenty-five".</summary>
    public static bool TryWordValue(ReadOnlySpan<char> w, out double value, out string cls)
    {
        var words = Lexicon.Instance.NumberWords;
        if (words.TryGet(w, out var entry))
        {
            value = entry.Value;
            cls = entry.Class;
            return true;
        }

        value = 0;
        cls = "";
        var hyphen = w.IndexOf('-');
        if (hyphen > 0 && words.TryGet(w[..hyphen], out var tens) && tens.Class == "tens"
            && words.TryGet(w[(hyphen + 1)..], out var unit) && unit.Class == "unit" && unit.Value > 0)
        {
            value = tens.Value + unit.Value;
            cls = "compound";
            return true;
        }

        return false;
    }
}
