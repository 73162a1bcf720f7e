using System.Collections.Immutable;
using System.Globalization;
using Casefile.Lexicons;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Recognizers.Numbers;

namespace Casefile.Recognizers.Times;

/// <summary>Options that change how times resolve; the publication date is the usual anchor.</summary>
public sealed record TimeOptions(DateOnly? Published);

/// <summary>
/// Dates and periods normalised to ISO 8601. Three passes: find date expressions over tokens,
/// join pairs into periods ("from X to Y", "between X and Y"), then resolve what lacks a year
/// from an earlier explicit date in the paragraph ("context") or from the publication date.
/// </summary>
public sealed class TimeRecognizer : IComponent
{
    public string Name => "times";

    public IReadOnlyList<Layer> Requires => [Layers.Tokens];

    public IReadOnlyList<Layer> Provides => [Layers.Times];

    public void Process(AnalysisContext context) =>
        context.Set(Layers.Times, Recognize(context.Text, context.Get(Layers.Tokens).AsSpan(), context.Document.Published));

    public static ImmutableArray<TimeExpression> Recognize(string text, ReadOnlySpan<Token> tokens, DateOnly? published)
    {
        var hits = new List<Hit>();
        var finder = new Finder(text);
        var i = 0;
        while (i < tokens.Length)
        {
            if (finder.TryAt(tokens, i, out var hit))
            {
                hits.Add(hit);
                i = hit.Last + 1;
            }
            else
            {
                i++;
            }
        }

        // "May last year", "in June of this year": a month with a deictic year is one expression.
        for (var k = hits.Count - 2; k >= 0; k--)
        {
            var (month, year) = (hits[k], hits[k + 1]);
            var gap = year.First - month.Last;
            if (month.Month is not null && month.Year is null && month.Deictic is null && year.Deictic == "year"
                && (gap == 1 || (gap == 2 && text.AsSpan(tokens[month.Last + 1].Start, tokens[month.Last + 1].Length).Equals("of", StringComparison.OrdinalIgnoreCase))))
            {
                month.Last = year.Last;
                month.Deictic = "monthyear";
                month.Offset = year.Offset;
                hits.RemoveAt(k + 1);
            }
        }

        var joined = Periods.Join(text, tokens, hits);
        return Resolver.Resolve(text, tokens, joined, published);
    }

    /// <summary>A date expression before resolution. Year null = not written; Shift = deictic offset.</summary>
    internal sealed class Hit
    {
        public int First { get; set; }
        public int Last { get; set; }
        public int? Year { get; set; }
        public int? Month { get; set; }
        public int? Day { get; set; }
        public string Granularity { get; set; } = "day";
        public string? Mod { get; set; }
        /// <summary>Deictic: "year", "month", "day", "weekday", "monthname", "monthyear" ("May last year") relative to the publication date.</summary>
        public string? Deictic { get; set; }
        public int Offset { get; set; }
        public int? Decade { get; set; }
        public Hit? PeriodStart { get; set; }
        public Hit? PeriodEnd { get; set; }
        public bool ExplicitYear => Year is not null && Deictic is null;
    }

    private readonly struct Finder(string text)
    {
        private readonly Lexicon _lex = Lexicon.Instance;

        private ReadOnlySpan<char> W(Token t) => text.AsSpan(t.Start, t.Length);

        private bool Is(ReadOnlySpan<Token> tokens, int k, string word) =>
            k >= 0 && k < tokens.Length && W(tokens[k]).Equals(word, StringComparison.OrdinalIgnoreCase);

        public bool TryAt(ReadOnlySpan<Token> tokens, int i, out Hit hit)
        {
            hit = null!;
            var t = tokens[i];
            if (t.Kind == TokenKind.Punct || t.Kind == TokenKind.Code)
            {
                return false;
            }

            // "the beginning of last year", "early 2021", "mid-2021", "the night of January 5".
            if (_lex.TimeModifiers.TryMatch(text, tokens, i, out var mod, out var afterMod))
            {
                var j = afterMod;
                if (mod == "mid" && Is(tokens, j, "-") && j + 1 < tokens.Length && !tokens[j + 1].SpaceBefore)
                {
                    j++;
                }

                if (j < tokens.Length && TryPlain(tokens, j, out hit, afterModifier: true))
                {
                    hit.First = i;
                    hit.Mod = mod;
                    return true;
                }

                if (W(t).Equals("the", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            if (W(t).Equals("the", StringComparison.OrdinalIgnoreCase) && TryDecade(tokens, i + 1, out hit))
            {
                hit.First = i;
                return true;
            }

            return TryPlain(tokens, i, out hit, afterModifier: false);
        }

        private bool TryPlain(ReadOnlySpan<Token> tokens, int i, out Hit hit, bool afterModifier)
        {
            hit = null!;
            var t = tokens[i];
            var w = W(t);
            if (t.Kind == TokenKind.Word)
            {
                if (_lex.DayWords.TryGet(w, out var days))
                {
                    hit = new Hit { First = i, Last = i, Granularity = "day", Deictic = "day", Offset = days };
                    return true;
                }

                if (_lex.TimeShifts.TryGet(w, out var shift) && i + 1 < tokens.Length)
                {
                    var u = W(tokens[i + 1]);
                    if (u.Equals("year", StringComparison.OrdinalIgnoreCase) || u.Equals("month", StringComparison.OrdinalIgnoreCase))
                    {
                        var gran = u.Equals("year", StringComparison.OrdinalIgnoreCase) ? "year" : "month";
                        hit = new Hit { First = i, Last = i + 1, Granularity = gran, Deictic = gran, Offset = shift };
                        return true;
                    }

                    if (_lex.Months.TryGet(u, out var m) && m.Class != "abbr")
                    {
                        hit = new Hit { First = i, Last = i + 1, Granularity = "month", Month = m.Month, Deictic = "monthname", Offset = shift };
                        return true;
                    }

                    if (_lex.Weekdays.TryGet(u, out var wd))
                    {
                        hit = new Hit { First = i, Last = i + 1, Granularity = "day", Deictic = "weekday", Day = wd, Offset = shift == 0 ? 0 : shift };
                        return true;
                    }

                    return false;
                }

                if (_lex.Weekdays.TryGet(w, out var weekday))
                {
                    // "Monday, April 24": the date decides; the weekday joins its span.
                    var k = Is(tokens, i + 1, ",") ? i + 2 : i + 1;
                    if (k < tokens.Length && TryMonthForms(tokens, k, out hit, afterModifier: true))
                    {
                        hit.First = i;
                        return true;
                    }

                    hit = new Hit { First = i, Last = i, Granularity = "day", Deictic = "weekday", Day = weekday, Offset = 0 };
                    return true;
                }

                if (TryAgo(tokens, i, out hit))
                {
                    return true;
                }

                return TryMonthForms(tokens, i, out hit, afterModifier);
            }

            if (t.Kind == TokenKind.Number)
            {
                return TryAgo(tokens, i, out hit) || TryNumericDate(tokens, i, out hit) || TryMonthForms(tokens, i, out hit, afterModifier)
                    || TryDecade(tokens, i, out hit) || TryYear(tokens, i, out hit, afterModifier);
            }

            return false;
        }

        /// <summary>Days in 10,000 years: no offset beyond it can land on a representable date.</summary>
        private const double MaxOffset = 3_652_500;

        /// <summary>"two years ago", "3 days ago".</summary>
        private bool TryAgo(ReadOnlySpan<Token> tokens, int i, out Hit hit)
        {
            hit = null!;
            if (!NumberParser.TryParse(text, tokens, i, out var n) || !n.Integer || n.Next + 1 >= tokens.Length
                || !Is(tokens, n.Next + 1, "ago") || !_lex.TimeUnits.TryGet(W(tokens[n.Next]), out var unit))
            {
                return false;
            }

            // Offsets beyond any representable date are clamped; the resolver leaves such dates unresolved.
            var (gran, deictic, factor) = unit.Unit switch
            {
                "year" => ("year", "year", 1),
                "decade" => ("year", "year", 10),
                "month" => ("month", "month", 1),
                "week" => ("day", "day", 7),
                "day" => ("day", "day", 1),
                _ => ("", "", 0),
            };
            var offset = -(int)Math.Clamp(n.Value * factor, 0, MaxOffset);
            if (gran.Length == 0)
            {
                return false;
            }

            hit = new Hit { First = i, Last = n.Next + 1, Granularity = gran, Deictic = deictic, Offset = offset };
            return true;
        }

        /// <summary>"2023-04-24", "24.04.2023", "24/04/2023" (day first unless the second part cannot be a month).</summary>
        private bool TryNumericDate(ReadOnlySpan<Token> tokens, int i, out Hit hit)
        {
            hit = null!;
            var w = W(tokens[i]);
            if (w.Count('.') == 2)
            {
                Span<Range> parts = stackalloc Range[4];
                if (w.Split(parts, '.') == 3 && Int(w[parts[0]], out var d) && Int(w[parts[1]], out var m) && Int(w[parts[2]], out var y)
                    && w[parts[2]].Length == 4 && Valid(y, m, d))
                {
                    hit = new Hit { First = i, Last = i, Year = y, Month = m, Day = d };
                    return true;
                }

                return false;
            }

            if (i + 4 < tokens.Length && Tight(tokens, i, 4))
            {
                var sep = W(tokens[i + 1]);
                if ((sep is "-" or "/") && W(tokens[i + 3]).SequenceEqual(sep)
                    && Int(w, out var a) && Int(W(tokens[i + 2]), out var b) && Int(W(tokens[i + 4]), out var c))
                {
                    if (sep is "-" && w.Length == 4 && Valid(a, b, c))
                    {
                        hit = new Hit { First = i, Last = i + 4, Year = a, Month = b, Day = c };
                        return true;
                    }

                    if (sep is "/" && W(tokens[i + 4]).Length == 4)
                    {
                        var (d, m) = b > 12 && a <= 12 ? (b, a) : (a, b);
                        if (Valid(c, m, d))
                        {
                            hit = new Hit { First = i, Last = i + 4, Year = c, Month = m, Day = d };
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool Tight(ReadOnlySpan<Token> tokens, int i, int count)
        {
            for (var k = i + 1; k <= i + count; k++)
            {
                if (tokens[k].SpaceBefore)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"April 24", "April 24, 2023", "24 April 2023", "24th of April", "April 2023", "January", "mid-January".</summary>
        private bool TryMonthForms(ReadOnlySpan<Token> tokens, int i, out Hit hit, bool afterModifier)
        {
            hit = null!;
            var t = tokens[i];
            if (t.Kind == TokenKind.Number)
            {
                // Day first: "24 April 2023", "24th of April".
                if (!Day(tokens, i, out var day))
                {
                    return false;
                }

                var k = i + 1;
                if (k < tokens.Length && !tokens[k].SpaceBefore && W(tokens[k]) is "st" or "nd" or "rd" or "th")
                {
                    k++;
                }

                if (Is(tokens, k, "of"))
                {
                    k++;
                }

                if (k >= tokens.Length || !MonthAt(tokens, k, out var month, out var monthLast, out _, requireContext: false))
                {
                    return false;
                }

                hit = new Hit { First = i, Last = monthLast, Month = month, Day = day };
                if (monthLast + 1 < tokens.Length && YearNumber(tokens[monthLast + 1], out var year))
                {
                    hit.Year = year;
                    hit.Last = monthLast + 1;
                }

                return Valid(hit.Year ?? 2000, month, day) || Fail(out hit);
            }

            if (!MonthAt(tokens, i, out var m, out var last, out var midPrefix, requireContext: !afterModifier && !Cue(tokens, i - 1)))
            {
                return false;
            }

            hit = new Hit { First = i, Last = last, Month = m, Granularity = "month", Mod = midPrefix ? "mid" : null };
            var n = last + 1;
            if (n < tokens.Length && Day(tokens, n, out var d) && !(n + 1 < tokens.Length && _lex.TimeUnits.TryGet(W(tokens[n + 1]), out _)))
            {
                hit.Day = d;
                hit.Granularity = "day";
                hit.Last = n;
                if (n + 1 < tokens.Length && !tokens[n + 1].SpaceBefore && W(tokens[n + 1]) is "st" or "nd" or "rd" or "th")
                {
                    hit.Last = ++n;
                }

                if (Is(tokens, n + 1, ",") && n + 2 < tokens.Length && YearNumber(tokens[n + 2], out var y))
                {
                    hit.Year = y;
                    hit.Last = n + 2;
                }
                else if (n + 1 < tokens.Length && YearNumber(tokens[n + 1], out y))
                {
                    hit.Year = y;
                    hit.Last = n + 1;
                }

                return Valid(hit.Year ?? 2000, m, d) || Fail(out hit);
            }

            if (n < tokens.Length && YearNumber(tokens[n], out var yr))
            {
                hit.Year = yr;
                hit.Last = n;
            }

            return true;
        }

        private static bool Fail(out Hit hit)
        {
            hit = null!;
            return false;
        }

        private bool Cue(ReadOnlySpan<Token> tokens, int k) =>
            k >= 0 && tokens[k].Kind == TokenKind.Word && _lex.MonthCues.TryGet(W(tokens[k]), out _);

        /// <summary>A capitalised month name at k ("Apr." takes its full stop); "mid-January" is one token.</summary>
        private bool MonthAt(ReadOnlySpan<Token> tokens, int k, out int month, out int last, out bool midPrefix, bool requireContext)
        {
            month = 0;
            last = k;
            midPrefix = false;
            var t = tokens[k];
            if (t.Kind != TokenKind.Word)
            {
                return false;
            }

            var w = W(t);
            if (w.StartsWith("mid-", StringComparison.OrdinalIgnoreCase))
            {
                w = w[4..];
                midPrefix = true;
                requireContext = false;
            }

            if (w.Length == 0 || !char.IsUpper(w[0]) || !_lex.Months.TryGet(w, out var entry))
            {
                return false;
            }

            month = entry.Month;
            if (entry.Class == "abbr" && Is(tokens, k + 1, ".") && !tokens[k + 1].SpaceBefore)
            {
                last = k + 1;
            }

            // "May", "March" and abbreviations need a day or a year beside them, or a cue before them.
            if (entry.Class == "name" || !requireContext)
            {
                return entry.Class != "abbr" || NumberNext(tokens, last + 1);
            }

            return NumberNext(tokens, last + 1) || (k > 0 && tokens[k - 1].Kind == TokenKind.Number && Day(tokens, k - 1, out _));
        }

        private static bool NumberNext(ReadOnlySpan<Token> tokens, int k) => k < tokens.Length && tokens[k].Kind == TokenKind.Number;

        private bool Day(ReadOnlySpan<Token> tokens, int k, out int day)
        {
            day = 0;
            var t = tokens[k];
            return t.Kind == TokenKind.Number && t.Length <= 2 && Int(W(t), out day) && day is >= 1 and <= 31;
        }

        private bool YearNumber(Token t, out int year)
        {
            year = 0;
            return t.Kind == TokenKind.Number && t.Length == 4 && Int(W(t), out year) && year is >= 1000 and <= 2200;
        }

        /// <summary>"1990s" (tokens 1990 + s), value "199".</summary>
        private bool TryDecade(ReadOnlySpan<Token> tokens, int i, out Hit hit)
        {
            hit = null!;
            if (i + 1 >= tokens.Length || !YearNumber(tokens[i], out var year) || year % 10 != 0
                || tokens[i + 1].SpaceBefore || !W(tokens[i + 1]).SequenceEqual("s"))
            {
                return false;
            }

            hit = new Hit { First = i, Last = i + 1, Granularity = "decade", Decade = year / 10, Year = year };
            return true;
        }

        /// <summary>A bare year, unless it counts or costs something ("2000 protesters", "2022 tenge") or is a number of something.</summary>
        private bool TryYear(ReadOnlySpan<Token> tokens, int i, out Hit hit, bool afterModifier)
        {
            hit = null!;
            if (!YearNumber(tokens[i], out var year) || year is < 1800 or > 2100)
            {
                return false;
            }

            if (i > 0)
            {
                var prev = tokens[i - 1];
                var p = W(prev);
                if (prev.Kind == TokenKind.Symbol || p is "No" or "#" or "№" || (prev.Kind == TokenKind.Word && _lex.LegalTerms.TryGet(p, out _))
                    || (p is "-" or "/" or ":" or "." && !tokens[i].SpaceBefore && !afterModifier))
                {
                    return false;
                }

                if (!afterModifier && prev.Kind == TokenKind.Word && _lex.QuantityModifiers.TryMatch(text, tokens, i - 1, out _, out _)
                    && !Cue(tokens, i - 1))
                {
                    return false;
                }
            }

            if (i + 1 < tokens.Length)
            {
                var next = tokens[i + 1];
                var n = W(next);
                if ((n is "/" or ":" or "." or "," && !next.SpaceBefore && i + 2 < tokens.Length && tokens[i + 2].Kind == TokenKind.Number && !tokens[i + 2].SpaceBefore)
                    || n is "%" || _lex.TimeUnits.TryGet(n, out _) || _lex.CurrencyNames.TryMatch(text, tokens, i + 1, out _, out _)
                    || (next.Kind == TokenKind.Word && next.Length == 3 && _lex.CurrencyCodes.TryGet(n, out _))
                    || _lex.Multipliers.TryGet(n, out _)
                    || (next.Kind == TokenKind.Word && n.Length > 3 && n[^1] == 's' && char.IsLower(n[0]) && !_lex.CountWords.TryGet(n, out _)))
                {
                    return false;
                }
            }

            hit = new Hit { First = i, Last = i, Year = year, Granularity = "year" };
            return true;
        }

        private static bool Int(ReadOnlySpan<char> s, out int value) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

        private static bool Valid(int y, int m, int d) => m is >= 1 and <= 12 && y is >= 1 and <= 9999 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
    }
}
