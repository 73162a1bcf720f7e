namespace Casefile.Fuzz;

/// <summary>One generated input: regenerated exactly from (<see cref="Seed"/>, <see cref="Index"/>) by <see cref="FuzzGenerator"/>.</summary>
/// <param name="Kind">Generator that made it, e.g. "soup/short", "mutate/wikinews", "html/nested-divs".</param>
/// <param name="Text">The text (for HTML inputs: the markup before it was encoded into <see cref="HtmlBytes"/>).</param>
/// <param name="HtmlBytes">Non-null for HTML inputs: the bytes given to Ingestor.FromBytes (possibly corrupted after encoding).</param>
public sealed record FuzzInput(long Seed, long Index, string Kind, string Text, DateOnly? Published, byte[]? HtmlBytes)
{
    public bool IsHtml => HtmlBytes is not null;

    /// <summary>False when made with 0001-01-01 and 9999-12-31 mapped to an ordinary date (--no-extreme-dates).</summary>
    public bool ExtremeDates { get; init; } = true;

    public string PublishedText => Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}

/// <summary>Deterministic per-input randomness: no string.GetHashCode or HashCode (both are randomised per process).</summary>
public static class SeedMix
{
    public static ulong SplitMix64(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The seed of input <paramref name="index"/> of campaign <paramref name="seed"/>.</summary>
    public static int Of(long seed, long index)
    {
        var z = SplitMix64(SplitMix64((ulong)seed) ^ SplitMix64((ulong)index ^ 0xD1B54A32D192ED03UL));
        return (int)(z ^ (z >> 32));
    }
}
