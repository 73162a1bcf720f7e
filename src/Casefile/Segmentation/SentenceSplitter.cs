using System.Collections.Immutable;
using Casefile.Lexicons;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Segmentation;

/// <summary>
/// Finds sentence ends over tokens: a full stop, "!", "?" or ellipsis followed by a capital, digit,
/// quote or bracket, unless it closes an abbreviation or an initial; closing quotes and brackets
/// after it stay in the sentence; no split inside brackets; a blank line always ends a sentence.
/// </summary>
public sealed class SentenceSplitter : IComponent
{
    public string Name => "sentence-splitter";

    public IReadOnlyList<Layer> Requires => [Layers.Tokens];

    public IReadOnlyList<Layer> Provides => [Layers.Sentences];

    public void Process(AnalysisContext context) =>
        context.Set(Layers.Sentences, Split(context.Text, context.Get(Layers.Tokens).AsSpan()));

    public static ImmutableArray<Sentence> Split(string text, ReadOnlySpan<Token> tokens)
    {
        var sentences = ImmutableArray.CreateBuilder<Sentence>();
        var lex = Lexicon.Instance;
        var first = 0;
        var depth = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > first && BlankLineBefore(text, tokens, i))
            {
                sentences.Add(new Sentence(tokens[first].Start, tokens[i - 1].End));
                first = i;
                depth = 0;
            }
            else if (i - first >= MaxTokens)
            {
                // A run without a full stop (or inside a bracket never closed): cut it at a clause boundary so
                // every stage that works per sentence stays linear in the document.
                var cut = ClauseCut(text, tokens, first, i);
                sentences.Add(new Sentence(tokens[first].Start, tokens[cut - 1].End));
                first = cut;
                depth = 0;
            }

            var t = tokens[i];
            var s = text.AsSpan(t.Start, t.Length);
            if (t.Kind != TokenKind.Punct && !(t.Kind == TokenKind.Word && s.Length >= 4 && s[^1] == '.'))
            {
                continue;
            }

            var c = s[0];
            if (c is '(' or '[')
            {
                depth++;
                continue;
            }

            if (c is ')' or ']')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            var isAcronym = t.Kind == TokenKind.Word;
            var isStop = c == '.' && s.Length == 1;
            var isEllipsis = (c == '.' && s.Length >= 3) || c == '\u2026';
            if (!isStop && !isEllipsis && !isAcronym && c is not '!' and not '?')
            {
                continue;
            }

            // Take in further terminators ("?!", "!!") and the closing quotes and brackets that follow.
            var end = i;
            while (end + 1 < tokens.Length && !tokens[end + 1].SpaceBefore && IsTrailing(text[tokens[end + 1].Start], ref depth))
            {
                end++;
            }

            if (depth > 0)
            {
                continue;
            }

            if (end + 1 >= tokens.Length)
            {
                break;
            }

            var next = tokens[end + 1];
            if (!next.SpaceBefore && !next.NewlineBefore)
            {
                continue;
            }

            var nextText = text.AsSpan(next.Start, next.Length);
            if (!OpensSentence(nextText))
            {
                continue;
            }

            if (isStop && i > 0 && !EndsAfter(text, tokens[i - 1], nextText, lex))
            {
                continue;
            }

            if (isAcronym && !lex.SentenceOpeners.TryGet(nextText, out _))
            {
                continue;
            }

            sentences.Add(new Sentence(tokens[first].Start, tokens[end].End));
            first = end + 1;
            i = end;
        }

        if (first < tokens.Length)
        {
            sentences.Add(new Sentence(tokens[first].Start, tokens[^1].End));
        }

        return sentences.ToImmutable();
    }

    /// <summary>
    /// Longest sentence in tokens: the longest in the GUM and EWT treebanks here is 101 tokens, so only text
    /// without sentence ends (lists, tables, a missing full stop, an unclosed bracket) is ever cut.
    /// </summary>
    public const int MaxTokens = 250;

    /// <summary>The token after the last ";", ":", "," or line break in the second half of [first, limit), else limit.</summary>
    private static int ClauseCut(string text, ReadOnlySpan<Token> tokens, int first, int limit)
    {
        var best = -1;
        var bestRank = 0;
        for (var k = limit - 1; k > first + ((limit - first) / 2); k--)
        {
            var rank = tokens[k].NewlineBefore ? 4 : tokens[k].Kind != TokenKind.Punct ? 0 : text[tokens[k].Start] switch
            {
                ';' => 3,
                ':' => 2,
                ',' => 1,
                _ => 0,
            };
            if (rank > bestRank)
            {
                (best, bestRank) = (tokens[k].NewlineBefore ? k : k + 1, rank);
            }
        }

        return best > first ? best : limit;
    }

    private static bool IsTrailing(char c, ref int depth)
    {
        switch (c)
        {
            case '.' or '!' or '?' or '\u2026' or '"' or '\'' or '\u201D' or '\u2019' or '\u00BB' or '\u203A':
                return true;
            case ')' or ']':
                depth = Math.Max(0, depth - 1);
                return true;
            default:
                return false;
        }
    }

    private static bool OpensSentence(ReadOnlySpan<char> next)
    {
        var c = next[0];
        return char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '\u201C' or '\u2018' or '\u00AB' or '(' or '[' or '\u2014' or '-' or '\u2013'
            || (char.IsLetter(c) && !char.IsLower(c));
    }

    /// <summary>Whether a full stop after <paramref name="previous"/> ends a sentence.</summary>
    private static bool EndsAfter(string text, Token previous, ReadOnlySpan<char> next, Lexicon lex)
    {
        var word = text.AsSpan(previous.Start, previous.Length);
        if (previous.Kind == TokenKind.Word && lex.Abbreviations.TryGet(word, out var cls))
        {
            return cls switch
            {
                "never" => false,
                "number" => !char.IsDigit(next[0]),
                _ => lex.SentenceOpeners.TryGet(next, out _),
            };
        }

        // An initial: "K. Smith", "J. R. Tolkov".
        if (previous.Kind == TokenKind.Word && word.Length == 1 && char.IsUpper(word[0]))
        {
            return false;
        }

        return true;
    }

    private static bool BlankLineBefore(string text, ReadOnlySpan<Token> tokens, int i)
    {
        if (!tokens[i].NewlineBefore)
        {
            return false;
        }

        var gap = text.AsSpan(tokens[i - 1].End, tokens[i].Start - tokens[i - 1].End);
        var lf = gap.Count('\n') + gap.Count('\u2029');

        // Old Mac line ends are lone '\r'; in "\r\n" text the '\n' already counted.
        return (lf > 0 ? lf : gap.Count('\r')) >= 2;
    }
}
