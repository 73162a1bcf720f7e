using System.Collections.Frozen;
using System.Globalization;

namespace Casefile.Lexicons;

/// <summary>All language data, loaded once from data/lexicons and shared read-only by every component.</summary>
internal sealed class Lexicon
{
    private static readonly Lazy<Lexicon> Shared = new(() => new Lexicon(), LazyThreadSafetyMode.ExecutionAndPublication);

    private Lexicon()
    {
        Abbreviations = LexiconFile.Map("abbreviations.tsv", 2, r => r[1], ignoreCase: false);
        SentenceOpeners = LexiconFile.Map("sentence-openers.tsv", 1, _ => true, ignoreCase: false);
        NumberWords = LexiconFile.Map("numbers.tsv", 3, r => (Value: double.Parse(r[1], CultureInfo.InvariantCulture), Class: r[2]));
        Multipliers = LexiconFile.Map("multipliers.tsv", 3, r => (Value: double.Parse(r[1], CultureInfo.InvariantCulture), Attach: r[2]), ignoreCase: false);
        var currencies = LexiconFile.Rows("currencies.tsv", 3);
        CurrencyNames = new PhraseTable<string>(currencies.Where(r => r[2] == "name").Select(r => (r[0], r[1])));
        CurrencySymbols = new PhraseTable<string>(currencies.Where(r => r[2] == "symbol").Select(r => (r[0], r[1])), ignoreCase: false);
        CurrencyCodes = currencies.Where(r => r[2] == "code").ToFrozenDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
        QuantityModifiers = new PhraseTable<string>(LexiconFile.Rows("quantity-modifiers.tsv", 2).Select(r => (r[0], r[1])));
        TimeUnits = LexiconFile.Map("time-units.tsv", 3, r => (Unit: r[1], Iso: r[2]));
        Months = LexiconFile.Map("months.tsv", 3, r => (Month: int.Parse(r[1], CultureInfo.InvariantCulture), Class: r[2]), ignoreCase: false);
        Weekdays = LexiconFile.Map("weekdays.tsv", 2, r => int.Parse(r[1], CultureInfo.InvariantCulture), ignoreCase: false);
        var cues = LexiconFile.Rows("time-cues.tsv", 2);
        TimeModifiers = new PhraseTable<string>(cues.Where(r => r[1] == "mod").Select(r => (r[0], r[2])));
        TimeShifts = cues.Where(r => r[1] == "shift").ToFrozenDictionary(r => r[0], r => int.Parse(r[2], CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        DayWords = cues.Where(r => r[1] == "day").ToFrozenDictionary(r => r[0], r => int.Parse(r[2], CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        RangeWords = cues.Where(r => r[1] == "range").ToFrozenDictionary(r => r[0], _ => true, StringComparer.OrdinalIgnoreCase);
        MonthCues = cues.Where(r => r[1] == "cue").ToFrozenDictionary(r => r[0], _ => true, StringComparer.OrdinalIgnoreCase);
        LegalTerms = LexiconFile.Map("legal-terms.tsv", 2, r => r[1]);
        Jurisdictions = new PhraseTable<string>(LexiconFile.Rows("jurisdictions.tsv", 2).Select(r => (r[0], r[1])), ignoreCase: false);
        CountWords = LexiconFile.Map("count-words.tsv", 2, r => r[1]);
    }

    public static Lexicon Instance => Shared.Value;

    /// <summary>Abbreviation → never | maybe | number: when its full stop may end a sentence (see the data file).</summary>
    public FrozenDictionary<string, string> Abbreviations { get; }

    public FrozenDictionary<string, bool> SentenceOpeners { get; }

    public FrozenDictionary<string, (double Value, string Class)> NumberWords { get; }

    public FrozenDictionary<string, (double Value, string Attach)> Multipliers { get; }

    public PhraseTable<string> CurrencyNames { get; }

    public PhraseTable<string> CurrencySymbols { get; }

    public FrozenDictionary<string, string> CurrencyCodes { get; }

    public PhraseTable<string> QuantityModifiers { get; }

    public FrozenDictionary<string, (string Unit, string Iso)> TimeUnits { get; }

    public FrozenDictionary<string, (int Month, string Class)> Months { get; }

    public FrozenDictionary<string, int> Weekdays { get; }

    public PhraseTable<string> TimeModifiers { get; }

    public FrozenDictionary<string, int> TimeShifts { get; }

    public FrozenDictionary<string, int> DayWords { get; }

    public FrozenDictionary<string, bool> RangeWords { get; }

    public FrozenDictionary<string, bool> MonthCues { get; }

    public FrozenDictionary<string, string> LegalTerms { get; }

    public PhraseTable<string> Jurisdictions { get; }

    public FrozenDictionary<string, string> CountWords { get; }
}

/// <summary>Span-keyed lookups on frozen dictionaries without allocating a string per token.</summary>
internal static class LookupExtensions
{
    public static bool TryGet<T>(this FrozenDictionary<string, T> map, ReadOnlySpan<char> key, out T value) =>
        map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out value!);
}
