using System.Collections.Immutable;
using System.Globalization;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Segmentation;

/// <summary>
/// Splits text into word, number, code, punctuation and symbol tokens in one pass over the characters.
/// Keeps "4,500", "3.5", "SU-95", "Kassym-Jomart", "U.S." whole; splits "$3.5m" into $ 3.5 m,
/// "Smithov’s" into Smithov ’s, "16-year-old" into 16 - year-old and "don't" into do n't.
/// </summary>
public sealed class Tokenizer : IComponent
{
    public string Name => "tokenizer";

    public IReadOnlyList<Layer> Requires => [];

    public IReadOnlyList<Layer> Provides => [Layers.Tokens];

    public void Process(AnalysisContext context) => context.Set(Layers.Tokens, Tokenize(context.Text, context.Window));

    public static ImmutableArray<Token> Tokenize(string text) => Tokenize(text, new Span(0, text.Length));

    /// <summary>The tokens of <paramref name="window"/> of the text, with offsets into the whole text.</summary>
    public static ImmutableArray<Token> Tokenize(string text, Span window)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = ImmutableArray.CreateBuilder<Token>(Math.Max(16, window.Length / 5));
        var s = text.AsSpan(0, window.End);
        var i = window.Start;
        var newline = false;

        // A window after the first: whether a line break precedes its first token is in the text before it.
        for (var k = i - 1; k >= 0 && (char.IsWhiteSpace(s[k]) || char.IsControl(s[k]) || IsFormat(s[k])); k--)
        {
            newline |= s[k] is '\n' or '\r' or '\u2028' or '\u2029';
        }

        var space = i == 0 || char.IsWhiteSpace(s[i - 1]) || char.IsControl(s[i - 1]) || IsFormat(s[i - 1]);
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsFormat(c))
            {
                space = true;
                newline |= c is '\n' or '\r' or '\u2028' or '\u2029';
                i++;
                continue;
            }

            var start = i;
            if (char.IsLetterOrDigit(c))
            {
                if (TryDottedAcronym(s, i, out var acronymEnd))
                {
                    tokens.Add(new Token(i, acronymEnd, TokenKind.Word, space, newline));
                    i = acronymEnd;
                }
                else
                {
                    i = Chunk(s, i);
                    EmitChunk(s, start, i, space, newline, tokens);
                }
            }
            else if (c == '.' && i + 2 < s.Length && s[i + 1] == '.' && s[i + 2] == '.')
            {
                i += 3;
                while (i < s.Length && s[i] == '.')
                {
                    i++;
                }

                tokens.Add(new Token(start, i, TokenKind.Punct, space, newline));
            }
            else if ((c == '\'' || c == '\u2019') && i + 1 < s.Length && IsClitic(s, i + 1, out var cliticEnd) && i > 0 && char.IsLetter(s[i - 1]))
            {
                tokens.Add(new Token(i, cliticEnd, TokenKind.Word, space, newline));
                i = cliticEnd;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i += 2;
                tokens.Add(new Token(start, i, TokenKind.Symbol, space, newline));
            }
            else
            {
                i++;
                var kind = CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.CurrencySymbol or UnicodeCategory.MathSymbol
                    || c is '%' or '№' or '§'
                    ? TokenKind.Symbol
                    : TokenKind.Punct;
                tokens.Add(new Token(start, i, kind, space, newline));
            }

            space = false;
            newline = false;
        }

        return tokens.ToImmutable();
    }

    private static bool IsFormat(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    /// <summary>"U.S.", "e.g.", "p.m.": single letters each followed by a full stop, at least two of them.</summary>
    private static bool TryDottedAcronym(ReadOnlySpan<char> s, int i, out int end)
    {
        end = i;
        if (i > 0 && char.IsLetterOrDigit(s[i - 1]))
        {
            return false;
        }

        var count = 0;
        var j = i;
        while (j + 1 < s.Length && char.IsLetter(s[j]) && s[j + 1] == '.')
        {
            count++;
            j += 2;
        }

        if (count >= 2)
        {
            end = j;
            return true;
        }

        return false;
    }

    /// <summary>"’s", "'re", "’ve", "’ll", "’d", "’m", "'t" after a letter, ending at a non-letter.</summary>
    private static bool IsClitic(ReadOnlySpan<char> s, int i, out int end)
    {
        end = i;
        var j = i;
        while (j < s.Length && char.IsLetter(s[j]))
        {
            j++;
        }

        var word = s[i..j];
        if (word.Equals("s", StringComparison.OrdinalIgnoreCase) || word.Equals("re", StringComparison.OrdinalIgnoreCase)
            || word.Equals("ve", StringComparison.OrdinalIgnoreCase) || word.Equals("ll", StringComparison.OrdinalIgnoreCase)
            || word.Equals("d", StringComparison.OrdinalIgnoreCase) || word.Equals("m", StringComparison.OrdinalIgnoreCase))
        {
            end = j;
            return true;
        }

        return false;
    }

    /// <summary>The end of a run of letters and digits with joiners inside it (hyphens, decimal points, thousands commas, apostrophes).</summary>
    private static int Chunk(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                i++;
                continue;
            }

            if (i + 1 >= s.Length)
            {
                break;
            }

            var prev = s[i - 1];
            var next = s[i + 1];
            if (IsHyphen(c) && char.IsLetterOrDigit(prev) && char.IsLetterOrDigit(next))
            {
                i++;
            }
            else if (c == '.' && char.IsDigit(prev) && char.IsDigit(next))
            {
                i++;
            }
            else if (c == ',' && char.IsDigit(prev) && ThreeDigitsThenEnd(s, i + 1))
            {
                i++;
            }
            else if (IsApostrophe(c) && char.ToLowerInvariant(prev) == 'n' && (next is 't' or 'T') && (i + 2 >= s.Length || !char.IsLetter(s[i + 2])))
            {
                return i + 2;
            }
            else if (IsApostrophe(c) && char.IsLetter(prev) && char.IsLetter(next) && !IsClitic(s, i + 1, out _))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool ThreeDigitsThenEnd(ReadOnlySpan<char> s, int i) =>
        i + 2 < s.Length && char.IsDigit(s[i]) && char.IsDigit(s[i + 1]) && char.IsDigit(s[i + 2])
        && (i + 3 >= s.Length || !char.IsDigit(s[i + 3]));

    /// <summary>Splits a chunk at the places where a number meets a lowercase word, and handles "n't".</summary>
    private static void EmitChunk(ReadOnlySpan<char> s, int start, int end, bool space, bool newline, ImmutableArray<Token>.Builder tokens)
    {
        // "don't", "can't": the word, then "n't" (Penn Treebank convention).
        if (end - start >= 4 && IsApostrophe(s[end - 2]) && char.ToLowerInvariant(s[end - 3]) == 'n')
        {
            EmitChunk(s, start, end - 3, space, newline, tokens);
            tokens.Add(new Token(end - 3, end, TokenKind.Word, false, false));
            return;
        }

        var chunk = s[start..end];
        var hasDigit = chunk.IndexOfAnyInRange('0', '9') >= 0;
        if (!hasDigit)
        {
            tokens.Add(new Token(start, end, TokenKind.Word, space, newline));
            return;
        }

        var hasUpper = false;
        foreach (var ch in chunk)
        {
            hasUpper |= char.IsUpper(ch);
        }

        if (hasUpper)
        {
            // "SU-95", "A320", "COVID-19", "EX-47210": an identifier, never a quantity.
            tokens.Add(new Token(start, end, AllDigitsOrJoiners(chunk) ? TokenKind.Number : TokenKind.Code, space, newline));
            return;
        }

        // Lowercase letters and digits: split into parts at hyphens, and digits from trailing letters ("3.5m", "1990s", "3rd").
        var partStart = start;
        for (var k = start; k <= end; k++)
        {
            if (k < end && !IsHyphen(s[k]))
            {
                continue;
            }

            // A hyphen between two parts of the same kind stays inside ("year-old", "e-mail") unless both are numbers ("2016-2019").
            if (k < end && !SplitAtHyphen(s, partStart, k, end))
            {
                continue;
            }

            EmitPart(s, partStart, k, space, newline, tokens);
            space = false;
            newline = false;
            if (k < end)
            {
                tokens.Add(new Token(k, k + 1, TokenKind.Punct, false, false));
            }

            partStart = k + 1;
        }
    }

    private static bool SplitAtHyphen(ReadOnlySpan<char> s, int partStart, int hyphen, int end)
    {
        var left = s[partStart..hyphen];
        var rightEnd = hyphen + 1;
        while (rightEnd < end && !IsHyphen(s[rightEnd]))
        {
            rightEnd++;
        }

        var right = s[(hyphen + 1)..rightEnd];
        var leftDigits = left.IndexOfAnyInRange('0', '9') >= 0;
        var rightDigits = right.IndexOfAnyInRange('0', '9') >= 0;
        return leftDigits || rightDigits;
    }

    private static void EmitPart(ReadOnlySpan<char> s, int start, int end, bool space, bool newline, ImmutableArray<Token>.Builder tokens)
    {
        if (end <= start)
        {
            return;
        }

        var part = s[start..end];
        if (!char.IsDigit(part[0]))
        {
            tokens.Add(new Token(start, end, part.IndexOfAnyInRange('0', '9') >= 0 ? TokenKind.Code : TokenKind.Word, space, newline));
            return;
        }

        var digitsEnd = start;
        while (digitsEnd < end && (char.IsDigit(s[digitsEnd]) || s[digitsEnd] is '.' or ','))
        {
            digitsEnd++;
        }

        if (digitsEnd == end)
        {
            tokens.Add(new Token(start, end, TokenKind.Number, space, newline));
            return;
        }

        var rest = s[digitsEnd..end];
        var letters = true;
        foreach (var ch in rest)
        {
            letters &= char.IsLetter(ch);
        }

        if (letters)
        {
            tokens.Add(new Token(start, digitsEnd, TokenKind.Number, space, newline));
            tokens.Add(new Token(digitsEnd, end, TokenKind.Word, false, false));
        }
        else
        {
            tokens.Add(new Token(start, end, TokenKind.Code, space, newline));
        }
    }

    private static bool AllDigitsOrJoiners(ReadOnlySpan<char> chunk)
    {
        foreach (var ch in chunk)
        {
            if (!char.IsDigit(ch) && ch is not '.' and not ',')
            {
                return false;
            }
        }

        return true;
    }
}
