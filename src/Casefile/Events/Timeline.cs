using System.Globalization;
using System.Text.RegularExpressions;
using Casefile.Model;

namespace Casefile.Events;

/// <summary>
/// Orders events by time. A date sorts by its first day ("2022" as 2022-01-01, "2022-01" as 2022-01-01,
/// a period by its start), finer dates first among equals; the granularity stays visible, so a year is
/// never shown as a day. Events without a time keep their text order after the dated ones.
/// </summary>
public static partial class Timeline
{
    public static IReadOnlyList<TimelineEntry> Of(IEnumerable<Event> events, string? document = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events
            .Select((e, i) => (Event: e, Index: i, Key: SortKey(e.Time?.Value, e.Time?.Mod)))
            .OrderBy(x => x.Key is null)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .ThenByDescending(x => x.Event.Time?.Value?.Length ?? 0)
            .ThenBy(x => x.Index)
            .Select(x => new TimelineEntry(x.Event.Id, x.Event.Type, x.Event.Time?.Value, x.Event.Time?.Granularity, Summary(x.Event), document, x.Event.Time?.Mod))];
    }

    /// <summary>Merges the timelines of several documents into one.</summary>
    public static IReadOnlyList<TimelineEntry> Merge(IEnumerable<(string? Document, IReadOnlyList<Event> Events)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var all = documents.SelectMany(d => Of(d.Events, d.Document)).ToList();
        return [.. all.OrderBy(x => SortKey(x.Time, x.Mod) is null).ThenBy(x => SortKey(x.Time, x.Mod), StringComparer.Ordinal).ThenByDescending(x => x.Time?.Length ?? 0)];
    }

    /// <summary>
    /// "2022-01-05" stays; "2022-01" → "2022-01-01" ("mid" → the 15th, "end" → the 28th); "2022" → "2022-01-01"
    /// ("mid" → July, "end" → December); a period by its start; unknown years sort last.
    /// </summary>
    private static string? SortKey(string? value, string? mod)
    {
        if (value is null || value.StartsWith('X'))
        {
            return null;
        }

        var start = value.Split('/')[0];
        return start.Length switch
        {
            4 => start + (mod switch { "mid" => "-07-01", "end" => "-12-01", _ => "-01-01" }),
            7 => start + (mod switch { "mid" => "-15", "end" => "-28", _ => "-01" }),
            _ => start.Length >= 10 ? start[..10] : start,
        };
    }

    /// <summary>"P7Y6M" → "7 years 6 months", "P6M" → "6 months", "life" stays.</summary>
    private static string Humanize(string term)
    {
        var m = TermPattern().Match(term);
        if (!m.Success)
        {
            return term;
        }

        var parts = new List<string>();
        if (m.Groups[1].Success)
        {
            parts.Add(m.Groups[1].Value + (m.Groups[1].Value == "1" ? " year" : " years"));
        }

        if (m.Groups[2].Success)
        {
            parts.Add(m.Groups[2].Value + (m.Groups[2].Value == "1" ? " month" : " months"));
        }

        return parts.Count > 0 ? string.Join(" ", parts) : term;
    }

    [GeneratedRegex(@"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+)M)?$")]
    private static partial Regex TermPattern();

    /// <summary>A one-line description: type, participants, key attributes.</summary>
    public static string Summary(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string>();
        var people = string.Join(", ", e.Participants.Where(p => p.Role is not "organisation" and not "payee").Select(p => p.Label));
        if (people.Length > 0)
        {
            parts.Add(people);
        }

        var a = e.Attributes;
        if (a?.Term is { } term)
        {
            parts.Add(Humanize(term));
        }

        if (a?.SentenceType is { } st && st != "imprisonment")
        {
            parts.Add(st);
        }

        if (a?.Confiscation == true)
        {
            parts.Add("confiscation of property");
        }

        if (a?.StrippedOf is { } stripped)
        {
            parts.Add("stripped of " + string.Join(" and ", stripped));
        }

        if (a?.Counted is { } counted)
        {
            parts.Add(string.Create(inv, $"{(a.AtLeast == true ? "more than " : a.Approximate == true ? "about " : "")}{a.Count:#,0} {counted}"));
        }

        if (a?.Including is { } inc)
        {
            parts.Add("including " + string.Join(", ", inc.Select(i => i.Text)));
        }

        if (a?.Amounts is { } amounts)
        {
            parts.Add(string.Join(" and ", amounts.Where(m => m.Conversion != true).Select(m => m.Text)));
        }

        if (a?.LegalRefs is { } refs)
        {
            parts.Add(string.Join("; ", refs.Select(r => "Article " + r.Article + (r.Part is null ? "" : " part " + r.Part) + (r.Paragraph is null ? "" : " paragraph " + r.Paragraph))));
        }
        else if (a?.Offences is { } offences)
        {
            parts.Add(offences);
        }

        if (a?.Role is { } role)
        {
            var of = e.Participants.FirstOrDefault(p => p.Role == "organisation")?.Label;
            parts.Add(role + (of is null ? "" : " of " + of) + (a.From is null && a.To is null ? "" : $", {a.From ?? "?"} → {a.To ?? "?"}"));
        }

        if (a?.Found is { } found)
        {
            parts.Add("found " + found);
        }

        if (a?.Destination is { } to)
        {
            parts.Add("to " + to);
        }

        if (e.Place is { } place)
        {
            parts.Add("in " + place.Text);
        }

        var source = e.Source.Kind == SourceKinds.Author ? "" : $" [{e.Source.Kind}{(e.Source.Certainty == Certainties.Reported ? "" : ", " + e.Source.Certainty)}]";
        return e.Type.Replace('_', ' ') + (parts.Count > 0 ? ": " + string.Join("; ", parts) : "") + source + (e.Unverified == true ? " (unverified)" : "");
    }
}
