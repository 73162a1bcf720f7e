using System.Globalization;
using Casefile.Lexicons;
using Casefile.Pipeline;

namespace Casefile.Checks;

/// <summary>A rate the table holds: units of a currency per US dollar for a day, month or year, and where it comes from.</summary>
public sealed record FxRate(string Currency, string Period, double PerUsd, string Source);

/// <summary>
/// Exchange rates as units per US dollar by date. The shipped table holds World Bank annual averages
/// 2017–2023 (data/fx/annual-usd.tsv); <see cref="FromCsv"/> reads a finer one (<c>date,currency,per_usd</c>
/// with dates as YYYY, YYYY-MM or YYYY-MM-DD). A lookup takes the finest period that covers the date:
/// the day, then the month, then the year; outside the table it finds nothing and the check says so.
/// </summary>
public sealed class FxTable
{
    private static readonly Lazy<FxTable> Shipped = new(() =>
        new FxTable(LexiconFile.Rows("fx", "annual-usd.tsv", 3).Select(r => (r[0], r[1], Parse(r[2])))
            , "World Bank WDI PA.NUS.FCRF annual average (data/fx/annual-usd.tsv)"));

    private readonly Dictionary<(string Period, string Currency), double> _rates = [];
    private readonly string _source;

    private FxTable(IEnumerable<(string Period, string Currency, double PerUsd)> rows, string source)
    {
        _source = source;
        foreach (var (period, currency, perUsd) in rows)
        {
            _rates[(period, currency.ToUpperInvariant())] = perUsd;
        }
    }

    public static FxTable Default => Shipped.Value;

    /// <summary>Reads <c>date,currency,per_usd</c> lines (a header line and # comments are skipped); CF2601/CF2602 on errors.</summary>
    public static FxTable FromCsv(string path)
    {
        if (!File.Exists(path))
        {
            throw new CasefileException(ErrorCodes.FxTableNotFound, $"--fx table '{path}' does not exist; check the path.");
        }

        var rows = new List<(string, string, double)>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (line.Length == 0 || line[0] == '#' || (n == 1 && line.StartsWith("date", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 3 || !IsPeriod(parts[0].Trim()) || parts[1].Trim().Length != 3
                || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
            {
                throw new CasefileException(ErrorCodes.FxTableMalformed,
                    $"{path}:{n}: a rate line is 'date,currency,per_usd' (date YYYY, YYYY-MM or YYYY-MM-DD; ISO 4217 code; a positive number); fix that line.");
            }

            rows.Add((parts[0].Trim(), parts[1].Trim(), rate));
        }

        return new FxTable(rows, $"--fx {Path.GetFileName(path)}");
    }

    /// <summary>The rate for <paramref name="currency"/> at the finest period the table has for the date (day, month, year).</summary>
    public FxRate? Rate(string currency, string date)
    {
        currency = currency.ToUpperInvariant();
        foreach (var period in new[] { date.Length >= 10 ? date[..10] : null, date.Length >= 7 ? date[..7] : null, date.Length >= 4 ? date[..4] : null })
        {
            if (period is not null && _rates.TryGetValue((period, currency), out var rate))
            {
                return new FxRate(currency, period, rate, _source);
            }
            if (period is not null && currency == "USD" && _rates.Keys.Any(k => k.Period == period))
            {
                return new FxRate("USD", period, 1, _source);
            }
        }

        return null;
    }

    /// <summary>The years the table covers, for messages ("2017–2023").</summary>
    public string Coverage
    {
        get
        {
            var years = _rates.Keys.Select(k => k.Period[..4]).Distinct().Order(StringComparer.Ordinal).ToList();
            return years.Count == 0 ? "none" : years[0] == years[^1] ? years[0] : $"{years[0]}–{years[^1]}";
        }
    }

    private static bool IsPeriod(string s) => s.Length is 4 or 7 or 10 && char.IsDigit(s[0]);

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
