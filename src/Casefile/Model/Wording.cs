using System.Globalization;

namespace Casefile.Model;

/// <summary>
/// Records in words for people: a role with the name of the organisation it is in (not the document-local id), and an
/// ISO 8601 time value as a date ("24 April, year unknown"). Used by the web pages and the CSV export.
/// </summary>
public static class Wording
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>
    /// The name of the entity a role is "of": <see cref="EntityRole.Of"/> is a document-local id ("e2"), so it is looked up
    /// among the entities of the same case file; the id itself when that file has no such entity, null when the role names none.
    /// </summary>
    public static string? RoleOf(EntityRole role, CaseFile caseFile)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(caseFile);
        return role.Of is not { } of ? null : caseFile.Entities?.FirstOrDefault(e => e.Id == of)?.Name ?? of;
    }

    /// <summary>"former head of Velsk City Council (June 2015 – December 2021)": the role in words, the organisation by name.</summary>
    public static string Role(EntityRole role, CaseFile caseFile) => Role(role, RoleOf(role, caseFile));

    /// <summary>The role in words with the organisation's name already looked up (<paramref name="of"/>, null for none).</summary>
    public static string Role(EntityRole role, string? of)
    {
        ArgumentNullException.ThrowIfNull(role);
        var text = (role.Status is null ? "" : role.Status + " ") + role.Role + (of is null ? "" : " of " + of);
        return role.From is null && role.To is null ? text : $"{text} ({(role.From is null ? "?" : Date(role.From))} – {(role.To is null ? "?" : Date(role.To))})";
    }

    /// <summary>
    /// An ISO 8601 value as words: "2022-05-03" → "3 May 2022", "2022-05" → "May 2022", "XXXX-04-24" → "24 April, year unknown",
    /// "201" → "the 2010s", "2015-06/2021-12" → "June 2015 to December 2021"; a modifier in front ("mid May 2022");
    /// null → "undated"; a shape it does not know is returned as written.
    /// </summary>
    public static string Date(string? value, string? mod = null)
    {
        if (value is null)
        {
            return "undated";
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var words = slash > 0 ? $"{Date(value[..slash])} to {Date(value[(slash + 1)..])}" : Single(value);
        return mod switch
        {
            null => words,
            "start" => "early " + words,
            "mid" => "mid " + words,
            "end" => "late " + words,
            "night" => "the night of " + words,
            _ => mod + " " + words,
        };
    }

    private static string Single(string value)
    {
        var time = value.IndexOf('T', StringComparison.Ordinal);
        if (time > 0)
        {
            return Single(value[..time]) + ", " + value[(time + 1)..];
        }

        var parts = value.Split('-');
        var unknownYear = parts[0] == "XXXX";
        if (!unknownYear && (parts[0].Length is not (3 or 4) || !parts[0].All(char.IsAsciiDigit)))
        {
            return value;
        }

        if (parts[0].Length == 3)
        {
            return parts.Length == 1 ? $"the {parts[0]}0s" : value;
        }

        var year = unknownYear ? null : parts[0];
        if (parts.Length == 1)
        {
            return year ?? "year unknown";
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
        {
            return value; // weeks (2022-W12), quarters, seasons: as written
        }

        var monthName = Months[month - 1];
        string dayMonth;
        if (parts.Length == 2)
        {
            dayMonth = monthName;
        }
        else if (parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31)
        {
            dayMonth = string.Create(CultureInfo.InvariantCulture, $"{day} {monthName}");
        }
        else
        {
            return value;
        }

        return year is null ? dayMonth + ", year unknown" : dayMonth + " " + year;
    }
}
