using System.Collections.Immutable;
using System.Globalization;
using Casefile.Lexicons;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Recognizers.Numbers;

namespace Casefile.Recognizers.Quantities;

/// <summary>
/// Money, counts, percents, durations and ages. Works over tokens: a qualifier ("more than"), a
/// currency before the number ("$", "USD"), the number (digits or words, with a multiplier), a list
/// of numbers sharing one unit ("16, 15 and 3 years"), then the unit that decides the kind.
/// </summary>
public sealed class QuantityRecognizer : IComponent
{
    public string Name => "quantities";

    public IReadOnlyList<Layer> Requires => [Layers.Tokens];

    public IReadOnlyList<Layer> Provides => [Layers.Quantities];

    public void Process(AnalysisContext context) =>
        context.Set(Layers.Quantities, Recognize(context.Text, context.Get(Layers.Tokens).AsSpan()));

    public static ImmutableArray<Quantity> Recognize(string text, ReadOnlySpan<Token> tokens)
    {
        var found = ImmutableArray.CreateBuilder<Quantity>();
        var scanner = new Scanner(text, found);
        var i = 0;
        while (i < tokens.Length)
        {
            i = scanner.TryAt(tokens, i, out var next) ? next : i + 1;
        }

        return found.ToImmutable();
    }

    private const int MaxListItems = 12;

    private readonly ref struct Scanner(string text, ImmutableArray<Quantity>.Builder found)
    {
        private readonly Lexicon _lex = Lexicon.Instance;

        private ReadOnlySpan<char> W(Token t) => text.AsSpan(t.Start, t.Length);

        private bool Is(ReadOnlySpan<Token> tokens, int k, string word) =>
            k >= 0 && k < tokens.Length && W(tokens[k]).Equals(word, StringComparison.OrdinalIgnoreCase);

        public bool TryAt(ReadOnlySpan<Token> tokens, int i, out int next)
        {
            next = i;
            var t = tokens[i];
            if (t.Kind is TokenKind.Punct or TokenKind.Code)
            {
                return false;
            }

            var flag = "";
            var j = i;
            if (_lex.QuantityModifiers.TryMatch(text, tokens, i, out var f, out var afterModifier))
            {
                flag = f;
                j = afterModifier;
            }

            if (j == i && TryLife(tokens, i, out next))
            {
                return true;
            }

            if (TryCurrencyFirst(tokens, i, j, flag, out next))
            {
                return true;
            }

            if (TryHyphenatedWord(tokens, i, j, flag, out next))
            {
                return true;
            }

            if (!NumberParser.TryParse(text, tokens, j, out var first))
            {
                return false;
            }

            if (IsNotAQuantity(tokens, first, modified: j > i))
            {
                // Skip the whole number so its parts are not read again ("24" of "24.04", "2" of "2 mln").
                next = first.Next;
                return true;
            }

            // A list of numbers that share the unit after the last one: "16, 15 and 3 years".
            var items = new List<NumberMatch>(4) { first };
            var k = first.Next;
            // Distributive lists are short; the cap keeps "1, 2, 3, …" without a unit linear.
            while (items.Count < MaxListItems && TryListSeparator(tokens, k, out var afterSep)
                && NumberParser.TryParse(text, tokens, afterSep, out var more)
                && more.Digits == first.Digits && !IsNotAQuantity(tokens, more, modified: false))
            {
                items.Add(more);
                k = more.Next;
            }

            var unitStart = k;
            var unit = ReadUnit(tokens, unitStart, items[^1], out var unitEnd);
            if (unit.Kind is null && items.Count > 1)
            {
                // No shared unit: only the first number is taken here; the rest are read on their own.
                items.RemoveRange(1, items.Count - 1);
                unitStart = first.Next;
                unit = ReadUnit(tokens, unitStart, first, out unitEnd);
            }

            var kind = unit.Kind;
            var qualifierStart = tokens[i].Start;
            if (kind is null or QuantityKinds.Duration or QuantityKinds.Count && TryAgeCue(tokens, i, first, unit, out var ageStart))
            {
                kind = QuantityKinds.Age;
                qualifierStart = Math.Min(qualifierStart, ageStart);
                if (unit.Kind != QuantityKinds.Duration)
                {
                    unitEnd = first.Next;
                }
            }

            kind ??= QuantityKinds.Count;
            if (kind is QuantityKinds.Duration or QuantityKinds.Age && j > i && (Is(tokens, i, "over") || Is(tokens, i, "under")))
            {
                // "over three years" is a time span, not "more than three years".
                flag = "";
                qualifierStart = tokens[j].Start;
            }

            if (kind == QuantityKinds.Count && !AcceptCount(tokens, i, first, j > i, items.Count, ref unit))
            {
                next = first.Next;
                return true;
            }

            var sharedScale = items[^1].Scale;
            for (var n = 0; n < items.Count; n++)
            {
                var item = items[n];
                var value = n < items.Count - 1 && item.Scale == 1 && item.Digits ? item.Value * sharedScale : item.Value;
                var start = n == 0 ? qualifierStart : tokens[item.First].Start;
                var end = n == items.Count - 1 ? tokens[Math.Max(unitEnd - 1, item.Last)].End : tokens[item.Last].End;
                Emit(start, end, kind, value, kind == QuantityKinds.Age ? "year" : unit.Unit, n == 0 ? flag : "");
            }

            next = Math.Max(unitEnd, items[^1].Next);
            return true;
        }

        private void Emit(int start, int end, string kind, double? value, string? unit, string flag)
        {
            string? iso = null;
            if (kind == QuantityKinds.Duration && value is { } v && unit is not null and not "life")
            {
                iso = unit switch
                {
                    "hour" => $"PT{Fmt(v)}H",
                    "minute" => $"PT{Fmt(v)}M",
                    "decade" => $"P{Fmt(v * 10)}Y",
                    _ => $"P{Fmt(v)}{char.ToUpperInvariant(unit[0])}",
                };
            }

            found.Add(new Quantity
            {
                Start = start,
                End = end,
                Text = text[start..end],
                Kind = kind,
                Value = value,
                Unit = unit,
                Iso = iso,
                Approximate = flag == "approximate",
                AtLeast = flag == "at_least",
                AtMost = flag == "at_most",
            });
        }

        private static string Fmt(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>"three-year", "five-month", "forty-year-old": a number word and a unit in one token.</summary>
        private bool TryHyphenatedWord(ReadOnlySpan<Token> tokens, int i, int j, string flag, out int next)
        {
            next = j;
            if (j >= tokens.Length || tokens[j].Kind != TokenKind.Word)
            {
                return false;
            }

            var w = W(tokens[j]);
            var hyphen = w.IndexOf('-');
            if (hyphen <= 0 || !NumberParser.TryWordValue(w[..hyphen], out var value, out _))
            {
                return false;
            }

            var rest = w[(hyphen + 1)..];
            if (rest.Equals("year-old", StringComparison.OrdinalIgnoreCase) || rest.Equals("years-old", StringComparison.OrdinalIgnoreCase))
            {
                Emit(tokens[i].Start, tokens[j].End, QuantityKinds.Age, value, "year", "");
            }
            else if (_lex.TimeUnits.TryGet(rest, out var unit))
            {
                Emit(tokens[i].Start, tokens[j].End, QuantityKinds.Duration, value, unit.Unit, flag);
            }
            else
            {
                return false;
            }

            next = j + 1;
            return true;
        }

        /// <summary>"life imprisonment", "life sentence", "life in prison", "life term".</summary>
        private bool TryLife(ReadOnlySpan<Token> tokens, int i, out int next)
        {
            next = i;
            if (!Is(tokens, i, "life"))
            {
                return false;
            }

            int end;
            if (Is(tokens, i + 1, "imprisonment") || Is(tokens, i + 1, "sentence") || Is(tokens, i + 1, "sentences") || Is(tokens, i + 1, "term"))
            {
                end = i + 2;
            }
            else if (Is(tokens, i + 1, "in") && (Is(tokens, i + 2, "prison") || Is(tokens, i + 2, "jail")))
            {
                end = i + 3;
            }
            else
            {
                return false;
            }

            Emit(tokens[i].Start, tokens[end - 1].End, QuantityKinds.Duration, null, "life", "");
            next = end;
            return true;
        }

        /// <summary>"$3.5m", "€ 20 million", "USD 1.2bn", "US$5m".</summary>
        private bool TryCurrencyFirst(ReadOnlySpan<Token> tokens, int i, int j, string flag, out int next)
        {
            next = j;
            string? code = null;
            var afterCurrency = j;
            if (_lex.CurrencySymbols.TryMatch(text, tokens, j, out var symbol, out var afterSymbol))
            {
                code = symbol;
                afterCurrency = afterSymbol;
            }
            else if (j < tokens.Length && tokens[j].Kind == TokenKind.Word && tokens[j].Length == 3
                && _lex.CurrencyCodes.TryGet(W(tokens[j]), out var iso))
            {
                code = iso;
                afterCurrency = j + 1;
            }

            if (code is null || !NumberParser.TryParse(text, tokens, afterCurrency, out var number) || !number.Digits)
            {
                return false;
            }

            Emit(tokens[i].Start, tokens[number.Last].End, QuantityKinds.Money, number.Value, code, flag);
            next = number.Next;
            return true;
        }

        private bool TryListSeparator(ReadOnlySpan<Token> tokens, int k, out int after)
        {
            after = k;
            if (k >= tokens.Length)
            {
                return false;
            }

            var w = W(tokens[k]);
            if (w is "," && (Is(tokens, k + 1, "and") || Is(tokens, k + 1, "or")))
            {
                after = k + 2;
                return true;
            }

            if (w is "," || w.Equals("and", StringComparison.OrdinalIgnoreCase) || w.Equals("or", StringComparison.OrdinalIgnoreCase)
                || w.Equals("to", StringComparison.OrdinalIgnoreCase))
            {
                after = k + 1;
                return true;
            }

            return false;
        }

        private readonly record struct UnitRead(string? Kind, string? Unit);

        /// <summary>What follows a number: a currency, "%", a time unit, an age phrase; none for a plain count.</summary>
        private UnitRead ReadUnit(ReadOnlySpan<Token> tokens, int u, NumberMatch last, out int end)
        {
            end = u;
            if (u >= tokens.Length)
            {
                return default;
            }

            if (_lex.CurrencyNames.TryMatch(text, tokens, u, out var name, out var afterName))
            {
                end = afterName;
                return new UnitRead(QuantityKinds.Money, name);
            }

            var t = tokens[u];
            var w = W(t);
            if (t.Kind == TokenKind.Word && t.Length == 3 && _lex.CurrencyCodes.TryGet(w, out var code))
            {
                end = u + 1;
                return new UnitRead(QuantityKinds.Money, code);
            }

            if (t.Kind == TokenKind.Symbol && _lex.CurrencySymbols.TryMatch(text, tokens, u, out var symbol, out var afterSymbol))
            {
                end = afterSymbol;
                return new UnitRead(QuantityKinds.Money, symbol);
            }

            if (w is "%")
            {
                end = u + 1;
                return new UnitRead(QuantityKinds.Percent, "%");
            }

            if (w.Equals("percent", StringComparison.OrdinalIgnoreCase) || w.Equals("pct", StringComparison.OrdinalIgnoreCase))
            {
                end = u + 1;
                return new UnitRead(QuantityKinds.Percent, "%");
            }

            if (w.Equals("per", StringComparison.OrdinalIgnoreCase) && Is(tokens, u + 1, "cent"))
            {
                end = u + 2;
                return new UnitRead(QuantityKinds.Percent, "%");
            }

            // "16-year", "16-year-old": the hyphen is its own token, written tight.
            var unitAt = u;
            var hyphenated = false;
            if (w is "-" && !t.SpaceBefore && u + 1 < tokens.Length && !tokens[u + 1].SpaceBefore)
            {
                unitAt = u + 1;
                hyphenated = true;
            }

            if (unitAt < tokens.Length && tokens[unitAt].Kind == TokenKind.Word)
            {
                var unitWord = W(tokens[unitAt]);
                if (hyphenated && (unitWord.Equals("year-old", StringComparison.OrdinalIgnoreCase) || unitWord.Equals("years-old", StringComparison.OrdinalIgnoreCase)))
                {
                    end = unitAt + 1;
                    return new UnitRead(QuantityKinds.Age, "year");
                }

                if (_lex.TimeUnits.TryGet(unitWord, out var timeUnit))
                {
                    end = unitAt + 1;
                    if (!hyphenated && timeUnit.Unit == "year" && Is(tokens, unitAt + 1, "old"))
                    {
                        end = unitAt + 2;
                        return new UnitRead(QuantityKinds.Age, "year");
                    }

                    if (!hyphenated && timeUnit.Unit == "year" && Is(tokens, unitAt + 1, "of") && Is(tokens, unitAt + 2, "age"))
                    {
                        end = unitAt + 3;
                        return new UnitRead(QuantityKinds.Age, "year");
                    }

                    // "a 16-year" is adjectival: singular unit only when hyphenated or after "one".
                    return new UnitRead(QuantityKinds.Duration, timeUnit.Unit);
                }
            }

            return default;
        }

        /// <summary>"aged 57", "at the age of 76", "age 76", "Ivan Petrov, 57, said".</summary>
        private bool TryAgeCue(ReadOnlySpan<Token> tokens, int i, NumberMatch first, UnitRead unit, out int start)
        {
            start = tokens[i].Start;
            var j = first.First;
            if (!first.Integer || first.Value is < 1 or > 130 || first.Scaled)
            {
                return false;
            }

            if (Is(tokens, j - 1, "aged") || Is(tokens, j - 1, "age"))
            {
                start = tokens[j - 1].Start;
                return unit.Kind is null || unit.Unit == "year";
            }

            if (Is(tokens, j - 1, "of") && Is(tokens, j - 2, "age"))
            {
                start = tokens[j - 2].Start;
                return unit.Kind is null || unit.Unit == "year";
            }

            // Apposition after a name: "Petrov, 57, said" or "Petrov, 57."
            if (unit.Kind is null && first.Digits && Is(tokens, j - 1, ",") && j >= 2 && tokens[j - 2].Kind == TokenKind.Word
                && !(_lex.CountWords.TryGet(W(tokens[j - 2]), out var cls) && cls == "function") && first.Next < tokens.Length
                && W(tokens[first.Next]) is "," or "." or ")" or ";")
            {
                return !_lex.Months.TryGet(W(tokens[j - 2]), out _);
            }

            return false;
        }

        /// <summary>Years, days of dates, times of day, codes, legal and registration numbers, ordinals.</summary>
        private bool IsNotAQuantity(ReadOnlySpan<Token> tokens, NumberMatch m, bool modified)
        {
            var j = m.First;
            var prev = j > 0 ? tokens[j - 1] : default;
            var hasPrev = j > 0;
            var prevWord = hasPrev ? W(prev) : default;
            var nextIndex = m.Next;
            var hasNext = nextIndex < tokens.Length;
            var next = hasNext ? tokens[nextIndex] : default;
            var nextWord = hasNext ? W(next) : default;

            if (hasPrev && prev.Kind == TokenKind.Word && (_lex.Months.TryGet(prevWord, out _) || _lex.LegalTerms.TryGet(prevWord, out _)))
            {
                return true;
            }

            if (hasPrev && (prevWord is "No" or "Nos" or "Nr" or "#" or "№" or "§" || prevWord.Equals("number", StringComparison.OrdinalIgnoreCase)
                || (prevWord is "." && j >= 2 && W(tokens[j - 2]) is "No" or "Nos" or "Art" or "Sec" or "Para")))
            {
                return true;
            }

            if (hasNext && next.Kind == TokenKind.Word && _lex.Months.TryGet(nextWord, out var month) && month.Class != "abbr" || (hasNext && Is(tokens, nextIndex, "of") && nextIndex + 1 < tokens.Length && _lex.Months.TryGet(W(tokens[nextIndex + 1]), out _)))
            {
                return m.Digits;
            }

            if (!m.Digits)
            {
                return false;
            }

            // Ordinals ("3rd"), times of day ("10:30", "5 p.m."), "24/04/2023", "2-345", "361-1".
            if (hasNext && !next.SpaceBefore && (nextWord is "st" or "nd" or "rd" or "th" or ":" or "/" or "-" && nextIndex + 1 < tokens.Length && tokens[nextIndex + 1].Kind == TokenKind.Number && !tokens[nextIndex + 1].SpaceBefore
                || nextWord is "st" or "nd" or "rd" or "th" or "s"))
            {
                return true;
            }

            if (hasPrev && !tokens[j].SpaceBefore && prevWord is ":" or "/" or "-" or "." or "(" && j >= 2 && tokens[j - 2].Kind is TokenKind.Number or TokenKind.Code)
            {
                return true;
            }

            if (InLegalList(tokens, j))
            {
                return true;
            }

            if (hasNext && _lex.CountWords.TryGet(nextWord, out var cw) && cw == "function" && (nextWord is "p.m." or "a.m." or "pm" or "am" or "o'clock" or "hrs" or "GMT" or "UTC"))
            {
                return true;
            }

            if (IsYearLike(tokens, m) && !HasUnitAfter(tokens, nextIndex))
            {
                return true;
            }

            // "Boeing 737", "Flight 370", "Gate 12": a number right after a capitalised name is part of it.
            if (!modified && hasPrev && prev.Kind == TokenKind.Word && char.IsUpper(prevWord[0]) && !m.Scaled
                && (!StartsSentence(tokens, j - 1) || !_lex.SentenceOpeners.TryGet(prevWord, out _)) && !HasUnitAfter(tokens, nextIndex)
                && !_lex.QuantityModifiers.TryMatch(text, tokens, j - 1, out _, out _))
            {
                return true;
            }

            return false;
        }

        /// <summary>"Articles 175, 176 and 179": a number in a list that a legal term opens.</summary>
        private bool InLegalList(ReadOnlySpan<Token> tokens, int j)
        {
            var k = j - 1;
            var limit = Math.Max(1, j - (2 * MaxListItems));
            while (k >= limit && (W(tokens[k]) is "," || Is(tokens, k, "and") || Is(tokens, k, "or")))
            {
                k--;
                if (k >= 0 && W(tokens[k]) is ",")
                {
                    continue;
                }

                if (k < 1 || tokens[k].Kind != TokenKind.Number)
                {
                    return false;
                }

                if (tokens[k - 1].Kind == TokenKind.Word && _lex.LegalTerms.TryGet(W(tokens[k - 1]), out var cls) && cls != "code")
                {
                    return true;
                }

                k--;
            }

            return false;
        }

        private bool StartsSentence(ReadOnlySpan<Token> tokens, int k) =>
            k == 0 || tokens[k].NewlineBefore || W(tokens[k - 1]) is "." or "!" or "?" or "\"" or "\u201C" or "(" or ":" or "\u2014";

        private bool IsYearLike(ReadOnlySpan<Token> tokens, NumberMatch m)
        {
            var t = tokens[m.First];
            if (m.Scaled || t.Length != 4 || !m.Integer || m.Value is < 1800 or > 2100)
            {
                return false;
            }

            return true;
        }

        private bool HasUnitAfter(ReadOnlySpan<Token> tokens, int k)
        {
            if (k >= tokens.Length)
            {
                return false;
            }

            var w = W(tokens[k]);
            if (_lex.CurrencyNames.TryMatch(text, tokens, k, out _, out _) || _lex.CurrencySymbols.TryMatch(text, tokens, k, out _, out _)
                || w is "%" || w.Equals("percent", StringComparison.OrdinalIgnoreCase) || _lex.TimeUnits.TryGet(w, out _)
                || (tokens[k].Kind == TokenKind.Word && tokens[k].Length == 3 && _lex.CurrencyCodes.TryGet(w, out _)))
            {
                return true;
            }

            // A plural noun after a year-like number makes it a count: "2000 protesters".
            return tokens[k].Kind == TokenKind.Word && w.Length > 3 && w[^1] == 's' && char.IsLower(w[0])
                && !_lex.CountWords.TryGet(w, out _);
        }

        /// <summary>Counts need a number that stands for how many: not "one" alone, not a bare decimal.</summary>
        private bool AcceptCount(ReadOnlySpan<Token> tokens, int i, NumberMatch first, bool modified, int items, ref UnitRead unit)
        {
            var noun = CountNoun(tokens, first.Next, out var nounWord);
            if (!first.Digits && first.Value == 1 && !first.Scaled)
            {
                if (noun is null || !_lex.CountWords.TryGet(nounWord, out var cls) || cls != "person")
                {
                    return false;
                }
            }

            if (first.Digits && !first.Integer && !first.Scaled && noun is null && !modified)
            {
                return false;
            }

            unit = new UnitRead(QuantityKinds.Count, noun);
            return true;
        }

        private string? CountNoun(ReadOnlySpan<Token> tokens, int k, out ReadOnlySpan<char> word)
        {
            word = default;
            while (k < tokens.Length && tokens[k].Kind == TokenKind.Word && _lex.CountWords.TryGet(W(tokens[k]), out var cls) && cls == "adjective")
            {
                k++;
            }

            if (k >= tokens.Length || tokens[k].Kind != TokenKind.Word)
            {
                return null;
            }

            word = W(tokens[k]);
            if (!char.IsLower(word[0]) || (_lex.CountWords.TryGet(word, out var c) && c == "function")
                || _lex.TimeUnits.TryGet(word, out _) || _lex.NumberWords.TryGet(word, out _))
            {
                return null;
            }

            foreach (var ch in word)
            {
                if (!char.IsLetter(ch) && ch != '-')
                {
                    return null;
                }
            }

            return word.ToString().ToLowerInvariant();
        }
    }
}
