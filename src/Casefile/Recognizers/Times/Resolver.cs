using System.Collections.Immutable;
using System.Globalization;
using Casefile.Model;
using static Casefile.Recognizers.Times.TimeRecognizer;

namespace Casefile.Recognizers.Times;

/// <summary>
/// Gives every date its ISO value. A missing year comes from the latest explicit month- or day-level
/// date earlier in the same paragraph ("context"), else the year closest to the publication date
/// ("published"), else it stays "XXXX". Deictic words ("last year", "Monday") need the publication date.
/// </summary>
internal static class Resolver
{
    public static ImmutableArray<TimeExpression> Resolve(string text, ReadOnlySpan<Token> tokens, List<Hit> hits, DateOnly? published)
    {
        var result = ImmutableArray.CreateBuilder<TimeExpression>(hits.Count);
        Hit? context = null;
        var sameMonth = new Dictionary<int, Hit>();
        var previousEnd = 0;
        foreach (var hit in hits)
        {
            var start = tokens[hit.First].Start;
            var end = tokens[hit.Last].End;
            if (context is not null && HasBlankLine(text.AsSpan(previousEnd, start - previousEnd)))
            {
                context = null;
            }

            string? value;
            string? anchor;
            Hit? anchorHit;
            if (hit.PeriodStart is { } a && hit.PeriodEnd is { } b)
            {
                // "from September to December 2016": the end lends its year to the start.
                if (a.Year is null && a.Deictic is null && b.ExplicitYear && a.Month is { } am)
                {
                    a.Year = am > (b.Month ?? 12) ? b.Year - 1 : b.Year;
                }

                var (v1, an1, h1) = One(a, ContextFor(a, context, sameMonth), published);
                var (v2, an2, h2) = One(b, ContextFor(b, context, sameMonth), published);
                value = v1 is null || v2 is null ? null : v1 + "/" + v2;
                anchor = an1 ?? an2;
                anchorHit = h1 ?? h2;
            }
            else
            {
                (value, anchor, anchorHit) = One(hit, ContextFor(hit, context, sameMonth), published);
            }

            result.Add(new TimeExpression
            {
                Start = start,
                End = end,
                Text = text[start..end],
                Value = value,
                Granularity = hit.Granularity,
                Mod = hit.Mod,
                Anchor = anchor,
                AnchorSpan = anchorHit is null ? null : new SpanRef(tokens[anchorHit.First].Start, tokens[anchorHit.Last].End),
            });

            var last = hit.PeriodEnd ?? hit;
            if (last.ExplicitYear && last.Month is { } month)
            {
                context = last;

                // Ends of periods are not lent across paragraphs: "from June 2015" says nothing of a later "June".
                if (hit.PeriodStart is null)
                {
                    sameMonth[month] = last;
                }
            }

            previousEnd = end;
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The earlier explicit date a year-less date borrows its year from: the latest one in the same
    /// paragraph, else the latest earlier one in the document with the same month ("January 2022"
    /// ... later "on January 6").
    /// </summary>
    private static Hit? ContextFor(Hit hit, Hit? paragraph, Dictionary<int, Hit> sameMonth) =>
        paragraph ?? (hit.Month is { } m && sameMonth.TryGetValue(m, out var earlier) ? earlier : null);

    private static bool HasBlankLine(ReadOnlySpan<char> gap)
    {
        var newlines = 0;
        foreach (var c in gap)
        {
            if (c == '\n')
            {
                if (++newlines >= 2)
                {
                    return true;
                }
            }
            else if (!char.IsWhiteSpace(c))
            {
                newlines = 0;
            }
        }

        return false;
    }

    private static (string? Value, string? Anchor, Hit? AnchorHit) One(Hit hit, Hit? context, DateOnly? published)
    {
        if (hit.Decade is { } decade)
        {
            return (decade.ToString(CultureInfo.InvariantCulture), null, null);
        }

        if (hit.Deictic is not null)
        {
            // A date outside years 1-9999 ("1,000,000 days ago", a 9999-12-31 publication date) stays unresolved.
            return published is { } pub && Deictic(hit, pub) is { } value ? (value, "published", null) : (null, null, null);
        }

        if (hit.Year is { } year)
        {
            return (Format(year, hit.Month, hit.Day), null, null);
        }

        if (hit.Month is not { } month)
        {
            return (null, null, null);
        }

        if (context?.Year is { } contextYear && SafeDates.InRange(contextYear) && (hit.Day is null || hit.Day <= DateTime.DaysInMonth(contextYear, month)))
        {
            return (Format(contextYear, month, hit.Day), "context", context);
        }

        if (published is { } p)
        {
            return (Format(Closest(p, month, hit.Day), month, hit.Day), "published", null);
        }

        return ("XXXX-" + Two(month) + (hit.Day is { } d ? "-" + Two(d) : ""), null, null);
    }

    /// <summary>The year (publication year or one either side) that puts the month/day closest to the publication date.</summary>
    private static int Closest(DateOnly pub, int month, int? day)
    {
        var best = pub.Year;
        var bestDistance = int.MaxValue;
        for (var y = Math.Max(1, pub.Year - 1); y <= Math.Min(9999, pub.Year + 1); y++)
        {
            var d = Math.Min(day ?? 15, DateTime.DaysInMonth(y, month));
            var distance = Math.Abs(new DateOnly(y, month, d).DayNumber - pub.DayNumber);
            if (distance < bestDistance)
            {
                best = y;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string? Deictic(Hit hit, DateOnly pub)
    {
        switch (hit.Deictic)
        {
            case "year":
                return SafeDates.InRange(pub.Year + (long)hit.Offset) ? Format(pub.Year + hit.Offset, null, null) : null;
            case "monthyear":
                return SafeDates.InRange(pub.Year + (long)hit.Offset) ? Format(pub.Year + hit.Offset, hit.Month, hit.Day) : null;
            case "month":
                return SafeDates.AddMonths(pub, hit.Offset) is { } m ? Format(m.Year, m.Month, null) : null;
            case "day":
                return SafeDates.AddDays(pub, hit.Offset) is { } d ? Format(d.Year, d.Month, d.Day) : null;
            case "monthname":
                var month = hit.Month!.Value;
                var year = hit.Offset switch
                {
                    < 0 => month < pub.Month ? pub.Year : pub.Year - 1,
                    0 => pub.Year,
                    _ => month > pub.Month ? pub.Year : pub.Year + 1,
                };
                return SafeDates.InRange(year) ? Format(year, month, null) : null;
            default:
                // Weekdays: bare = latest on or before publication; "last" = strictly before; "next" = strictly after.
                var target = hit.Day!.Value % 7;
                var current = (int)pub.DayOfWeek;
                var back = (current - target + 7) % 7;
                var date = hit.Offset switch
                {
                    < 0 => SafeDates.AddDays(pub, back == 0 ? -7 : -back),
                    0 => SafeDates.AddDays(pub, -back),
                    _ => SafeDates.AddDays(pub, (target - current + 7) % 7 is 0 ? 7 : (target - current + 7) % 7),
                };
                return date is { } w ? Format(w.Year, w.Month, w.Day) : null;
        }
    }

    private static string Format(int year, int? month, int? day) =>
        year.ToString("0000", CultureInfo.InvariantCulture) + (month is { } m ? "-" + Two(m) + (day is { } d ? "-" + Two(d) : "") : "");

    private static string Two(int n) => n.ToString("00", CultureInfo.InvariantCulture);
}
