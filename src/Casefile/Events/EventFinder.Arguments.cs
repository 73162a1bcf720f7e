using Casefile.Model;

namespace Casefile.Events;

internal sealed partial class EventFinder
{
    /// <summary>
    /// The key participants of a verb trigger: for "object" verbs the object of an active verb ("police
    /// detained X") or the subject of a passive one ("X was detained"); for "subject" verbs the subject;
    /// for "after-to" the person after "to". "They", "them" or "two of his aides" become the people
    /// listed in this or the two sentences before.
    /// </summary>
    private List<EventParticipant> Participants(string mode, int t, int end, int s, int s0, int s1)
    {
        var k = t - 1;
        while (k >= s0 && Adverbs.Contains(Word(k)))
        {
            k--;
        }

        var passive = k >= s0 && BeWords.Contains(Word(k)) && Word(k).ToLowerInvariant() is not ("has" or "have" or "had");

        // "was paid by the construction firm X", "was wired by Bekmukhanov": the agent after "by" pays.
        if (passive && mode == "subject" && AfterWord("by", end, s1) is { } agent)
        {
            return [agent];
        }
        if (mode == "found")
        {
            // "found Giorgi Beridze and Nino Kapanadze guilty", "X was found guilty".
            for (var j = t - 1; j >= s0 && j >= t - 16; j--)
            {
                if (Word(j).ToLowerInvariant() is "found" or "convicted" or "declared")
                {
                    var between = PeopleFrom(j + 1, t, s);
                    return between.Count > 0 ? between : Participants("object", j, j + 1, s, s0, s1);
                }
            }

            return [];
        }

        if (mode == "from")
        {
            // "X received a bribe of $15,000 from Y": Y paid.
            return AfterWord("from", end, s1) is { } payer ? [payer] : [];
        }

        if (mode == "after-to")
        {
            for (var j = end; j < s1 && j < end + 4; j++)
            {
                if (WordIs(j, "to"))
                {
                    return PeopleFrom(j + 1, s1, s);
                }
            }

            return [];
        }

        if (mode == "object" && !passive)
        {
            var after = PeopleFrom(end, s1, s);
            if (after.Count > 0)
            {
                return after;
            }

            // "raided the headquarters of his company, Sary-Arka Logistics": an organisation as the object.
            for (var j = end; j < s1 && j < end + 10; j++)
            {
                if (MentionAt[j] is { Type: "ORG" } org && (org.Kind is null || (org.Kind == MentionKinds.ShortForm && org.Entity is not null)) && !IsAuthorityName(org))
                {
                    return [Participant(org)];
                }

                if (Word(j) is "." or ";")
                {
                    break;
                }
            }

            // "searched the company's headquarters", "raided the mayor's home": the owner named before.
            if (end + 2 < s1 && WordIs(end, "the") && Word(end + 2) is "'s" or "’s" && MentionAt[end + 1] is null)
            {
                var noun = Word(end + 1);
                var wantsPerson = !(noun.ToLowerInvariant() is "company" or "firm" or "agency" or "ministry" or "bank" or "group" or "office" or "council" or "department");
                var before = Tokens[end].Start;
                var owner = Mentions.LastOrDefault(m => m.End <= before && m.Entity is not null && m.Kind is null or MentionKinds.Description
                    && (wantsPerson ? m.Type == "PER" : m.Type == "ORG"));
                if (owner is not null)
                {
                    return [Participant(owner)];
                }
            }

            // "dismissed the government": the object as written.
            var o0 = end;
            while (o0 < s1 && Word(o0).ToLowerInvariant() is "the" or "a" or "an" or "his" or "her" or "its" or "their")
            {
                o0++;
            }

            var o1 = o0;
            while (o1 < s1 && o1 < o0 + 4 && Tokens[o1].Kind == TokenKind.Word && Word(o1).ToLowerInvariant() is not ("and" or "in" or "on" or "for" or "from" or "to" or "at" or "after" or "with" or "over"))
            {
                o1++;
            }

            if (o1 > o0 && o0 > end && MentionAt[o0] is null)
            {
                return [new EventParticipant("participant", null, Slice(o0, o1), Tokens[o0].Start, Tokens[o1 - 1].End)];
            }

            return [];
        }

        // The subject: the nearest person (or "they") before the verb in the clause.
        while (k >= s0 && (BeWords.Contains(Word(k)) || Adverbs.Contains(Word(k))))
        {
            k--;
        }

        // "Levan Dolidze, who transferred 800,000 lari to Abashidze's accounts, received …": the names inside a
        // relative clause between the subject and its verb are not the subject.
        if (k > s0 && Word(k) == ",")
        {
            for (var j = k - 1; j > s0 && j > k - 30 && Word(j) is not ("." or ";" or ":"); j--)
            {
                if (Word(j).ToLowerInvariant() is "who" or "which" && Word(j - 1) == ",")
                {
                    k = j - 2;
                    break;
                }

                if (Word(j) == ",")
                {
                    break;
                }
            }
        }

        for (var j = k; j >= s0 && j > k - 14; j--)
        {
            if (Word(j) is ";" or ":")
            {
                break;
            }

            if (MentionAt[j] is { Type: "PER" or "ORG" } m && m.Kind != MentionKinds.Demonym)
            {
                if (m.Kind == MentionKinds.Pronoun && m.Entity is null)
                {
                    break;
                }

                // "Ilham Rustamov, the main shareholder of Absheron Textile, fled": a person before the
                // organisation in the same clause is the subject.
                if (m.Type == "ORG" && Enumerable.Range(Math.Max(s0, j - 20), Math.Max(0, j - Math.Max(s0, j - 20)))
                        .LastOrDefault(x => MentionAt[x] is { Type: "PER", Kind: null }, -1) is var per and >= 0
                    && !Enumerable.Range(per, j - per).Any(x => Word(x) is ";" or "."))
                {
                    j = per + 1;
                    continue;
                }

                // "Giorgi Beridze, the utility's former director, and his accountant Nino Kapanadze were given …":
                // the whole list the subject ends.
                if (m.Kind is null && ListIn(SentenceIndex(Tokens[j].Start), TokenAt(m.End)) is { } listed
                    && listed[^1].Start == m.Start && TokenAt(listed[0].Start) >= s0 && !HasVerbBetween(TokenAt(listed[0].End), TokenAt(m.Start)))
                {
                    return listed;
                }

                // "Dragan Milovac and Jelena Stojkov were detained": every name joined by "and" or commas.
                var list = new List<EventParticipant> { Participant(m) };
                var c = TokenAt(m.Start) - 1;
                while (c > s0 && Word(c) is "," or "and")
                {
                    var c2 = c - 1;
                    while (c2 > s0 && MentionAt[c2] is null && Word(c2) is not ("," or "and" or "." or ";") && c - c2 < 8)
                    {
                        c2--;
                    }

                    // "Cojocaru's partner in the company, Ion Rusu": a possessor describes the next name, it is not listed with it.
                    if (MentionAt[c2] is { Type: "PER", Kind: null } other && list.All(p => p.Entity is null || p.Entity != other.Entity)
                        && Word(TokenAt(other.End)) is not ("'s" or "’s"))
                    {
                        list.Insert(0, Participant(other));
                        c = TokenAt(other.Start) - 1;
                        continue;
                    }

                    // "Giorgi Beridze, the utility's former director, and his accountant Nino Kapanadze": skip the apposition.
                    if (Word(c2) == "," && c2 > s0)
                    {
                        c = c2;
                        continue;
                    }

                    break;
                }

                return list;
            }

            if (GroupWords.Contains(Word(j)))
            {
                return Group(s, j) ?? [];
            }

            // "the ministry transferred 4.5 million manat": the organisation named before with that noun.
            if (j == k && j > s0 && WordIs(j - 1, "the") && MentionAt[j] is null && IsBodyNoun(Word(j))
                && Mentions.LastOrDefault(x => x.Type == "ORG" && x.Kind is null && x.End <= Tokens[j].Start
                    && x.Text.Contains(Word(j), StringComparison.OrdinalIgnoreCase)) is { } body)
            {
                return [Participant(body)];
            }

            // "who got 9 and 7 years": the relative pronoun stands for the phrase before it.
            if (Word(j).ToLowerInvariant() is "who" or "which")
            {
                continue;
            }
        }

        return [];
    }

    /// <summary>Nouns that name an organisation: "the ministry", "the company".</summary>
    private static bool IsBodyNoun(string w) => w.ToLowerInvariant() is "ministry" or "company" or "firm" or "bank" or "council" or "agency"
        or "committee" or "service" or "office" or "department" or "authority" or "government" or "municipality" or "administration" or "police";

    /// <summary>What a search or freeze is of: "his (country) house", "her offices", "their accounts".</summary>
    private static bool IsPropertyNoun(string w) => w.ToLowerInvariant() is "home" or "house" or "office" or "offices" or "flat" or "apartment"
        or "car" or "premises" or "dacha" or "villa" or "ranch" or "headquarters" or "homes" or "property" or "accounts" or "assets" or "residence";

    /// <summary>"Berikov received 15 years, and Aliyev was given …": a verb or trigger between two names ends the list.</summary>
    private bool HasVerbBetween(int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (BeWords.Contains(Word(k)) || EventRecognizer.Triggers.TryMatch(Text, Tokens.AsSpan(), k, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names right after a verb or "to": "the verdict was read out to X and his aides", "detained A and B".</summary>
    private List<EventParticipant> PeopleFrom(int from, int s1, int s)
    {
        var people = new List<EventParticipant>();
        var sinceJoin = -1;
        for (var j = from; j < s1 && j < from + 14; j++)
        {
            var w = Word(j);
            if (w is "." or ";" or ":" || (people.Count == 0 && j > from + 12))
            {
                break;
            }

            // "searched his office": the owner right after the verb is the participant.
            if (j == from && w.ToLowerInvariant() is "his" or "her" && MentionAt[j] is { Entity: not null } owner
                && (IsPropertyNoun(Word(j + 1)) || IsPropertyNoun(Word(j + 2))))
            {
                return [Participant(owner)];
            }

            if (MentionAt[j] is { Type: "PER" } m && (m.Kind is null || (m.Entity is not null && w.ToLowerInvariant() is not ("his" or "her" or "their"))))
            {
                if (people.All(p => p.Start != m.Start && (p.Entity is null || p.Entity != m.Entity)))
                {
                    people.Add(Participant(m));
                }

                sinceJoin = -1;
                j = TokenAt(m.End) - 1;
                continue;
            }

            // "chief executive Ramiz Huseynov and finance director Leyla Aliyeva": up to three words (titles) may
            // stand between "and" and the next name.
            if (people.Count > 0)
            {
                if (w is "," or "and")
                {
                    sinceJoin = 0;
                    continue;
                }

                if (sinceJoin is >= 0 and < 3)
                {
                    sinceJoin++;
                    continue;
                }

                // "the homes of A and the head of the city's utilities department, B": a description after "and"
                // whose name follows it after a comma.
                if (sinceJoin >= 0 && AppositionName(j, s1) is var named and > 0)
                {
                    j = named - 1;
                    continue;
                }

                break;
            }

            // "a sentence of two years": a number of a duration is not a group of people.
            if (people.Count == 0 && GroupWords.Contains(w) && !StartingIn(Quantities, Tokens[j].Start, Tokens[j].Start + 1).Any(q => q.Kind == QuantityKinds.Duration))
            {
                // "sentenced three former officials …: A, B and C" — the list may follow in the same sentence.
                return ListIn(s, -1) ?? Group(s, j) ?? [];
            }
        }

        return people;
    }

    /// <summary>The token of a name right after the next comma within 8 tokens ("the head of X, B"), or -1.</summary>
    private int AppositionName(int from, int s1)
    {
        for (var k = from; k + 1 < s1 && k < from + 8; k++)
        {
            if (Word(k) is "." or ";" or ":" or "and" || BeWords.Contains(Word(k)))
            {
                return -1;
            }

            if (Word(k) == ",")
            {
                return MentionAt[k + 1] is { Type: "PER", Kind: null } ? k + 1 : -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The people a group word stands for: the names listed together (joined by commas or "and", with short
    /// descriptions between them: "Mirsad Hodzic and his former chief of staff, Amra Begovic") in this sentence
    /// or the three before, else in the next sentence ("Three employees were charged. The three, A, B and C, …").
    /// </summary>
    private List<EventParticipant>? Group(int s, int at)
    {
        for (var back = s; back >= 0 && back >= s - 3; back--)
        {
            if (ListIn(back, back == s ? at : -1) is { } list)
            {
                return list;
            }
        }

        return s + 1 < Sentences.Length ? ListIn(s + 1, -1) : null;
    }

    private List<EventParticipant>? ListIn(int sentence, int before)
    {
        var s0 = TokenAt(Sentences[sentence].Start);
        var s1 = before >= 0 ? before : TokenAt(Sentences[sentence].End);
        var best = new List<EventParticipant>();
        var run = new List<EventParticipant>();
        var gap = 0;
        var joined = false;
        for (var j = s0; j < s1; j++)
        {
            // "Cojocaru's partner, Ion Rusu": a possessor is not one of a list.
            if (MentionAt[j] is { Type: "PER", Kind: null } m && Word(TokenAt(m.End)) is not ("'s" or "’s"))
            {
                if (run.Count == 0 || joined)
                {
                    if (run.All(p => p.Entity is null || p.Entity != m.Entity))
                    {
                        run.Add(Participant(m));
                    }
                }
                else
                {
                    run = [Participant(m)];
                }

                j = TokenAt(m.End) - 1;
                gap = 0;
                joined = false;
                continue;
            }

            if (run.Count > 0 && gap < 12 && Word(j) is not ("." or ";" or ":"))
            {
                joined |= Word(j) is "," or "and";
                gap++;
                continue;
            }

            if (run.Count > best.Count)
            {
                best = run;
            }

            run = [];
            gap = 0;
            joined = false;
        }

        if (run.Count > best.Count)
        {
            best = run;
        }

        return best.Count >= 2 ? best : null;
    }

    /// <summary>The participant of a noun trigger: "his arrest", "the arrest of X", "X's detention", "a search at the home of X".</summary>
    private List<EventParticipant> NounParticipant(int t, int end, int s0, int s1)
    {
        if (t > s0 && MentionAt[t - 1] is { Type: "PER" } owner && (owner.Kind is null || owner.Entity is not null))
        {
            return [Participant(owner)];
        }

        if (t > s0 + 1 && Word(t - 1) is "'s" or "’s" && MentionAt[t - 2] is { Type: "PER" } possessor)
        {
            return [Participant(possessor)];
        }

        for (var j = end; j < s1 && j < end + 14; j++)
        {
            if ((WordIs(j, "of") || WordIs(j, "for")) && j + 1 < s1)
            {
                // "searches … including the homes of the deputy mayor A and the head of …, B": everyone listed;
                // "a life sentence for X".
                var people = PeopleFrom(j + 1, s1, SentenceIndex(Tokens[j].Start));
                if (people.Count > 0)
                {
                    return people;
                }
            }
        }

        // "placed businessman X under house arrest".
        for (var j = t - 1; j >= s0 && j >= t - 8; j--)
        {
            if (Word(j).ToLowerInvariant() is "placed" or "put" or "kept" or "remanded")
            {
                // "placed her under house arrest".
                if (Word(j + 1).ToLowerInvariant() is "him" or "her" or "them" && MentionAt[j + 1] is { Entity: not null } pronoun)
                {
                    return [Participant(pronoun)];
                }

                // "released Stojkov … and placed her under house arrest": an unlinked object pronoun is the last person
                // named before it in the sentence.
                if (Word(j + 1).ToLowerInvariant() is "him" or "her" && MentionAt[j + 1] is null
                    && Enumerable.Range(s0, j - s0).LastOrDefault(x => MentionAt[x] is { Type: "PER", Kind: null }, -1) is var last and >= 0)
                {
                    return [Participant(MentionAt[last]!)];
                }

                var held = PeopleFrom(j + 1, t, SentenceIndex(Tokens[j].Start));
                if (held.Count > 0)
                {
                    return held;
                }

                break;
            }
        }

        // "He had been serving a 12-year sentence": the one serving it.
        for (var j = t - 1; j >= s0 && j >= t - 5; j--)
        {
            if (Word(j).ToLowerInvariant() is "serving" or "serve" or "served")
            {
                var people = Participants("subject", j, j + 1, -1, s0, s1);
                if (people.Count > 0)
                {
                    return people;
                }

                break;
            }
        }

        // "X has been in pre-trial detention since May".
        if (t > s0 && Word(t - 1).ToLowerInvariant() is "in" or "pre-trial" or "custody")
        {
            var people = Participants("subject", t, end, -1, s0, s1);
            if (people.Count > 0)
            {
                return people;
            }
        }

        return [];
    }

    private EventParticipant Participant(Mention m)
    {
        var name = m.Entity is { } id ? Entities.FirstOrDefault(e => e.Id == id)?.Name : null;
        return new EventParticipant("participant", m.Entity, m.Text, m.Start, m.End, name is not null && name != m.Text ? name : null);
    }

    private EventParticipant? AfterWord(string word, int from, int s1, bool places = false)
    {
        for (var j = from; j < s1 && j < from + 8; j++)
        {
            if (WordIs(j, word))
            {
                if (GroupWords.Contains(Word(j + 1)))
                {
                    return null;
                }

                var commas = 0;
                for (var k = j + 1; k < s1 && k < j + 7; k++)
                {
                    if (MentionAt[k] is { } m && (m.Kind is null || m.Entity is not null) && (places || m.Type != "LOC" || k == j + 1))
                    {
                        return Participant(m);
                    }

                    // "to the capital, Nurtau": one apposition comma is crossed.
                    if (Word(k) is "." or ";" || (Word(k) == "," && ++commas > 1))
                    {
                        break;
                    }
                }

                // A place or thing that is not a name: "fled to the mountains".
                var e = j + 1;
                while (e < s1 && e < j + 6 && Word(e) is not ("," or "." or ";" or "and" or "for" or "in" or "on"))
                {
                    e++;
                }

                return e > j + 1 && word is "to" or "from" ? new EventParticipant("participant", null, Slice(j + 1, e), Tokens[j + 1].Start, Tokens[e - 1].End) : null;
            }
        }

        return null;
    }

    private string? Offences(int end, int s1)
    {
        for (var j = end; j < s1 && j < end + 3; j++)
        {
            if (Word(j).ToLowerInvariant() is "of" or "with")
            {
                var e = j + 1;
                while (e < s1 && Word(e) is not ("." or ";" or ":") && !WordIs(e, "under") && !WordIs(e, "in") && !WordIs(e, "on")
                       && !(Word(e) == "," && Word(e + 1).ToLowerInvariant() is "the" or "which" or "who" or "and"))
                {
                    e++;
                }

                return e > j + 1 ? Slice(j + 1, e) : null;
            }
        }

        return null;
    }

    /// <summary>"a safe was found" / "found a safe": what a search found.</summary>
    private string? FoundIn(int s0, int s1)
    {
        for (var j = s0; j < s1; j++)
        {
            if (!WordIs(j, "found") && !WordIs(j, "seized") && !WordIs(j, "discovered"))
            {
                continue;
            }

            if (j - 1 > s0 && Word(j - 1).ToLowerInvariant() is "was" or "were")
            {
                var b = j - 2;
                var a = b;
                while (a - 1 >= s0 && Word(a - 1) is not ("," or ";" or ":") && b - a < 6)
                {
                    a--;
                }

                return Slice(a, b + 1);
            }

            var e = j + 1;
            while (e < s1 && e < j + 8 && Word(e) is not ("," or "." or ";" or "in" or "at"))
            {
                e++;
            }

            return e > j + 1 ? Slice(j + 1, e) : null;
        }

        return null;
    }

    /// <summary>"stripped of their police ranks and medals" → ["police ranks", "medals"].</summary>
    private List<string> Phrases(int from, int s1)
    {
        var list = new List<string>();
        var a = from;
        while (a < s1 && Word(a).ToLowerInvariant() is "their" or "his" or "her" or "the" or "all")
        {
            a++;
        }

        var b = a;
        for (; b <= s1; b++)
        {
            if (b == s1 || Word(b) is "," or "." or ";" || WordIs(b, "and"))
            {
                if (b > a)
                {
                    list.Add(Slice(a, b));
                }

                a = b + 1;
                while (a < s1 && Word(a).ToLowerInvariant() is "their" or "his" or "her" or "the")
                {
                    a++;
                }

                if (b < s1 && Word(b) is "." or ";")
                {
                    break;
                }
            }
        }

        return list;
    }

    /// <summary>
    /// The time of the event: the time nearest the trigger in its clause (no comma between them), or the
    /// sentence's opening adverbial ("On May 3, the verdict was read out"); never a time used as a
    /// name ("the January events").
    /// </summary>
    private TimeExpression? TimeNear(int t, int s0, int s1)
    {
        var a = Tokens[s0].Start;
        var b = Tokens[s1 - 1].End;
        var at = Tokens[t].Start;
        var candidates = StartingIn(Times, a, b).Where(x => x.End <= b && x.Value is not null && !IsNameLike(x) && !x.Value.Contains('/') && !IsBirthDate(x)).ToList();
        return candidates.Where(x => SameClause(x, t, s0)).OrderBy(x => Math.Abs(x.Start - at)).FirstOrDefault()
            ?? candidates.Where(x => x.Start > at).OrderBy(x => x.Start - at).FirstOrDefault();
    }

    /// <summary>"born in 1961", "born on 3 May 1961" dates a person, not an event.</summary>
    private bool IsBirthDate(TimeExpression x)
    {
        var k = TokenAt(x.Start);
        return (k >= 2 && WordIs(k - 2, "born")) || (k >= 1 && WordIs(k - 1, "born"));
    }

    private bool IsNameLike(TimeExpression x)
    {
        var k = TokenAt(x.Start);
        return k > 0 && WordIs(k - 1, "the") && TokenAt(x.End) < Tokens.Length && Tokens[TokenAt(x.End)].Kind == TokenKind.Word
            && !WordIs(TokenAt(x.End), "of");
    }

    private bool SameClause(TimeExpression x, int t, int s0)
    {
        var k0 = TokenAt(x.Start);
        var (lo, hi) = k0 < t ? (TokenAt(x.End), t) : (t + 1, k0);
        // A comma, or a connective before the trigger ("deployed on Sunday after rioting broke out …"), separates clauses.
        var comma = Enumerable.Range(lo, Math.Max(0, hi - lo)).Any(k => Word(k) is "," or ";" or ":" or "(" or ")"
            || (k0 < t && Word(k).ToLowerInvariant() is "after" or "before" or "when" or "since" or "until"));
        if (!comma)
        {
            return true;
        }

        // "On May 3, the verdict was read out": an opening adverbial dates the whole sentence.
        return k0 < t && Enumerable.Range(s0, k0 - s0).All(k => Word(k).ToLowerInvariant() is "on" or "in" or "at" or "since" or "by" or "last" or "early" or "late" or "during");
    }

    /// <summary>The end of the trigger's clause: the next ";", "." or ", and/who/while/but".</summary>
    private int ClauseEnd(int end, int s1)
    {
        for (var k = end; k < s1; k++)
        {
            if (Word(k) is ";" or "." || (Word(k) == "," && Word(k + 1).ToLowerInvariant() is "and" or "who" or "while" or "but" or "whereas"))
            {
                return k;
            }
        }

        return s1;
    }

    /// <summary>The place of the sentence: a LOC name after "in", else the first LOC name.</summary>
    private EventParticipant? PlaceNear(int t, int s0, int s1)
    {
        Mention? first = null;
        for (var j = s0; j < s1; j++)
        {
            if (MentionAt[j] is { Type: "LOC" } m && m.Kind is null or MentionKinds.ShortForm
                && !Quantities.Any(q => q.Start <= m.Start && q.End >= m.End) && !WordIs(TokenAt(m.End), "dollars"))
            {
                if (j > s0 && Word(j - 1).ToLowerInvariant() is "in" or "at" or "near" or "around" or "outside" or "across" or "through")
                {
                    return new EventParticipant("place", m.Entity, m.Text, m.Start, m.End);
                }

                // "police arrived from Jalal-Abad": where someone came from is not where it happened.
                if (j == s0 || !WordIs(j - 1, "from"))
                {
                    first ??= m;
                }
            }
        }

        if (first is not null)
        {
            return new EventParticipant("place", first.Entity, first.Text, first.Start, first.End);
        }

        // "near Fenwick Moor", "in Kok-Tash": capitalised words after in/near/at that the tagger did not mark as a
        // place (or took for a person: nobody dies "near" a person's name).
        for (var j = s0 + 1; j < s1; j++)
        {
            // "near the village of Kok-Tash": the name after a settlement noun.
            // "in the neighbouring city of Zhelsay" too.
            var p = j - 1;
            if (p - 3 > s0 && WordIs(p, "of") && Word(p - 1).ToLowerInvariant() is "village" or "town" or "city" or "settlement" or "district")
            {
                var the = WordIs(p - 2, "the") ? p - 2 : WordIs(p - 3, "the") ? p - 3 : -1;
                if (the > s0 && Word(the - 1).ToLowerInvariant() is "in" or "near" or "at" or "outside" or "around" or "through")
                {
                    p = the - 1;
                }
            }

            if (Word(p).ToLowerInvariant() is not ("in" or "near" or "at" or "outside" or "around" or "through") || !char.IsUpper(Text[Tokens[j].Start])
                || Tokens[j].Kind != TokenKind.Word || Times.Any(x => x.Start <= Tokens[j].Start && x.End > Tokens[j].Start))
            {
                continue;
            }

            if (MentionAt[j] is { } taken)
            {
                var after = TokenAt(taken.End);
                if (taken.Kind is null && (taken.Type == "PER" || (taken.Type == "ORG" && Word(p) is "near" or "around" or "through")) && Word(p) is "near" or "in" or "around" or "through"
                    && Word(after) is not ("'s" or "’s"))
                {
                    return new EventParticipant("place", null, taken.Text, taken.Start, taken.End);
                }

                continue;
            }

            var e = j;
            while (e + 1 < s1 && (char.IsUpper(Text[Tokens[e + 1].Start]) || Word(e + 1) == "-") && Tokens[e + 1].Kind is TokenKind.Word or TokenKind.Punct
                   && MentionAt[e + 1] is null)
            {
                e++;
            }

            return new EventParticipant("place", null, Slice(j, e + 1), Tokens[j].Start, Tokens[e].End);
        }

        return null;
    }

    /// <summary>The last place named in the two sentences before, or the place of the last event with one.</summary>
    private EventParticipant? PlaceBefore(int s0)
    {
        var sentence = SentenceIndex(Tokens[s0].Start);
        var from = sentence >= 2 ? Sentences[sentence - 2].Start : 0;
        var at = Tokens[s0].Start;
        var m = Mentions.LastOrDefault(x => x.Type == "LOC" && x.Kind is null && x.Start >= from && x.End <= at
            && !Quantities.Any(q => q.Start <= x.Start && q.End >= x.End));
        return m is not null ? new EventParticipant("place", m.Entity, m.Text, m.Start, m.End) : _drafts.LastOrDefault(d => d.Place is not null)?.Place;
    }

    /// <summary>The index of the sentence holding <paramref name="offset"/> (the last one starting at or before it).</summary>
    private int SentenceIndex(int offset)
    {
        int lo = 0, hi = Sentences.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Sentences[mid].Start <= offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Max(0, lo - 1);
    }




}
