using System.Collections.Immutable;
using Casefile.Model;

namespace Casefile.Resolution;

/// <summary>
/// Entity resolution for one document, in fixed steps (each rule's name is what a mention's link reports):
/// <list type="number">
/// <item>type vote: mentions with the same name take the type most of them were tagged with;</item>
/// <item>people: full names first, then initials, then bare surnames and given names
/// (<c>same-name</c>, <c>full-name</c>, <c>initial</c>, <c>surname</c>, <c>given-name</c>, with
/// <c>+variant</c>/<c>+fuzzy</c> when the spelling differs; <c>initial-nearest</c>/<c>surname-nearest</c> at
/// score 0.5 when several people fit); a cluster is joined only if no name in it conflicts (other given
/// name or initial, masculine/feminine surname forms);</item>
/// <item>organisations and places: <c>same-name</c>, <c>spelling-variant</c>, <c>same-words</c>,
/// <c>acronym</c>, <c>acronym-defined</c>, <c>known-acronym</c>, <c>same-country</c>, <c>demonym</c>, <c>fuzzy</c>;</item>
/// <item>the user's corrections (<c>correction-merge</c>, <c>correction-split</c>);</item>
/// <item>short forms "the Committee" (<c>short-form</c>) and demonyms "Kazakh" (<c>demonym</c>);</item>
/// <item>roles from titles before a name, appositions and verbs ("headed the NSC from … to …"), and role
/// descriptions linked to the role's holder (<c>role-description</c>, <c>salient-description</c>);</item>
/// <item>pronouns (<c>pronoun</c>, <c>pronoun-subject</c>, <c>pronoun-org</c>);</item>
/// <item>known facts (canonical name, identifiers, attributes; <c>facts</c> merges two entities that a
/// facts record names both).</item>
/// </list>
/// </summary>
internal sealed partial class DocumentResolution
{
    private readonly string _text;
    private readonly ImmutableArray<Token> _tokens;
    private readonly int[] _sentenceOf;

    /// <summary>Entity ids start after this number (a later window of a large document).</summary>
    public int IdOffset { get; init; }
    private readonly int[] _sentenceStart;
    private readonly int[] _sentenceEnd;
    private readonly ImmutableArray<TimeExpression> _times;
    private readonly ResolverOptions _options;
    private readonly ResolutionData _data = ResolutionData.Instance;
    private readonly List<Item> _items = [];

    /// <summary>The items of each sentence in the order they were added (the rules that look at one sentence read these, not all items).</summary>
    private readonly Dictionary<int, List<Item>> _itemsOf = [];

    /// <summary>Votes for M and F counted over each cluster's first <c>Counted</c> items, while it had <c>Removals</c> removals.</summary>
    private readonly Dictionary<Cluster, (int Removals, int Counted, int M, int F)> _sexVotes = [];
    private readonly List<Cluster> _clusters = [];
    private readonly Item?[] _nameAt;
    private readonly bool[] _used;
    private readonly string?[] _words;
    private readonly List<Mention> _unaligned = [];

    public DocumentResolution(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences,
        ImmutableArray<Mention> mentions, ImmutableArray<TimeExpression> times, ResolverOptions options)
    {
        _text = text;
        _tokens = tokens;
        _times = times;
        _options = options;
        _sentenceOf = new int[tokens.Length];
        var starts = new List<int>();
        var ends = new List<int>();
        var s = -1;
        for (var t = 0; t < tokens.Length; t++)
        {
            while (s + 1 < sentences.Length && sentences[s + 1].Start <= tokens[t].Start)
            {
                s++;
                starts.Add(t);
                ends.Add(t);
            }

            _sentenceOf[t] = Math.Max(0, s);
            if (s >= 0)
            {
                ends[s] = t + 1;
            }
        }

        if (starts.Count == 0 && tokens.Length > 0)
        {
            starts.Add(0);
            ends.Add(tokens.Length);
        }

        _sentenceStart = [.. starts];
        _sentenceEnd = [.. ends];
        _nameAt = new Item?[tokens.Length];
        _used = new bool[tokens.Length];
        _words = new string?[tokens.Length];
        foreach (var m in mentions)
        {
            var t0 = TokenAt(m.Start);
            var t1 = TokenAt(m.End - 1) + 1;
            if (t0 < 0 || t1 <= t0 || tokens[t0].Start != m.Start || tokens[t1 - 1].End != m.End)
            {
                // Not on token boundaries (another tagger's output): kept as it is, never dropped.
                _unaligned.Add(m);
                continue;
            }

            var item = new Item(m.Start, m.End, m.Text, m.Type, null, t0, t1, _sentenceOf[t0]) { Mention = m };
            AddItem(item);
            for (var t = t0; t < t1; t++)
            {
                _nameAt[t] = item;
                _used[t] = true;
            }
        }
    }

    public (ImmutableArray<Mention> Mentions, ImmutableArray<Entity> Entities) Run()
    {
        VoteTypes();
        ClusterPeople();
        ClusterNames("ORG");
        ClusterNames("LOC");
        AcronymsOfOtherTypes();
        ApplyCorrections();
        LinkShortFormsAndDemonyms();
        FindRoles();
        FindVerbRoles(pronouns: false);
        LinkDescriptions();
        LinkPronouns();
        FindVerbRoles(pronouns: true);
        ApplyFacts();
        return Output();
    }

    // ---- words and tokens ----

    /// <summary>The token's text, made once per token.</summary>
    private string Word(int t) => _words[t] ??= _text[_tokens[t].Start.._tokens[t].End];

    private bool WordIs(int t, string w) => t >= 0 && t < _tokens.Length && _text.AsSpan(_tokens[t].Start, _tokens[t].Length).Equals(w, StringComparison.OrdinalIgnoreCase);

    private int TokenAt(int offset)
    {
        int lo = 0, hi = _tokens.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (_tokens[mid].End <= offset)
            {
                lo = mid + 1;
            }
            else if (_tokens[mid].Start > offset)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    private int SentenceEndToken(int t) => _sentenceEnd[_sentenceOf[t]];

    private Item NewItem(int t0, int t1, string kind, string type)
    {
        var start = _tokens[t0].Start;
        var end = _tokens[t1 - 1].End;
        var item = new Item(start, end, _text[start..end], type, kind, t0, t1, _sentenceOf[t0]);
        AddItem(item);
        return item;
    }

    private void AddItem(Item item)
    {
        _items.Add(item);
        if (!_itemsOf.TryGetValue(item.Sentence, out var list))
        {
            _itemsOf[item.Sentence] = list = [];
        }

        list.Add(item);
    }

    private List<Item> ItemsOf(int sentence) => _itemsOf.TryGetValue(sentence, out var list) ? list : [];

    // ---- clusters ----

    private Cluster NewCluster(Item founder, string type)
    {
        var c = new Cluster(type);
        _clusters.Add(c);
        c.Add(founder);
        return c;
    }

    private static void Link(Item item, Cluster cluster, string rule, double score, Item? with, string? note = null)
    {
        item.Link = new MentionLink(rule, Math.Round(score, 3), with is null ? null : new SpanRef(with.Start, with.End), note);
        cluster.Add(item);
    }

    /// <summary>Moves every item of <paramref name="from"/> into <paramref name="into"/>; the founder of
    /// <paramref name="from"/> records the rule.</summary>
    private void Merge(Cluster into, Cluster from, string rule, double score, Item? with, string? note = null)
    {
        if (into == from)
        {
            return;
        }

        var founder = from.Items.OrderBy(i => i.Start).First();
        foreach (var item in from.Items.ToList())
        {
            if (item == founder)
            {
                item.Link = new MentionLink(rule, Math.Round(score, 3), with is null ? null : new SpanRef(with.Start, with.End), note);
            }

            into.Add(item);
        }

        into.Roles.AddRange(from.Roles);
        into.Descriptors.UnionWith(from.Descriptors);
        from.Clear();
        _clusters.Remove(from);
    }

    /// <summary>Of several candidate clusters, the one with a mention nearest before <paramref name="item"/>
    /// (else nearest after it).</summary>
    private static Cluster Nearest(IEnumerable<Cluster> candidates, Item item) =>
        candidates.OrderBy(c => c.Items.Where(i => i.Start < item.Start).Select(i => item.Start - i.End).DefaultIfEmpty(int.MaxValue).Min())
            .ThenBy(c => c.Items.Select(i => Math.Abs(i.Start - item.Start)).Min())
            .First();

    /// <summary>Of the cluster's mentions written like <paramref name="spelling"/>, the one nearest before <paramref name="m"/>.</summary>
    private static Item NearestSpelling(Cluster c, Item spelling, Item m) =>
        NearestItem(c.Names.Where(n => n.Text == spelling.Text), m);

    private static Item NearestItem(IEnumerable<Item> items, Item item) =>
        items.OrderBy(i => i.Start < item.Start ? item.Start - i.End : int.MaxValue / 2 + i.Start).First();

    private void VoteTypes()
    {
        foreach (var group in _items.GroupBy(i => NormName(i.Text)))
        {
            var type = group.GroupBy(i => i.Type).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(i => i.Start)).First().Key;
            foreach (var item in group)
            {
                item.Type = type;
            }
        }
    }

    [ThreadStatic]
    private static Dictionary<string, string>? _normCache;

    /// <summary>A name compared ignoring case, diacritics, a leading "the" and punctuation (cached per thread).</summary>
    internal static string NormName(string name)
    {
        var cache = _normCache ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (cache.TryGetValue(name, out var known))
        {
            return known;
        }

        if (cache.Count > 50_000)
        {
            cache.Clear();
        }

        return cache[name] = ComputeNormName(name);
    }

    private static string ComputeNormName(string name)
    {
        var words = name.Split([' ', '\n', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)
            .Select(NameMatcher.Ascii).Where(w => w.Length > 0).ToList();
        if (words.Count > 1 && words[0] == "the")
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    // ---- people ----

    private void ClusterPeople()
    {
        var people = _items.Where(i => i.Type == "PER").ToList();
        foreach (var p in people)
        {
            p.Person = PersonName.Parse(p.Text);
        }

        var ordered = people.OrderBy(p => p.Person!.HasFullGiven ? 0 : p.Person.Initial is not null ? 1 : 2).ThenBy(p => p.Start);
        var fullNames = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var m in ordered)
        {
            // A full name written again joins its first mention at once.
            if (m.Person!.HasFullGiven && fullNames.TryGetValue(NormName(m.Text), out var same) && same.Cluster is { } sameCluster)
            {
                Link(m, sameCluster, "same-name", 1.0, same);
                continue;
            }

            if (m.Person.HasFullGiven)
            {
                fullNames[NormName(m.Text)] = m;
            }

            var candidates = new List<(Cluster C, string Rule, double Score, Item With)>();
            foreach (var c in _clusters.Where(c => c.Type == "PER"))
            {
                var best = ((string Rule, double Score, Item With)?)null;
                var conflict = false;
                foreach (var n in c.Spellings)
                {
                    if (NormName(n.Text) == NormName(m.Text))
                    {
                        Consider(ref best, ("same-name", 1.0, n), m);
                        continue;
                    }

                    var r = PersonName.Compare(m.Person!, n.Person!);
                    if (r is { } hit)
                    {
                        Consider(ref best, (hit.Rule, hit.Score, n), m);
                    }
                    else if (PersonName.Conflict(m.Person!, n.Person!))
                    {
                        conflict = true;
                        break;
                    }
                }

                if (!conflict && best is { } b)
                {
                    candidates.Add((c, b.Rule, b.Score, NearestSpelling(c, b.With, m)));
                }
            }

            if (candidates.Count == 0 && m.Person!.IsBare && m.T1 - m.T0 == 1 && _data.GivenNameSex.ContainsKey(m.Text))
            {
                // A given name alone ("Anna") that is the given name of exactly one person.
                var byGiven = _clusters.Where(c => c.Type == "PER" && c.Names.Any(n => n.Person!.Given is { } g
                    && NameMatcher.Compare(g, m.Text).Match != NameMatch.None)).ToList();
                if (byGiven.Count == 1)
                {
                    var with = NearestItem(byGiven[0].Names.Where(n => n.Person!.Given is not null), m);
                    Link(m, byGiven[0], "given-name", 0.7, with);
                    continue;
                }
            }

            if (candidates.Count == 0)
            {
                NewCluster(m, "PER");
                continue;
            }

            if (candidates.Count == 1)
            {
                Link(m, candidates[0].C, candidates[0].Rule, candidates[0].Score, candidates[0].With);
                continue;
            }

            // Several people fit: full names take the best score; an initial or a bare surname goes to the
            // nearest person mentioned before it, with a low score.
            if (m.Person!.HasFullGiven)
            {
                var top = candidates.OrderByDescending(x => x.Score).First();
                Link(m, top.C, top.Rule, top.Score, top.With);
                continue;
            }

            if (Disambiguate(m, candidates.Select(x => x.C).ToList()) is { } decided)
            {
                var hit = candidates.First(x => x.C == decided.Cluster);
                Link(m, decided.Cluster, hit.Rule + "+" + decided.Rule, 0.7, hit.With, $"{candidates.Count} people fit; {decided.Why}");
                continue;
            }

            var nearest = Nearest(candidates.Select(x => x.C), m);
            var chosen = candidates.First(x => x.C == nearest);
            Link(m, nearest, m.Person.Initial is not null ? "initial-nearest" : "surname-nearest", 0.5, chosen.With,
                $"{candidates.Count} people fit");
        }
    }

    /// <summary>
    /// Decides between several people that a bare surname or initial fits, by what stands around it: a title
    /// before it that one of them holds ("Colonel Huseynov"), an apposition after it ("Huseynov, the council
    /// member,"), or the sex of the next he/she in the sentence ("Kovalenko said he…").
    /// </summary>
    private (Cluster Cluster, string Rule, string Why)? Disambiguate(Item m, List<Cluster> candidates)
    {
        // "Ms. Beridze" between a husband and a wife: the person of that sex, or the only one not known to be of the other.
        if (TitleSex(m.T0) is { } titleSex)
        {
            var sure = candidates.Where(c => SexOf(c) == titleSex).ToList();
            var open = candidates.Where(c => Compatible(c, titleSex)).ToList();
            var pick = sure.Count == 1 ? sure : open.Count == 1 ? open : null;
            if (pick is not null)
            {
                return (pick[0], "title-sex", $"courtesy title \"{Word(m.T0 - (WordIs(m.T0 - 1, ".") ? 2 : 1))}\"");
            }
        }

        // Roles are found later; read the titles written next to each candidate's names now.
        var start = _sentenceStart[m.Sentence];
        for (var s = Math.Max(start, m.T0 - 4); s < m.T0; s++)
        {
            if (ParseRole(s, allowDeterminer: true) is { } p && p.T1 == m.T0)
            {
                var holders = candidates.Where(c => c.Names.Any(n => n != m && TitleBefore(n) is { } r && Cluster.RoleFamily(r) == Cluster.RoleFamily(p.Role))).ToList();
                if (holders.Count == 1)
                {
                    return (holders[0], "title", $"title \"{_text[_tokens[p.T0].Start.._tokens[p.T1 - 1].End]}\"");
                }
            }
        }

        if (m.T1 + 1 < _tokens.Length && WordIs(m.T1, ",") && ParseRole(m.T1 + 1, allowDeterminer: true) is { } q)
        {
            var holders = candidates.Where(c => c.Names.Any(n => n != m && TitleBefore(n) is { } r && Cluster.RoleFamily(r) == Cluster.RoleFamily(q.Role))).ToList();
            if (holders.Count == 1)
            {
                return (holders[0], "apposition", $"apposition \"{_text[_tokens[q.T0].Start.._tokens[q.T1 - 1].End]}\"");
            }
        }

        var end = SentenceEndToken(m.T0);
        for (var t = m.T1; t < end; t++)
        {
            if (_nameAt[t] is { Type: "PER" })
            {
                break;
            }

            // "Beishenaliev signed the sale as minister".
            if (WordIs(t, "as") && ParseRole(t + 1, allowDeterminer: true) is { Class: "noun" } asRole)
            {
                var holders = candidates.Where(c => c.Names.Any(n => n != m && TitleBefore(n) is { } r && Cluster.RoleFamily(r) == Cluster.RoleFamily(asRole.Role))).ToList();
                if (holders.Count == 1)
                {
                    return (holders[0], "role", $"\"as {asRole.Role}\"");
                }
            }

            if (Word(t) is "he" or "she")
            {
                var sex = Word(t) == "he" ? 'M' : 'F';
                var fit = candidates.Where(c => SexOf(c) == sex).ToList();
                if (fit.Count == 1)
                {
                    return (fit[0], "pronoun-sex", $"followed by \"{Word(t)}\"");
                }

                break;
            }
        }

        return null;
    }

    /// <summary>The role noun written right before a name ("police colonel Elchin Huseynov" → colonel).</summary>
    private string? TitleBefore(Item name)
    {
        var start = _sentenceStart[name.Sentence];
        for (var s = Math.Max(start, name.T0 - 6); s < name.T0; s++)
        {
            if (ParseRole(s, allowDeterminer: true) is { } p && (p.T1 == name.T0 || (p.T1 == name.T0 - 1 && WordIs(p.T1, ","))))
            {
                return p.Role;
            }
        }

        return null;
    }

    private static void Consider(ref (string Rule, double Score, Item With)? best, (string Rule, double Score, Item With) hit, Item m)
    {
        if (best is not { } b || hit.Score > b.Score
            || (hit.Score == b.Score && Distance(hit.With, m) < Distance(b.With, m)))
        {
            best = hit;
        }
    }

    private static int Distance(Item a, Item m) => a.Start < m.Start ? m.Start - a.End : int.MaxValue / 2 + a.Start;

    // ---- organisations and places ----

    private void ClusterNames(string type)
    {
        // The same name again joins its earlier mention at once (score 1 is the best any rule gives).
        var seen = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var m in _items.Where(i => i.Type == type && i.Cluster is null).OrderBy(i => i.Start).ToList())
        {
            var norm = NormName(m.Text);
            if (seen.TryGetValue(norm, out var same) && same.Cluster is { } sameCluster)
            {
                Link(m, sameCluster, "same-name", 1.0, same);
                seen[norm] = m;
                continue;
            }

            seen[norm] = m;
            (Cluster C, string Rule, double Score, Item With)? best = null;
            foreach (var c in _clusters.Where(c => c.Type == type))
            {
                foreach (var n in c.Spellings)
                {
                    var hit = type == "ORG" ? CompareOrg(m, n) : ComparePlace(m, n);
                    if (hit is { } h && (best is not { } b || h.Score > b.Score
                        || (h.Score == b.Score && Distance(n, m) < Distance(b.With, m))))
                    {
                        best = (c, h.Rule, h.Score, n);
                    }
                }
            }

            if (best is { } x)
            {
                Link(m, x.C, x.Rule, x.Score, NearestSpelling(x.C, x.With, m));
            }
            else
            {
                NewCluster(m, type);
            }
        }
    }

    private (string Rule, double Score)? CompareOrg(Item m, Item n)
    {
        if (CompareMultiword(m.Text, n.Text, fuzzyMinLength: 8) is { Rule: not "fuzzy" } same)
        {
            return same;
        }

        var ia = NameInfo.Of(m.Text);
        if (ia.ContentCount > 1 && ia.ContentKeys == NameInfo.Of(n.Text).ContentKeys)
        {
            return ("same-words", 0.9);
        }

        return Acronym(m, n) ?? CompareMultiword(m.Text, n.Text, fuzzyMinLength: 8);
    }

    /// <summary>
    /// The rules shared by organisation and place names: the same name, the same words by spelling key
    /// (<c>spelling-variant</c>), or Jaro-Winkler ≥ 0.95 on names of <paramref name="fuzzyMinLength"/>+ letters.
    /// </summary>
    internal static (string Rule, double Score)? CompareMultiword(string x, string y, int fuzzyMinLength)
    {
        var ix = NameInfo.Of(x);
        var iy = NameInfo.Of(y);
        var a = ix.Norm;
        var b = iy.Norm;
        if (a == b)
        {
            return ("same-name", 1.0);
        }

        if (ix.WordKeys.AsSpan().SequenceEqual(iy.WordKeys))
        {
            return ("spelling-variant", 0.95);
        }

        if (fuzzyMinLength > 0 && a.Length >= fuzzyMinLength && b.Length >= fuzzyMinLength && a[0] == b[0])
        {
            var jw = NameMatcher.Similarity(a, b);
            if (jw >= 0.95)
            {
                return ("fuzzy", Math.Round(jw * 0.9, 3));
            }
        }

        return null;
    }

    /// <summary>An acronym ("NSC") and a full name ("National Security Committee") in either order.</summary>
    private (string Rule, double Score)? Acronym(Item m, Item n)
    {
        var (shortItem, longItem) = IsAcronym(m.Text) ? (m, n) : IsAcronym(n.Text) ? (n, m) : (null, null);
        if (shortItem is null || longItem is null || IsAcronym(longItem.Text))
        {
            return null;
        }

        var acronym = shortItem.Text;
        var info = NameInfo.Of(longItem.Text);
        if (info.Words.Count < 2)
        {
            return null;
        }

        if (info.AcronymForms.Contains(acronym, StringComparer.Ordinal))
        {
            // "National Security Committee (NSC)": the acronym defined in brackets right after the name.
            var defined = shortItem.T0 >= 1 && WordIs(shortItem.T0 - 1, "(") && longItem.T1 == shortItem.T0 - 1;
            return defined ? ("acronym-defined", 1.0) : ("acronym", 0.9);
        }

        // A listed expansion with the same words, in any order ("KGB" = "Committee for State Security" =
        // "State Security Committee"), or the expansion's name without its trailing "of <country>"
        // ("NABU" = "National Anti-Corruption Bureau (of Ukraine)").
        if (_data.AcronymExpansions.TryGetValue(acronym, out var expansions))
        {
            var target = info.ContentKeys;
            foreach (var e in expansions)
            {
                if (NameInfo.Of(e).ContentKeys == target)
                {
                    return ("known-acronym", 0.95);
                }

                var of = e.LastIndexOf(" of ", StringComparison.Ordinal);
                if (of > 0 && CountryCode(e[(of + 4)..]) is not null && NameInfo.Of(e[..of]).ContentKeys == target)
                {
                    return ("known-acronym", 0.9);
                }
            }
        }

        return null;
    }

    private static bool IsAcronym(string text) =>
        text.Length is >= 2 and <= 7 && !text.Contains(' ') && text.All(char.IsAsciiLetterUpper);

    internal static IReadOnlyList<string> Words(string text) => NameInfo.Of(text).Words;

    /// <summary>The ISO code of a country name or demonym, or null.</summary>
    private string? CountryCode(string text)
    {
        var name = text.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
        return _data.Countries.TryGetValue(name, out var code) ? code : _data.Demonyms.TryGetValue(name, out code) ? code : null;
    }

    private (string Rule, double Score)? ComparePlace(Item m, Item n)
    {
        if (NormName(m.Text) == NormName(n.Text))
        {
            return ("same-name", 1.0);
        }

        var ca = CountryCode(m.Text);
        var cb = CountryCode(n.Text);
        if (ca is not null && ca == cb)
        {
            return (_data.Demonyms.ContainsKey(m.Text) || _data.Demonyms.ContainsKey(n.Text) ? "demonym" : "same-country", 0.95);
        }

        // "Republic of Karstan" and "Karstan": a state's long form and its short name, when the lists do not know it.
        if (ca is null || cb is null)
        {
            if (StateShortName(NormName(m.Text)) == StateShortName(NormName(n.Text)))
            {
                return ("state-short-name", 0.9);
            }
        }

        // Two different countries are never spelling variants of each other.
        return CompareMultiword(m.Text, n.Text, fuzzyMinLength: ca is null && cb is null ? 6 : 0);
    }

    private static readonly string[] StatePrefixes =
    [
        "republic of ", "kingdom of ", "state of ", "principality of ", "federation of ", "sultanate of ", "emirate of ",
        "federal republic of ", "democratic republic of ", "people's republic of ", "islamic republic of ",
    ];

    /// <summary>A normalised place name without a leading "republic of", "kingdom of"… (unchanged when it has none).</summary>
    private static string StateShortName(string norm)
    {
        foreach (var prefix in StatePrefixes)
        {
            if (norm.StartsWith(prefix, StringComparison.Ordinal) && norm.Length > prefix.Length)
            {
                return norm[prefix.Length..];
            }
        }

        return norm;
    }

    /// <summary>An acronym the tagger typed as a person or place joins an organisation it abbreviates.</summary>
    private void AcronymsOfOtherTypes()
    {
        foreach (var c in _clusters.Where(c => c.Type != "ORG" && c.Names.All(n => IsAcronym(n.Text))).ToList())
        {
            var first = c.Names.OrderBy(n => n.Start).First();
            foreach (var org in _clusters.Where(o => o.Type == "ORG").ToList())
            {
                var with = org.Names.Select(n => (n, hit: Acronym(first, n))).FirstOrDefault(x => x.hit is not null);
                if (with.hit is { } h)
                {
                    Merge(org, c, h.Rule, h.Score, with.n, $"tagged {c.Type}");
                    break;
                }
            }
        }
    }
}
