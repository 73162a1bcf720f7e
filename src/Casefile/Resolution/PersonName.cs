namespace Casefile.Resolution;

/// <summary>
/// A person's name split into its parts: the first given name (or its initial) and the surname (the last
/// word that is not an initial). Middle names and patronymics are kept but not compared.
/// </summary>
internal sealed record PersonName(string? Given, string? Initial, string Surname, int Words)
{
    public bool IsBare => Given is null && Initial is null;

    public bool HasFullGiven => Given is not null;

    public static PersonName Parse(string text)
    {
        var words = text.Split([' ', '\u00A0', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        // "K.Smithov" written without a space.
        if (words.Length == 1 && words[0].Length > 3 && char.IsUpper(words[0][0]) && words[0][1] == '.' && char.IsUpper(words[0][2]))
        {
            words = [words[0][..2], words[0][2..]];
        }

        var last = words.Length - 1;
        while (last > 0 && NameMatcher.IsInitial(words[last]))
        {
            last--;
        }

        var surname = words[last].TrimEnd('.', ',');
        if (last == 0)
        {
            return new PersonName(null, null, surname, words.Length);
        }

        var first = words[0];
        return NameMatcher.IsInitial(first)
            ? new PersonName(null, first, surname, words.Length)
            : new PersonName(first, null, surname, words.Length);
    }

    /// <summary>
    /// Whether two names may belong to one person, and how strongly: the surnames must match (exactly, as a
    /// transliteration variant or within the fuzzy threshold, never as masculine/feminine forms), and given
    /// names or initials, when both have them, must agree. Returns null when they conflict or do not match.
    /// </summary>
    public static (string Rule, double Score)? Compare(PersonName a, PersonName b)
    {
        var (sm, ss) = NameMatcher.Compare(a.Surname, b.Surname);
        if (NameMatcher.GenderForms(NameMatcher.Key(a.Surname), NameMatcher.Key(b.Surname)))
        {
            return null;
        }

        if (sm == NameMatch.None)
        {
            // Ukrainian or Belarusian and Russian forms of one name ("Oleksandr Yaremenko" / "Aleksandr Eremenko",
            // "Alena Kazlouskaya" / "Elena Kozlovskaya"): the given names agree and the surnames have the same consonants.
            return a.Given is not null && b.Given is not null && NameMatcher.Compare(a.Given, b.Given).Match != NameMatch.None
                && NameMatcher.Skeleton(a.Surname) is { Length: >= 3 } sa && sa == NameMatcher.Skeleton(b.Surname)
                ? ("full-name+skeleton", 0.8)
                : null;
        }

        var spelling = sm switch
        {
            NameMatch.Variant => "+variant",
            NameMatch.Fuzzy => "+fuzzy",
            _ => string.Empty,
        };
        if (a.Given is not null && b.Given is not null)
        {
            var (gm, gs) = NameMatcher.Compare(a.Given, b.Given);
            if (gm == NameMatch.None)
            {
                return null;
            }

            var exact = sm == NameMatch.Exact && gm == NameMatch.Exact;
            var given = gm switch
            {
                NameMatch.Variant when spelling.Length == 0 => "+variant",
                NameMatch.Fuzzy when spelling != "+fuzzy" => "+fuzzy",
                _ => string.Empty,
            };
            return (exact ? "full-name" : "full-name" + spelling + given, Math.Round(ss * gs, 3));
        }

        var full = a.Given is not null ? a : b.Given is not null ? b : null;
        var other = ReferenceEquals(full, a) ? b : a;
        if (full is not null && other.Initial is not null)
        {
            return NameMatcher.InitialFits(other.Initial, full.Given!) ? ("initial" + spelling, Math.Round(0.9 * ss, 3)) : null;
        }

        if (a.Initial is not null && b.Initial is not null)
        {
            return NameMatcher.InitialsAgree(a.Initial, b.Initial) ? ("initial" + spelling, Math.Round(0.9 * ss, 3)) : null;
        }

        // One of them is a bare surname.
        return ("surname" + spelling, Math.Round(0.9 * ss, 3));
    }

    /// <summary>Same surname (or its other-gender form) but other given names or initials: never one person.</summary>
    public static bool Conflict(PersonName a, PersonName b)
    {
        var ka = NameMatcher.Key(a.Surname);
        var kb = NameMatcher.Key(b.Surname);
        if (NameMatcher.GenderForms(ka, kb))
        {
            return true;
        }

        return NameMatcher.Compare(a.Surname, b.Surname).Match != NameMatch.None && Compare(a, b) is null;
    }
}
