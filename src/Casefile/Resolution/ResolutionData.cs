using System.Collections.Frozen;
using Casefile.Lexicons;

namespace Casefile.Resolution;

/// <summary>A role word's entry in data/lexicons/role-words.tsv.</summary>
internal readonly record struct RoleWord(string Role, string Class);

/// <summary>
/// The lists entity resolution reads, loaded once: country names and codes, demonyms, given names with
/// their sex, organisation acronyms with their expansions, given-name variants, role words.
/// </summary>
internal sealed class ResolutionData
{
    private static readonly Lazy<ResolutionData> Shared = new(() => new ResolutionData());

    private ResolutionData()
    {
        Countries = ToMap(LexiconFile.Rows("gazetteers", "countries.tsv", 2), r => r[1]);
        Demonyms = LexiconFile.Map("demonyms.tsv", 2, r => r[1], ignoreCase: false);
        DemonymLookup = Demonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        var roles = LexiconFile.Rows("role-words.tsv", 3);
        RoleWords = new PhraseTable<RoleWord>(roles.Select(r => (r[0], new RoleWord(r[1], r[2]))));
        var sexes = new Dictionary<string, char>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in LexiconFile.Rows("gazetteers", "first-names.tsv", 2))
        {
            if (r[1] is "M" or "F" && (r.Length < 4 || r[3] != "common-word"))
            {
                sexes.TryAdd(r[0], r[1][0]);
            }
        }

        GivenNameSex = sexes.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        var expansions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in LexiconFile.Rows("gazetteers", "org-acronyms.tsv", 2))
        {
            if (!expansions.TryGetValue(r[0], out var list))
            {
                expansions[r[0]] = list = [];
            }

            // "National Security Council (US); National Security Committee (Kazakhstan, in English)"
            foreach (var part in r[1].Split(';'))
            {
                var paren = part.IndexOf('(');
                var name = (paren >= 0 ? part[..paren] : part).Trim();
                if (name.Length > 0)
                {
                    list.Add(name);
                }
            }
        }

        AcronymExpansions = expansions.ToFrozenDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in LexiconFile.Rows("given-name-variants.tsv", 2))
        {
            groups.TryAdd(NameMatcher.Key(r[1]), r[0]);
        }

        GivenNameGroups = groups.ToFrozenDictionary(StringComparer.Ordinal);
        GenericPersonNouns = LexiconFile.Rows("role-words.tsv", 3).Where(r => r[2] is "generic" or "person" or "noun")
            .Select(r => r[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Name key of a given name → its variant group (data/lexicons/given-name-variants.tsv).</summary>
    public FrozenDictionary<string, string> GivenNameGroups { get; }

    /// <summary>Nouns for a person ("officer", "witness", "defendant", "minister"): an unnamed "a former officer"
    /// before a pronoun makes the resolver leave the pronoun unlinked.</summary>
    public FrozenSet<string> GenericPersonNouns { get; }

    public static ResolutionData Instance => Shared.Value;

    /// <summary>Country name (any listed form) → ISO 3166-1 alpha-2 code, ignoring case.</summary>
    public FrozenDictionary<string, string> Countries { get; }

    /// <summary>Country adjective ("Kazakh") → ISO code, with case.</summary>
    public FrozenDictionary<string, string> Demonyms { get; }

    public FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> DemonymLookup { get; }

    public PhraseTable<RoleWord> RoleWords { get; }

    /// <summary>Given names that are M or F (not both, not common English words).</summary>
    public FrozenDictionary<string, char> GivenNameSex { get; }

    public FrozenDictionary<string, IReadOnlyList<string>> AcronymExpansions { get; }


    private static FrozenDictionary<string, string> ToMap(IReadOnlyList<string[]> rows, Func<string[], string> value)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows)
        {
            d.TryAdd(r[0], value(r));
        }

        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
