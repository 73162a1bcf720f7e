using System.Collections.Immutable;
using Casefile.Lexicons;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Recognizers.Legal;

/// <summary>
/// References to articles and sections of codes and acts: a chain of "unit number" joined by "of"
/// ("paragraph 3 of part 4 of Article 362"), bracketed parts ("Art. 175(1)", "section 5(2)(a)"), lists
/// ("Articles 175 and 179"), then the code ("of the Criminal Code of the Republic of X") and a title.
/// </summary>
public sealed class LegalRefRecognizer : IComponent
{
    public string Name => "legal-refs";

    public IReadOnlyList<Layer> Requires => [Layers.Tokens];

    public IReadOnlyList<Layer> Provides => [Layers.LegalRefs];

    public void Process(AnalysisContext context) =>
        context.Set(Layers.LegalRefs, Recognize(context.Text, context.Get(Layers.Tokens).AsSpan()));

    public static ImmutableArray<LegalRef> Recognize(string text, ReadOnlySpan<Token> tokens)
    {
        var found = ImmutableArray.CreateBuilder<LegalRef>();
        var p = new Parser(text);
        var i = 0;
        while (i < tokens.Length)
        {
            i = p.TryAt(tokens, i, found, out var next) ? next : i + 1;
        }

        return found.ToImmutable();
    }

    private readonly struct Parser(string text)
    {
        private readonly Lexicon _lex = Lexicon.Instance;

        private ReadOnlySpan<char> W(Token t) => text.AsSpan(t.Start, t.Length);

        private bool Is(ReadOnlySpan<Token> tokens, int k, string word) =>
            k >= 0 && k < tokens.Length && W(tokens[k]).Equals(word, StringComparison.OrdinalIgnoreCase);

        private string? Unit(ReadOnlySpan<Token> tokens, int k) =>
            k < tokens.Length && (tokens[k].Kind == TokenKind.Word || W(tokens[k]) is "§") && _lex.LegalTerms.TryGet(W(tokens[k]), out var cls) && cls != "code" ? cls : null;

        public bool TryAt(ReadOnlySpan<Token> tokens, int i, ImmutableArray<LegalRef>.Builder found, out int next)
        {
            next = i;
            if (Unit(tokens, i) is null)
            {
                return false;
            }

            string? unit = null;
            string? article = null;
            string? part = null;
            string? paragraph = null;
            var extra = new List<(int First, int Last, string Number)>();
            var k = i;
            var last = i;
            while (true)
            {
                var u = Unit(tokens, k);
                if (u is null)
                {
                    break;
                }

                var n = k + 1;
                if (Is(tokens, n, ".") && !tokens[n].SpaceBefore)
                {
                    n++;
                }

                if (!Number(tokens, n, out var number, out var numberLast))
                {
                    break;
                }

                last = numberLast;
                if (u is "part")
                {
                    part ??= number;
                }
                else if (u is "paragraph")
                {
                    paragraph ??= number;
                }
                else if (article is null)
                {
                    unit = u;
                    article = number;
                    Brackets(tokens, ref last, ref part, ref paragraph);
                    ListAfter(tokens, ref last, extra);
                }

                // "part 4 of Article 362", "Article 175, part 1".
                if (Is(tokens, last + 1, "of") && Unit(tokens, last + 2) is not null)
                {
                    k = last + 2;
                    continue;
                }

                if (Is(tokens, last + 1, ",") && Unit(tokens, last + 2) is "part" or "paragraph")
                {
                    k = last + 2;
                    continue;
                }

                break;
            }

            if (article is null || unit is null)
            {
                return false;
            }

            var end = last;
            var (code, jurisdiction) = CodeAfter(tokens, ref end);
            var title = TitleAfter(tokens, ref end);
            var firstEnd = extra.Count > 0 ? extra[0].First - 1 : end;
            while (extra.Count > 0 && firstEnd > i && W(tokens[firstEnd]) is "," or "and" or "or")
            {
                firstEnd--;
            }

            Add(found, tokens[i].Start, tokens[extra.Count > 0 ? firstEnd : end].End, unit, article, part, paragraph, code, jurisdiction, title);
            foreach (var (first, lastToken, number) in extra)
            {
                Add(found, tokens[first].Start, tokens[lastToken].End, unit, number, null, null, code, jurisdiction, title);
            }

            next = end + 1;
            return true;
        }

        private void Add(ImmutableArray<LegalRef>.Builder found, int start, int end, string unit, string article, string? part,
            string? paragraph, string? code, string? jurisdiction, string? title) =>
            found.Add(new LegalRef
            {
                Start = start,
                End = end,
                Text = text[start..end],
                Unit = unit,
                Article = article,
                Part = part,
                Paragraph = paragraph,
                Code = code,
                Jurisdiction = jurisdiction,
                Title = title,
            });

        /// <summary>An article number: "362", "361-1", "175.1", "5A"; a part or paragraph may be a letter in brackets only.</summary>
        private bool Number(ReadOnlySpan<Token> tokens, int k, out string number, out int last)
        {
            number = "";
            last = k;
            if (k >= tokens.Length || tokens[k].Kind is not (TokenKind.Number or TokenKind.Code))
            {
                return false;
            }

            var t = tokens[k];
            if (!char.IsDigit(text[t.Start]))
            {
                return false;
            }

            var end = t.End;
            while (last + 2 < tokens.Length && W(tokens[last + 1]) is "-" && !tokens[last + 1].SpaceBefore
                && tokens[last + 2].Kind == TokenKind.Number && !tokens[last + 2].SpaceBefore)
            {
                last += 2;
                end = tokens[last].End;
            }

            number = text[t.Start..end];
            return true;
        }

        /// <summary>"175(1)", "5(2)(a)": first bracket is the part, second the paragraph.</summary>
        private void Brackets(ReadOnlySpan<Token> tokens, ref int last, ref string? part, ref string? paragraph)
        {
            var level = 0;
            while (last + 3 < tokens.Length && W(tokens[last + 1]) is "(" && !tokens[last + 1].SpaceBefore
                && W(tokens[last + 3]) is ")" && tokens[last + 2].Kind is TokenKind.Number or TokenKind.Word && tokens[last + 2].Length <= 4)
            {
                var value = W(tokens[last + 2]).ToString();
                if (level == 0)
                {
                    part ??= value;
                }
                else if (level == 1)
                {
                    paragraph ??= value;
                }

                level++;
                last += 3;
            }
        }

        /// <summary>"Articles 175, 176 and 179": further numbers after the first.</summary>
        private void ListAfter(ReadOnlySpan<Token> tokens, ref int last, List<(int, int, string)> extra)
        {
            while (true)
            {
                var k = last + 1;
                if (Is(tokens, k, ",") && (Is(tokens, k + 1, "and") || Is(tokens, k + 1, "or")))
                {
                    k += 2;
                }
                else if (Is(tokens, k, ",") || Is(tokens, k, "and") || Is(tokens, k, "or"))
                {
                    k += 1;
                }
                else
                {
                    return;
                }

                if (!Number(tokens, k, out var number, out var numberLast))
                {
                    return;
                }

                extra.Add((k, numberLast, number));
                last = numberLast;
            }
        }

        /// <summary>"of the Criminal Code of the Republic of X", "of the Russian Criminal Code", "of the Fraud Act 2006", "of the Constitution".</summary>
        private (string? Code, string? Jurisdiction) CodeAfter(ReadOnlySpan<Token> tokens, ref int end)
        {
            var k = end + 1;
            if (!Is(tokens, k, "of"))
            {
                return (null, null);
            }

            k++;
            if (Is(tokens, k, "the"))
            {
                k++;
            }

            string? jurisdiction = null;
            if (_lex.Jurisdictions.TryMatch(text, tokens, k, out var adjective, out var afterAdjective)
                && afterAdjective < tokens.Length && IsCapitalised(tokens[afterAdjective]))
            {
                jurisdiction = adjective;
                k = afterAdjective;
                if (Is(tokens, k, "'s") || Is(tokens, k, "\u2019s"))
                {
                    k++;
                }
            }

            // A run of capitalised words (with "of", "and", "on" inside) ending in or holding a code word.
            var first = k;
            var lastWord = -1;
            var hasCodeWord = false;
            while (k < tokens.Length)
            {
                var t = tokens[k];
                if (IsCapitalised(t))
                {
                    hasCodeWord |= _lex.LegalTerms.TryGet(W(t), out var cls) && cls == "code";
                    lastWord = k;
                    k++;
                }
                else if (hasCodeWord && t.Kind == TokenKind.Number && t.Length == 4)
                {
                    lastWord = k;
                    k++;
                    break;
                }
                else if ((Is(tokens, k, "of") || Is(tokens, k, "and") || Is(tokens, k, "on")) && k + 1 < tokens.Length && IsCapitalised(tokens[k + 1])
                    && !_lex.Jurisdictions.TryMatch(text, tokens, k + 1, out _, out _) && Unit(tokens, k + 1) is null)
                {
                    k++;
                }
                else
                {
                    break;
                }
            }

            if (lastWord < first || !hasCodeWord)
            {
                return (null, null);
            }

            var code = text[tokens[first].Start..tokens[lastWord].End];
            end = lastWord;

            // "of the Republic of Kazakhstan", "of Kazakhstan", "of the Russian Federation".
            var j = end + 1;
            if (Is(tokens, j, "of"))
            {
                j++;
                if (Is(tokens, j, "the"))
                {
                    j++;
                }

                if (_lex.Jurisdictions.TryMatch(text, tokens, j, out var country, out var afterCountry))
                {
                    jurisdiction ??= country;
                    end = afterCountry - 1;
                }
            }

            return (code, jurisdiction);
        }

        private bool IsCapitalised(Token t) => t.Kind == TokenKind.Word && char.IsUpper(text[t.Start]);

        /// <summary>A title right after the reference: ("…"), (…), “…”, «…», "…".</summary>
        private string? TitleAfter(ReadOnlySpan<Token> tokens, ref int end)
        {
            var k = end + 1;
            if (k >= tokens.Length)
            {
                return null;
            }

            var open = W(tokens[k]);
            var bracket = open is "(";
            if (bracket)
            {
                k++;
                if (k >= tokens.Length)
                {
                    return null;
                }

                open = W(tokens[k]);
            }

            var close = open switch
            {
                "\u201C" => "\u201D",
                "\u00AB" => "\u00BB",
                "\"" => "\"",
                "\u2018" => "\u2019",
                _ => null,
            };

            var contentStart = close is null ? k : k + 1;
            if (close is null && (!bracket || !IsCapitalised(tokens[k])))
            {
                return null;
            }

            var stop = close ?? ")";
            var m = contentStart;
            while (m < tokens.Length && !W(tokens[m]).SequenceEqual(stop) && m - contentStart < 40)
            {
                if (close is null && tokens[m].Kind == TokenKind.Number)
                {
                    return null;
                }

                m++;
            }

            if (m >= tokens.Length || m == contentStart || !W(tokens[m]).SequenceEqual(stop))
            {
                return null;
            }

            var title = text[tokens[contentStart].Start..tokens[m - 1].End];
            end = m;
            if (bracket && close is not null)
            {
                if (m + 1 >= tokens.Length || W(tokens[m + 1]) is not ")")
                {
                    return null;
                }

                end = m + 1;
            }

            return title;
        }
    }
}
