using System.Collections.Frozen;
using System.Collections.Immutable;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Resolution;

internal sealed partial class DocumentResolution
{
    // ---- corrections ----

    private void ApplyCorrections()
    {
        if (_options.Corrections is not { } corrections)
        {
            return;
        }

        foreach (var split in corrections.Splits)
        {
            var alias = NormName(split.Alias);
            foreach (var c in _clusters.ToList())
            {
                if (split.From is { } from && !c.Names.Any(n => NormName(n.Text) == NormName(from)))
                {
                    continue;
                }

                var moving = c.Names.Where(n => NormName(n.Text) == alias).ToList();
                if (moving.Count == 0 || moving.Count == c.Names.Count())
                {
                    continue;
                }

                foreach (var item in moving)
                {
                    c.Remove(item);
                }

                var fresh = NewCluster(moving[0], c.Type);
                fresh.Pinned = true;
                moving[0].Link = new MentionLink("correction-split", 1.0, null, $"split from \"{split.From ?? Canonical(c)}\" by the corrections file");
                foreach (var item in moving.Skip(1))
                {
                    Link(item, fresh, "same-name", 1.0, moving[0]);
                }
            }
        }

        foreach (var names in corrections.Merges)
        {
            var keys = names.Select(NormName).ToHashSet(StringComparer.Ordinal);
            var group = _clusters.Where(c => c.Names.Any(n => keys.Contains(NormName(n.Text)))).OrderBy(c => c.Items.Min(i => i.Start)).ToList();
            foreach (var other in group.Skip(1))
            {
                var with = group[0].Names.OrderBy(n => n.Start).First();
                Merge(group[0], other, "correction-merge", 1.0, with, "merged by the corrections file");
            }
        }
    }

    // ---- short forms and demonyms ----

    private void LinkShortFormsAndDemonyms()
    {
        // Head word ("Committee", "Bank") → the organisations whose names it can stand for, and where the
        // first such name ends.
        var heads = new Dictionary<string, List<(Cluster Cluster, int FirstEnd)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in _clusters.Where(c => c.Type == "ORG"))
        {
            var firstEnd = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var n in c.Spellings)
            {
                foreach (var head in HeadWords(n.Text))
                {
                    firstEnd[head] = Math.Min(firstEnd.GetValueOrDefault(head, int.MaxValue), n.End);
                }
            }

            foreach (var (head, end) in firstEnd)
            {
                if (!heads.TryGetValue(head, out var list))
                {
                    heads[head] = list = [];
                }

                list.Add((c, end));
            }
        }

        for (var t = 0; t < _tokens.Length; t++)
        {
            if (_used[t])
            {
                continue;
            }

            var span = _text.AsSpan(_tokens[t].Start, _tokens[t].Length);
            if (span.Length > 3 && char.IsUpper(span[0]) && _data.DemonymLookup.TryGetValue(span, out var code))
            {
                var word = Word(t);
                var country = _clusters.FirstOrDefault(c => c.Type == "LOC" && c.Names.Any(n => CountryCode(n.Text) == code));
                if (country is not null)
                {
                    var item = NewItem(t, t + 1, MentionKinds.Demonym, "LOC");
                    var with = NearestItem(country.Names, item);
                    Link(item, country, "demonym", 0.9, with, $"{word} → {code}");
                    _used[t] = true;
                }

                continue;
            }

            // "the Committee": "the" and the last word of an organisation's name mentioned before.
            if (!WordIs(t, "the") || t + 1 >= _tokens.Length || _used[t + 1])
            {
                continue;
            }

            var head = Word(t + 1);
            if (head.Length < 3 || !char.IsUpper(head[0]) || head.All(char.IsUpper)
                || (t + 2 < _tokens.Length && _nameAt[t + 2] is null && char.IsUpper(Word(t + 2)[0]) && !_tokens[t + 2].NewlineBefore
                    && _tokens[t + 2].Kind == TokenKind.Word))
            {
                continue;
            }

            var start = _tokens[t].Start;
            if (!heads.TryGetValue(head, out var named))
            {
                continue;
            }

            var owners = named.Where(x => x.FirstEnd <= start).Select(x => x.Cluster).ToList();
            if (owners.Count == 0)
            {
                continue;
            }

            var shortForm = NewItem(t, t + 2, MentionKinds.ShortForm, "ORG");
            var owner = Nearest(owners, shortForm);
            var withName = NearestItem(owner.Names.Where(n => n.End <= start), shortForm);
            Link(shortForm, owner, "short-form", owners.Count == 1 ? 0.85 : 0.6, withName);
            _used[t] = _used[t + 1] = true;
            _nameAt[t] = _nameAt[t + 1] = shortForm;
        }
    }

    /// <summary>The words a short form may use: the last word ("Altyn Steppe Bank" → Bank) and the word before
    /// the first "of"/"for"/"on" ("Ministry of Justice" → Ministry, "State Committee for National Security" → Committee).</summary>
    private static HashSet<string> HeadWords(string name)
    {
        var words = Words(name);
        var heads = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (words.Count < 2)
        {
            return heads;
        }

        heads.Add(words[^1]);
        var of = -1;
        for (var k = 0; k < words.Count && of < 0; k++)
        {
            of = words[k] is "of" or "for" or "on" ? k : -1;
        }

        if (of > 0)
        {
            heads.Add(words[of - 1]);
        }

        return heads;
    }

    // ---- roles ----

    private sealed record RolePhrase(int T0, int T1, string Role, string Class, string? Status, Cluster? Of);

    /// <summary>
    /// Reads a role phrase at token <paramref name="t"/>: [the|a] [former|ex-|current…] [ORG/LOC name or
    /// demonym] role-noun [of|at|for [the] ORG/LOC name or short form [of [the] name]]. Person nouns
    /// ("the defendant", "the convicted banker") are read too, with class "person".
    /// </summary>
    private RolePhrase? ParseRole(int t, bool allowDeterminer)
    {
        if (t >= _tokens.Length)
        {
            // "Anna Petrova was appointed" ends the text: no role follows.
            return null;
        }

        var end = SentenceEndToken(t);
        var i = t;
        if (allowDeterminer && i < end && (WordIs(i, "the") || WordIs(i, "a") || WordIs(i, "an")))
        {
            i++;
        }

        string? status = null;
        Cluster? of = null;
        string? role = null;
        string? cls = null;
        var lowerSkipped = false;
        for (var guard = 0; guard < 5 && i < end && role is null; guard++)
        {
            var w = Word(i);
            if (_nameAt[i] is { IsName: true } pre && pre.Type is "ORG" or "LOC" && pre.T0 == i && of is null)
            {
                of = pre.Cluster;
                i = pre.T1;
                continue;
            }

            if (_data.Demonyms.TryGetValue(w, out var code) && of is null)
            {
                of = _clusters.FirstOrDefault(c => c.Type == "LOC" && c.Names.Any(n => CountryCode(n.Text) == code));
                i++;
                continue;
            }

            if (w.StartsWith("ex-", StringComparison.OrdinalIgnoreCase) || w.StartsWith("former-", StringComparison.OrdinalIgnoreCase))
            {
                // "ex-head", "ex-deputy chairman": the role starts inside the token.
                var rest = w[(w.IndexOf('-') + 1)..];
                if (PrefixedRole(rest, i, end) is { } r)
                {
                    status = "former";
                    role = r.Entry.Role;
                    cls = r.Entry.Class;
                    i = r.Next;
                    break;
                }
            }

            if (AgeAt(i, end) is > 0 and var ageTokens)
            {
                // "the 64-year-old (official)": an age stands for the person.
                i += ageTokens;
                if (i >= end || !_data.RoleWords.TryMatch(_text, _tokens.AsSpan(), i, out var noun, out _) || noun.Class is not ("noun" or "person"))
                {
                    role = "person";
                    cls = "person";
                    break;
                }

                continue;
            }

            if (!_data.RoleWords.TryMatch(_text, _tokens.AsSpan(), i, out var entry, out var next))
            {
                // A portfolio in capitals before the role noun: "Finance Minister", "Deputy Finance Minister".
                if (Portfolio(i, end) is > 0 and var skip)
                {
                    i += skip;
                    continue;
                }

                // One lower-case noun before it: "the former customs chief", "the deputy tax chief".
                if (!lowerSkipped && i + 1 < end && w.Length > 2 && w.All(char.IsAsciiLetterLower) && !ClauseBreaks.Contains(w)
                    && !NotPortfolio.Contains(w) && !PersonalPronouns.ContainsKey(w) && !NameInfo.IsFunctionWord(w)
                    && _data.RoleWords.TryMatch(_text, _tokens.AsSpan(), i + 1, out var headNoun, out _) && headNoun.Class is "noun")
                {
                    lowerSkipped = true;
                    i++;
                    continue;
                }

                return null;
            }

            switch (entry.Class)
            {
                case "status-former":
                    status = "former";
                    i = next;
                    if (i < end && WordIs(i, "-"))
                    {
                        i++;
                    }

                    break;
                case "status-current":
                    status ??= "current";
                    i = next;
                    break;
                case "modifier":
                    i = next;
                    break;
                case "noun" or "person":
                    role = entry.Role;
                    cls = entry.Class;
                    i = next;
                    // "Deputy Finance Minister" = deputy minister; "Deputy Prime Minister" = deputy prime minister.
                    if (role is "deputy" or "first deputy" && Portfolio(i, end) is var p
                        && _data.RoleWords.TryMatch(_text, _tokens.AsSpan(), i + p, out var second, out var after) && second.Class == "noun")
                    {
                        role = role + " " + second.Role;
                        i = after;
                    }

                    break;
                default:
                    return null;
            }
        }

        if (role is null || cls is null)
        {
            return null;
        }

        // "of the NSC of the Republic of Kazakhstan": the first name is the role's organisation.
        for (var k = 0; k < 2 && i + 1 < end && (WordIs(i, "of") || WordIs(i, "at") || WordIs(i, "for") || WordIs(i, "in")); k++)
        {
            var j = i + 1;
            if (WordIs(j, "the"))
            {
                j++;
            }

            if (_nameAt[i + 1] is { Kind: MentionKinds.ShortForm } shortForm && shortForm.T0 == i + 1 && shortForm.Cluster is not null)
            {
                of ??= shortForm.Cluster;
                i = shortForm.T1;
            }
            else if (j < end && _nameAt[j] is { } target && target.T0 == j && target.Cluster is not null
                && (target.Type is "ORG" or "LOC" || (target.Type == "PER" && k == 0 && PersonalRoles.Contains(role))))
            {
                of ??= target.Cluster;
                i = target.T1;
            }
            else if (CapitalisedRun(j, end) is > 0 and var run)
            {
                // A name the tagger missed ("of the Uralsk City Court"): matched against the entities by name.
                of ??= ClusterNamed(j, j + run);
                i = j + run;
            }
            else
            {
                break;
            }
        }

        return new RolePhrase(t, i, role, cls, status, of);
    }

    /// <summary>A role noun that starts with <paramref name="rest"/> (the part of "ex-deputy" after the hyphen) and
    /// may continue over the following tokens ("chairman"); returns the token after it.</summary>
    private (RoleWord Entry, int Next)? PrefixedRole(string rest, int t, int end)
    {
        var phrase = rest;
        for (var k = t + 1; k < Math.Min(end, t + 3); k++)
        {
            phrase += " " + Word(k);
        }

        var toks = Segmentation.Tokenizer.Tokenize(phrase);
        var restTokens = Segmentation.Tokenizer.Tokenize(rest).Length;
        if (!_data.RoleWords.TryMatch(phrase, toks.AsSpan(), 0, out var entry, out var next) || entry.Class is not ("noun" or "person") || next < restTokens)
        {
            return null;
        }

        return (entry, t + 1 + (next - restTokens));
    }

    /// <summary>Roles held towards a person ("deputy of Smithov", "lawyer of Petrova").</summary>
    private static readonly HashSet<string> PersonalRoles = new(StringComparer.Ordinal)
    {
        "deputy", "first deputy", "aide", "adviser", "assistant", "lawyer", "spokesperson",
    };

    private static readonly HashSet<string> NotPortfolio = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "its", "their", "this", "that", "these", "those", "our", "your", "my", "another", "one", "every", "each",
        "former", "new", "then", "current", "acting", "when", "after", "before", "while", "both", "all",
    };

    /// <summary>Up to two capitalised words that are no name and no role, followed by a role noun ("Finance"
    /// in "Finance Minister"); returns how many, or 0.</summary>
    private int Portfolio(int i, int end)
    {
        for (var k = 0; k < 2 && i + k < end; k++)
        {
            var w = Word(i + k);
            if (_nameAt[i + k] is not null || w.Length < 3 || !char.IsUpper(w[0]) || _tokens[i + k].Kind != TokenKind.Word
                || NotPortfolio.Contains(w) || PersonalPronouns.ContainsKey(w))
            {
                return 0;
            }

            if (_data.RoleWords.TryMatch(_text, _tokens.AsSpan(), i + k + 1, out var e, out _) && e.Class == "noun")
            {
                return k + 1;
            }
        }

        return 0;
    }

    /// <summary>Tokens of an age written as an adjective at <paramref name="i"/> ("64-year-old" or "64 - year-old"), or 0.</summary>
    private int AgeAt(int i, int end)
    {
        if (_tokens[i].Kind != TokenKind.Number && !Word(i).EndsWith("-year-old", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (Word(i).EndsWith("-year-old", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        return i + 2 < end && WordIs(i + 1, "-") && WordIs(i + 2, "year-old") ? 3 : 0;
    }

    /// <summary>Capitalised words from <paramref name="j"/> (with "of"/"and"/"for" between two of them), not in a mention.</summary>
    private int CapitalisedRun(int j, int end)
    {
        var k = j;
        var last = j;
        while (k < end && k - j < 8 && _nameAt[k] is null)
        {
            var w = Word(k);
            if (_tokens[k].Kind is TokenKind.Word or TokenKind.Code && char.IsUpper(w[0]) && !PersonalPronouns.ContainsKey(w))
            {
                k++;
                last = k;
            }
            else if (k > j && w is "of" or "and" or "for" or "-")
            {
                k++;
            }
            else
            {
                break;
            }
        }

        return last - j;
    }

    /// <summary>The ORG or LOC entity whose name matches the text of tokens [t0, t1), by the name rules.</summary>
    private Cluster? ClusterNamed(int t0, int t1)
    {
        var probe = new Item(_tokens[t0].Start, _tokens[t1 - 1].End, _text[_tokens[t0].Start.._tokens[t1 - 1].End], "ORG", null, t0, t1, _sentenceOf[t0]);
        foreach (var c in _clusters.Where(c => c.Type is "ORG" or "LOC"))
        {
            foreach (var n in c.Names)
            {
                if ((c.Type == "ORG" ? CompareOrg(probe, n) : ComparePlace(probe, n)) is not null)
                {
                    return c;
                }
            }
        }

        return null;
    }

    private void AddRole(Cluster person, RolePhrase p, int evidenceStart, int evidenceEnd, string? status = null)
    {
        if (p.Class == "person")
        {
            person.Descriptors.Add(p.Role);
            return;
        }

        var found = person.Roles.FirstOrDefault(r => r.Role == p.Role && r.Of == p.Of);
        if (found is null)
        {
            person.Roles.Add(new RoleFound(p.Role, p.Of, p.Status ?? status, evidenceStart, evidenceEnd));
        }
        else
        {
            found.Status ??= p.Status ?? status;
            if (!found.Evidence.Any(e => e.Start == evidenceStart && e.End == evidenceEnd))
            {
                found.Evidence.Add(new SpanRef(evidenceStart, evidenceEnd));
            }
        }
    }

    /// <summary>Titles before a name ("the ex-head of the NSC Karim Smithov", "President Y") and appositions
    /// ("Smithov, the former chairman of the Bank,").</summary>
    private void FindRoles()
    {
        foreach (var m in _items.Where(i => i.IsName && i.Type == "PER" && i.Cluster is not null).ToList())
        {
            var sentenceStart = _sentenceStart[m.Sentence];
            for (var s = Math.Max(sentenceStart, m.T0 - 12); s < m.T0; s++)
            {
                if (ParseRole(s, allowDeterminer: true) is { } p && (p.T1 == m.T0 || (p.T1 == m.T0 - 1 && WordIs(p.T1, ","))))
                {
                    // A capitalised title right before the name ("President Tokayev") is a current role;
                    // otherwise the text does not say unless a status word does.
                    var title = p.T1 == m.T0 && char.IsUpper(Word(p.T1 - 1)[0]);
                    AddRole(m.Cluster!, p, _tokens[p.T0].Start, m.End, title ? "current" : null);
                    MarkUsed(p.T0, p.T1);
                    break;
                }
            }

            var a = m.T1;
            if (a < _tokens.Length && WordIs(a, ",") && a + 1 < _tokens.Length && ParseRole(a + 1, allowDeterminer: true) is { } q)
            {
                var after = q.T1;
                if (after >= SentenceEndToken(a) || Word(after) is "," or "." or ")" or ";" or "who" or "and" or "—" or "–")
                {
                    AddRole(m.Cluster!, q, m.Start, _tokens[q.T1 - 1].End);
                    MarkUsed(q.T0, q.T1);
                    if (WordIs(q.T0, "the"))
                    {
                        // "Huseynov, the council member, …": the definite apposition is a mention of the same person.
                        var item = NewItem(q.T0, q.T1, MentionKinds.Description, "PER");
                        Link(item, m.Cluster!, "apposition", 0.9, m, q.Role);
                    }
                }
            }
        }
    }

    private void MarkUsed(int t0, int t1)
    {
        for (var t = t0; t < t1; t++)
        {
            _used[t] = true;
        }
    }

    /// <summary>
    /// A role or person description not standing next to a name ("the ex-head of the NSC", "the defendant")
    /// is linked to the person who holds that role (<c>role-description</c>), or, for a person noun with no
    /// holder, to the document's most mentioned person when it clearly dominates (<c>salient-description</c>).
    /// </summary>
    private void LinkDescriptions()
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            if (_used[t] || !WordIs(t, "the") || ParseRole(t, allowDeterminer: true) is not { } p)
            {
                continue;
            }

            // Followed by a name: a title, handled by FindRoles (or an unrecognised construction).
            if (p.T1 < _tokens.Length && (_nameAt[p.T1] is { Type: "PER" } || (WordIs(p.T1, ",") && p.T1 + 1 < _tokens.Length && _nameAt[p.T1 + 1] is { Type: "PER" })))
            {
                continue;
            }

            var start = _tokens[t].Start;
            var people = _clusters.Where(c => c.Type == "PER" && c.Items.Any(i => i.Start < start)).ToList();
            var holders = people.Where(c => c.HasRole(p.Role, p.Of)).ToList();
            var item = new Item(start, _tokens[p.T1 - 1].End, _text[start.._tokens[p.T1 - 1].End], "PER", MentionKinds.Description, t, p.T1, _sentenceOf[t]);
            Cluster? target = null;
            string rule;
            double score;
            if (holders.Count > 0)
            {
                target = Nearest(holders, item);
                rule = "role-description";
                score = holders.Count == 1 ? 0.85 : 0.6;
            }
            else if (p.Class == "person" && p.Of is null && Salient(people) is { } salient)
            {
                target = salient;
                rule = "salient-description";
                score = 0.6;
            }
            else
            {
                continue;
            }

            AddItem(item);
            var with = NearestItem(target.Names, item);
            Link(item, target, rule, score, with, p.Of is null ? p.Role : $"{p.Role} of {Canonical(p.Of)}");
            MarkUsed(p.T0, p.T1);
            t = p.T1 - 1;
        }
    }

    /// <summary>The only person mentioned so far, or one mentioned at least twice as often as anyone else.</summary>
    private static Cluster? Salient(List<Cluster> people)
    {
        var ranked = people.Select(c => (c, n: c.Items.Count)).OrderByDescending(x => x.n).ToList();
        return ranked.Count == 1 || (ranked.Count > 1 && ranked[0].n >= 2 * ranked[1].n) ? ranked[0].c : null;
    }

    // ---- pronouns ----

    private static readonly FrozenDictionary<string, char> PersonalPronouns = new Dictionary<string, char>(StringComparer.OrdinalIgnoreCase)
    {
        ["he"] = 'M', ["him"] = 'M', ["his"] = 'M', ["himself"] = 'M',
        ["she"] = 'F', ["her"] = 'F', ["hers"] = 'F', ["herself"] = 'F',
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> PronounLookup =
        PersonalPronouns.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// he/him/his and she/her go to a person whose sex does not conflict: in the pronoun's own sentence the
    /// nearest one before it; else, in the previous two sentences, the first one of the nearest sentence that
    /// has any (its subject, as a rule). Known sex decides between several (<c>pronoun</c>, 0.85 when there is
    /// one candidate, 0.8 when sex decides; <c>pronoun-nearest</c>/<c>pronoun-subject</c>, 0.55, otherwise).
    /// An unnamed person introduced before the pronoun in its sentence ("A former officer … said he") leaves
    /// it unlinked. they/them/their go to the nearest organisation before them in the sentence (not for "them"
    /// when that organisation opens the sentence: it is the verb's subject), else to the organisation that
    /// opens the previous sentence (<c>pronoun-org</c>, 0.6).
    /// </summary>
    private void LinkPronouns()
    {
        for (var t = 0; t < _tokens.Length; t++)
        {
            AnalysisBudget.ThrowIfExceeded();
            if (_used[t] || _tokens[t].Kind != TokenKind.Word)
            {
                continue;
            }

            var span = _text.AsSpan(_tokens[t].Start, _tokens[t].Length);
            if (span.Length is < 2 or > 7 || (span[0] | 0x20) is not ('h' or 's' or 't'))
            {
                continue;
            }

            if (PronounLookup.TryGetValue(span, out var sex))
            {
                LinkPersonalPronoun(t, sex);
            }
            else if (span is "they" or "They" or "them" or "their" or "Their" or "theirs")
            {
                LinkOrgPronoun(t, Word(t));
            }
        }
    }

    private void LinkPersonalPronoun(int t, char sex)
    {
        var s = _sentenceOf[t];
        var start = _tokens[t].Start;
        var sameSentence = ItemsOf(s).Where(i => i.Start < start && i.Cluster is { Type: "PER" } c && Compatible(c, sex)).ToList();
        if (IsObjectPronoun(t))
        {
            // "Gromov gave evidence against him": an object pronoun is not the subject of its own clause.
            sameSentence.RemoveAll(i => ClauseSubjectOf(i, t));
        }

        if (sameSentence.Count == 0 && UnnamedPersonBefore(t, sex))
        {
            return;
        }

        for (var back = 0; back <= 2 && s - back >= 0; back++)
        {
            var sentence = s - back;
            var before = back == 0
                ? sameSentence.OrderBy(i => i.Start).ToList()
                : ItemsOf(sentence).Where(i => i.Cluster is { Type: "PER" } c && Compatible(c, sex)).OrderBy(i => i.Start).ToList();
            if (before.Count == 0)
            {
                continue;
            }

            var clusters = before.Select(i => i.Cluster!).Distinct().ToList();
            var item = NewItem(t, t + 1, MentionKinds.Pronoun, "PER");
            var sure = clusters.Where(c => SexOf(c) == sex).ToList();
            if (clusters.Count == 1)
            {
                Link(item, clusters[0], "pronoun", 0.85, before[^1]);
            }
            else if (sure.Count == 1)
            {
                Link(item, sure[0], "pronoun", 0.8, before.Last(i => i.Cluster == sure[0]), "the only candidate of that sex");
            }
            else if (back == 0)
            {
                Link(item, before[^1].Cluster!, "pronoun-nearest", 0.55, before[^1], $"{clusters.Count} candidates");
            }
            else
            {
                Link(item, before[0].Cluster!, "pronoun-subject", 0.55, before[0], $"{clusters.Count} candidates");
            }

            _used[t] = true;
            return;
        }
    }

    /// <summary>
    /// "A former officer, who asked not to be named, said he…": an indefinite person noun earlier in the
    /// sentence takes the first pronoun after it, and later pronouns of the same sex.
    /// </summary>
    private bool UnnamedPersonBefore(int t, char sex)
    {
        for (var k = _sentenceStart[_sentenceOf[t]]; k < t; k++)
        {
            if (!(WordIs(k, "a") || WordIs(k, "an") || WordIs(k, "one") || WordIs(k, "another")))
            {
                continue;
            }

            for (var j = k + 1; j < Math.Min(t, k + 4); j++)
            {
                if (_data.GenericPersonNouns.Contains(Word(j)))
                {
                    for (var q = j + 1; q < t; q++)
                    {
                        if (PersonalPronouns.TryGetValue(Word(q), out var first))
                        {
                            return first == sex;
                        }
                    }

                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>him, himself is excluded; "her" when no noun follows it ("ordered her to", "told her.").</summary>
    private bool IsObjectPronoun(int t)
    {
        var w = Word(t);
        if (w is "him" or "Him" or "them")
        {
            return true;
        }

        if (!w.Equals("her", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (t + 1 >= _tokens.Length || _tokens[t + 1].Kind != TokenKind.Word)
        {
            return true;
        }

        var next = Word(t + 1).ToLowerInvariant();
        return next is "to" or "and" or "in" or "for" or "with" or "from" or "on" or "at" or "that" or "as" or "of" or "by" or "about" or "into" or "over";
    }

    private static readonly HashSet<string> ClauseBreaks = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "who", "whom", "which", "and", "but", "when", "while", "because", "after", "before", "if", ";",
        "said", "says", "told", "tells", "say", "since", "although", "though", "as", "where", "whose", "than",
    };

    /// <summary>A mention a few words before the pronoun with no clause break between: the clause's subject.</summary>
    private bool ClauseSubjectOf(Item candidate, int t)
    {
        if (t - candidate.T1 > 5)
        {
            return false;
        }

        for (var k = candidate.T1; k < t; k++)
        {
            if (ClauseBreaks.Contains(Word(k)) || _nameAt[k] is not null)
            {
                return false;
            }
        }

        return true;
    }

    private void LinkOrgPronoun(int t, string word)
    {
        var s = _sentenceOf[t];
        var start = _tokens[t].Start;
        var first = ItemsOf(s).Where(i => i.Cluster is not null).OrderBy(i => i.Start).FirstOrDefault();
        var orgs = ItemsOf(s).Where(i => i.Start < start && i.Cluster is { Type: "ORG" }).OrderBy(i => i.Start).ToList();
        if (word == "them" && orgs.Count > 0 && orgs[0] == first && orgs.All(o => o.Cluster == first.Cluster))
        {
            orgs.Clear();
        }

        Item? antecedent = orgs.Count > 0 ? orgs[^1] : null;
        if (antecedent is null && s > 0)
        {
            var previousFirst = ItemsOf(s - 1).Where(i => i.Cluster is not null).OrderBy(i => i.Start).FirstOrDefault();
            antecedent = previousFirst is { Cluster.Type: "ORG" } ? previousFirst : null;
        }

        if (antecedent is not null)
        {
            var item = NewItem(t, t + 1, MentionKinds.Pronoun, "ORG");
            Link(item, antecedent.Cluster!, "pronoun-org", 0.6, antecedent);
            _used[t] = true;
        }
    }

    private bool Compatible(Cluster c, char sex) => SexOf(c) is not { } known || known == sex;

    /// <summary>M or F from linked pronouns, courtesy titles, given names and surname endings; null if unknown or mixed.</summary>
    private char? SexOf(Cluster c)
    {
        // Counted incrementally: a long run of pronouns adds an item to the cluster and asks again for every
        // candidate, so recounting all items each time was quadratic (cubic over a sentence of pronouns).
        var (removals, counted, m, f) = _sexVotes.TryGetValue(c, out var known) && known.Removals == c.Removals && known.Counted <= c.Items.Count
            ? known
            : (c.Removals, 0, 0, 0);
        for (var k = counted; k < c.Items.Count; k++)
        {
            switch (Vote(c.Items[k]))
            {
                case 'M':
                    m++;
                    break;
                case 'F':
                    f++;
                    break;
            }
        }

        _sexVotes[c] = (removals, c.Items.Count, m, f);
        return m > 0 && f == 0 ? 'M' : f > 0 && m == 0 ? 'F' : null;
    }

    /// <summary>What one mention says of its person's sex: a pronoun's own, or a name's courtesy title, kin word, given name or surname ending.</summary>
    private char? Vote(Item item)
    {
        if (item.Kind == MentionKinds.Pronoun && PersonalPronouns.TryGetValue(item.Text, out var p))
        {
            return p;
        }

        return item.IsName ? TitleSex(item.T0) ?? KinSex(item) ?? NameSex(item.Person) : null;
    }

    private char? TitleSex(int t0)
    {
        var t = t0 - 1;
        if (t >= 0 && WordIs(t, "."))
        {
            t--;
        }

        if (t < 0)
        {
            return null;
        }

        return Word(t).ToLowerInvariant() switch
        {
            "mr" or "mister" or "sir" or "lord" or "king" or "prince" => 'M',
            "mrs" or "ms" or "miss" or "madam" or "madame" or "lady" or "dame" or "queen" or "princess" => 'F',
            _ => null,
        };
    }

    /// <summary>A kinship noun in apposition: "his wife, Nino Beridze" or "Nino Beridze, his wife" → F.</summary>
    private char? KinSex(Item name)
    {
        var before = name.T0 - 1;
        if (before >= 0 && WordIs(before, ","))
        {
            before--;
        }

        if (before >= 0 && KinWordSex(Word(before)) is { } sex)
        {
            return sex;
        }

        var after = name.T1;
        if (after + 2 < _tokens.Length && WordIs(after, ",") && Word(after + 1) is "his" or "her" or "their" or "the")
        {
            return KinWordSex(Word(after + 2));
        }

        return null;
    }

    private static char? KinWordSex(string word) => word.ToLowerInvariant() switch
    {
        "wife" or "widow" or "daughter" or "sister" or "mother" or "niece" or "aunt" or "granddaughter" or "grandmother" or "stepdaughter" => 'F',
        "husband" or "widower" or "son" or "brother" or "father" or "nephew" or "uncle" or "grandson" or "grandfather" or "stepson" => 'M',
        _ => null,
    };

    private char? NameSex(PersonName? name)
    {
        if (name is null)
        {
            return null;
        }

        if (name.Given is { } g && _data.GivenNameSex.TryGetValue(g, out var sex))
        {
            return sex;
        }

        var k = NameMatcher.Key(name.Surname);
        if (k.Length < 5)
        {
            return null;
        }

        if (k.EndsWith("ova", StringComparison.Ordinal) || k.EndsWith("eva", StringComparison.Ordinal) || k.EndsWith("ina", StringComparison.Ordinal)
            || k.EndsWith("skaya", StringComparison.Ordinal) || k.EndsWith("kizi", StringComparison.Ordinal) || k.EndsWith("kyzy", StringComparison.Ordinal))
        {
            return 'F';
        }

        return k.EndsWith("ov", StringComparison.Ordinal) || k.EndsWith("ev", StringComparison.Ordinal) || k.EndsWith("in", StringComparison.Ordinal)
            || k.EndsWith("ski", StringComparison.Ordinal) || k.EndsWith("uli", StringComparison.Ordinal)
            ? 'M' : null;
    }

    // ---- roles from verbs ----

    private static readonly HashSet<string> Auxiliaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "was", "is", "has", "had", "have", "been", "also", "previously", "later", "then", "once", "who", ",", "formerly",
    };

    /// <summary>"Smithov headed the NSC from September 2016 to January 2022", "He was appointed chairman of the
    /// Bank in 2019", "…, who served as deputy head of the Agency": subject (a name or a linked pronoun), role
    /// verb or appointment verb, organisation, and a time expression later in the clause.</summary>
    private void FindVerbRoles(bool pronouns)
    {
        foreach (var subject in _items.Where(i => i.Cluster is { Type: "PER" } && (pronouns ? i.Kind == MentionKinds.Pronoun : i.IsName)).ToList())
        {
            var end = SentenceEndToken(subject.T0);
            var t = subject.T1;
            var guard = 0;
            var copula = false;
            while (t < end && guard++ < 4 && Auxiliaries.Contains(Word(t)))
            {
                copula |= Word(t) is "was" or "is" or "been";
                t++;
            }

            if (t >= end)
            {
                continue;
            }

            RolePhrase? phrase = null;
            string? status = null;
            if (_data.RoleWords.TryMatch(_text, _tokens.AsSpan(), t, out var verb, out var next) && verb.Class == "verb")
            {
                var j = WordIs(next, "the") ? next + 1 : next;
                if (j < end && _nameAt[j] is { } org && org.T0 == j && org.Type is "ORG" or "LOC" && org.Cluster is not null)
                {
                    phrase = new RolePhrase(t, org.T1, verb.Role, "noun", null, org.Cluster);
                    var w = Word(t);
                    status = w.EndsWith("ed", StringComparison.Ordinal) || w is "led" or "ran" ? "former" : "current";
                }
            }
            else if (copula || Word(t) is "appointed" or "named" or "elected" or "became" or "served" or "becomes" or "serves" or "remains" or "remained")
            {
                var j = copula && !(Word(t) is "appointed" or "named" or "elected") ? t : t + 1;
                if (j < end && WordIs(j, "as"))
                {
                    j++;
                }

                phrase = ParseRole(j, allowDeterminer: true);
                if (phrase is { Class: "person" })
                {
                    phrase = null;
                }
            }

            if (phrase is null)
            {
                continue;
            }

            var role = subject.Cluster!.Roles.FirstOrDefault(r => r.Role == phrase.Role && r.Of == phrase.Of);
            var evidenceEnd = _tokens[phrase.T1 - 1].End;
            var time = _times.FirstOrDefault(x => x.Start >= _tokens[phrase.T1 - 1].End && x.Start < (end < _tokens.Length ? _tokens[end - 1].End : _text.Length)
                && TokenAt(x.Start) - phrase.T1 <= 6);
            if (time is not null)
            {
                evidenceEnd = time.End;
            }

            if (role is null)
            {
                role = new RoleFound(phrase.Role, phrase.Of, phrase.Status ?? status, subject.Start, evidenceEnd);
                subject.Cluster.Roles.Add(role);
            }
            else
            {
                role.Status ??= phrase.Status ?? status;
                role.Evidence.Add(new SpanRef(subject.Start, evidenceEnd));
            }

            if (time?.Value is { } value)
            {
                var before = TokenAt(time.Start) - 1;
                var slash = value.IndexOf('/');
                if (slash > 0)
                {
                    role.From ??= value[..slash];
                    role.To ??= value[(slash + 1)..];
                    role.Status ??= "former";
                }
                else if (before >= 0 && (WordIs(before, "until") || WordIs(before, "till")))
                {
                    role.To ??= value;
                }
                else
                {
                    role.From ??= value;
                }
            }
        }
    }

    // ---- facts ----

    private void ApplyFacts()
    {
        if (_options.Facts is not { } facts)
        {
            return;
        }

        var byRecord = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        foreach (var c in _clusters.ToList())
        {
            // A cluster the user split off keeps apart from the facts too (they could name it back).
            if (c.Pinned || facts.Match(c.Type, c.Names.Select(n => n.Text).ToList()) is not { } hit)
            {
                continue;
            }

            if (byRecord.TryGetValue(hit.Record.Id, out var first))
            {
                Merge(first, c, "facts", hit.Score, first.Names.OrderBy(n => n.Start).First(), $"both named by known-facts record {hit.Record.Id}");
                continue;
            }

            byRecord[hit.Record.Id] = c;
            c.FactsId = hit.Record.Id;
            c.FactsName = hit.Record.Names[0];
            c.Facts = hit.Record.Properties;
        }
    }

    // ---- output ----

    /// <summary>The longest full form: the name with most words (for people, without initials; not an acronym),
    /// then the most frequent, then the first written.</summary>
    private static string Canonical(Cluster c)
    {
        if (c.FactsName is { } known)
        {
            return known;
        }

        var names = c.Names.ToList();
        if (names.Count == 0)
        {
            return c.Items[0].Text;
        }

        var frequency = names.CountBy(n => n.Text).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        return c.Spellings
            .OrderByDescending(n => c.Type == "PER" && n.Person is { Initial: null } ? 1 : 0)
            .ThenByDescending(n => n.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)
            .ThenByDescending(n => IsAcronym(n.Text) ? 0 : 1)
            .ThenByDescending(n => frequency[n.Text])
            .ThenBy(n => n.Start)
            .First().Text;
    }

    private (ImmutableArray<Mention>, ImmutableArray<Entity>) Output()
    {
        var ordered = _clusters.Where(c => c.Items.Count > 0).OrderBy(c => c.Items.Min(i => i.Start)).ToList();
        var ids = new Dictionary<Cluster, string>();
        for (var k = 0; k < ordered.Count; k++)
        {
            ids[ordered[k]] = "e" + (IdOffset + k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var entities = ImmutableArray.CreateBuilder<Entity>(ordered.Count);
        foreach (var c in ordered)
        {
            var items = c.Items.OrderBy(i => i.Start).ToList();
            // The founder is the earliest mention; it carries no link unless a merge gave it one.
            var identifiers = new Dictionary<string, string>(StringComparer.Ordinal);
            if (c.Type == "LOC" && c.Names.Select(n => CountryCode(n.Text)).FirstOrDefault(x => x is not null) is { } code)
            {
                identifiers["iso3166"] = code;
            }

            if (c.FactsId is { } fid)
            {
                identifiers["ftm"] = fid;
            }

            var roles = c.Roles.Select(r => new EntityRole
            {
                Role = r.Role,
                Of = r.Of is { } of && ids.TryGetValue(of, out var oid) ? oid : null,
                Status = r.Status,
                From = r.From,
                To = r.To,
                Evidence = [.. r.Evidence.OrderBy(e => e.Start)],
            }).ToList();
            entities.Add(new Entity
            {
                Id = ids[c],
                Type = c.Type,
                Name = Canonical(c),
                Aliases = [.. items.Where(i => i.IsName).Select(i => i.Text).Distinct(StringComparer.Ordinal)],
                Mentions = items.Count,
                Roles = roles.Count == 0 ? null : roles,
                Identifiers = identifiers.Count == 0 ? null : identifiers,
                Facts = c.Facts,
            });
        }

        var mentions = _items.OrderBy(i => i.Start).ThenBy(i => i.End).Select(i =>
        {
            var entity = i.Cluster is { } c && ids.TryGetValue(c, out var id) ? id : null;
            return i.Mention is { } m
                ? m with { Entity = entity, Link = i.Link }
                : new Mention { Start = i.Start, End = i.End, Text = i.Text, Type = i.Type, Kind = i.Kind, Entity = entity, Link = i.Link, Confidence = i.Link?.Score ?? 1.0 };
        }).Where(m => m.Entity is not null || m.Kind is null).Concat(_unaligned).OrderBy(m => m.Start).ThenBy(m => m.End);
        return ([.. mentions], entities.ToImmutable());
    }
}
