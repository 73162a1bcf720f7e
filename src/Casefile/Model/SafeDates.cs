namespace Casefile.Model;

/// <summary>
/// Calendar arithmetic that says "not representable" instead of throwing: a publication date of
/// 0001-01-01 or 9999-12-31 (CMS zero dates), "1,000,000 days ago" or a 9,999-year term all leave
/// DateOnly's range (years 1–9999), and such a date is unresolved rather than an exception.
/// </summary>
public static class SafeDates
{
    public static bool InRange(long year) => year is >= 1 and <= 9999;

    public static DateOnly? AddDays(DateOnly date, long days)
    {
        var n = date.DayNumber + days;
        return n >= DateOnly.MinValue.DayNumber && n <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber((int)n) : null;
    }

    public static DateOnly? AddMonths(DateOnly date, long months)
    {
        var total = (date.Year * 12L) + (date.Month - 1) + months;
        var year = Math.DivRem(total, 12, out var m0);
        if (m0 < 0)
        {
            m0 += 12;
            year--;
        }

        if (!InRange(year))
        {
            return null;
        }

        var month = (int)m0 + 1;
        return new DateOnly((int)year, month, Math.Min(date.Day, DateTime.DaysInMonth((int)year, month)));
    }

    /// <summary>The date when year, month and day make one (the day clamped to the month's last), else null.</summary>
    public static DateOnly? Create(long year, int month, int day)
    {
        if (!InRange(year) || month is < 1 or > 12 || day < 1)
        {
            return null;
        }

        return new DateOnly((int)year, month, Math.Min(day, DateTime.DaysInMonth((int)year, month)));
    }
}
