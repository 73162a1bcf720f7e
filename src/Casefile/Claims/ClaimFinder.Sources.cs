using Casefile.Model;

namespace Casefile.Claims;

internal sealed partial class ClaimFinder
{
    /// <summary>Verbs that report only when a that-clause, a colon, a quotation or "guilty" follows ("found him guilty", not "found the keys").</summary>
    private static readonly HashSet<string> NeedsClause = new(StringComparer.OrdinalIgnoreCase)
    {
        "found", "established", "posted", "published", "wrote", "writes", "added", "adds", "believes", "believe", "concluded",
        "informed", "reported", "reports", "revealed", "disclosed", "recalled", "maintained", "maintains", "warned",
        "declared", "admitted", "acknowledged", "show", "shows", "showed", "indicate", "indicates", "indicated", "suspect", "suspects",
        "suspected", "agreed", "responded", "replied", "predicted", "forecast", "expects", "expected", "specified",
    };

    /// <summary>Verbs that report only with a word of denial after them ("called the report slander").</summary>
    private static readonly HashSet<string> NeedsDenialWord = new(StringComparer.OrdinalIgnoreCase)
    {
        "called", "calls", "described",
    };

    /// <summary>Words that turn a statement into a denial ("said the documents were forged").</summary>
    private static readonly HashSet<string> DenialWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "forged", "fake", "false", "untrue", "fabricated", "fabrication", "slander", "slanderous", "lie", "lies", "baseless", "groundless",
        "absurd", "nonsense", "misleading", "inaccurate", "unfounded", "defamatory", "provocation", "staged", "fiction", "distortion",
        "smear", "propaganda", "slanders",
    };

    /// <summary>Words between a subject and its verb that are not part of the subject ("police on Monday also said").</summary>
    private static readonly HashSet<string> SkipBeforeVerb = new(StringComparer.OrdinalIgnoreCase)
    {
        "has", "have", "had", "also", "repeatedly", "later", "previously", "earlier", "then", "again", "publicly", "officially",
        "yesterday", "today", "recently", "once", "further", "firmly", "flatly", "strongly", "categorically", "separately",
        "subsequently", "initially", "first", "now", "still", "reportedly", "allegedly", "already", "never", "only", "themselves",
        "himself", "herself", "itself", "immediately", "quickly", "swiftly", "did", "does", "do", "will", "would", "not", "never",
    };

    private static readonly HashSet<string> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    /// <summary>Words that end a subject noun phrase on its left.</summary>
    private static readonly HashSet<string> PhraseBoundaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "and", "but", "while", "whereas", "because", "after", "before", "when", "although", "though", "which", "who",
        "whom", "where", "so", "then", "however", "if", "since", "as", "despite", "nevertheless", "meanwhile", "moreover",
        "yet", "or", "was", "were", "is", "are", "be", "been", "to", "in", "on", "at", "with", "by", "from", "into", "about",
    };

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "some", "several", "many", "number", "of", "numerous", "various", "certain", "two", "three", "four",
        "both", "all", "most", "few", "other", "another", "one",
    };

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "he", "she", "they", "it", "we", "i",
    };

    private static readonly HashSet<string> BeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "was", "were", "is", "are", "be", "been", "being",
    };

    private List<Attribution> FindAttributions(int s0, int s1, (int T0, int T1)? paren)
    {
        var found = new List<Attribution>();
        for (var t = s0; t < s1; t++)
        {
            if (paren is { } p && t >= p.T0 && t < p.T1)
            {
                continue;
            }

            if (MentionAt[t] is { Kind: null } || !_data.Cues.TryMatch(Text, Tokens.AsSpan(), t, out var cue, out var end))
            {
                continue;
            }

            var a = cue.Class switch
            {
                "verb" => VerbAttribution(t, end, cue, s0, s1),
                "prep" => RightAttribution(t, end, cue, s1, paren),
                "noun" => NounAttribution(t, end, cue, s0, s1, paren),
                "citing" => RightAttribution(t, end, cue, s1, paren),
                "passive" => PassiveAttribution(t, end, cue, s0),
                _ => null,
            };
            if (a is null)
            {
                continue;
            }

            found.Add(a);
            if (a.SrcT0 >= 0 && !(a.SrcT1 - a.SrcT0 == 1 && Pronouns.Contains(Word(a.SrcT0))))
            {
                _lastSource = (a.Kind, a.Entity, a.CueT0);
            }

            t = end - 1;
        }

        // "X, citing Y, …": Y is the source X cites.
        foreach (var c in found.Where(a => a.Cue.Class == "citing").ToList())
        {
            var host = found.Where(a => a.Cue.Class != "citing" && a.CueT0 < c.CueT0).LastOrDefault()
                ?? found.FirstOrDefault(a => a.Cue.Class != "citing" && a.CueT0 > c.CueT0);
            if (host is not null && host.Via is null)
            {
                host.Via = c;
            }
        }

        return found;
    }

    private Attribution? VerbAttribution(int v, int end, CueEntry cue, int s0, int s1)
    {
        // A passive form ("was reported", "were found") is not somebody speaking; "is said to" is a hedge; after
        // a determiner the word is a noun ("the reports").
        if (v > s0 && (BeWords.Contains(Word(v - 1)) || Word(v - 1).ToLowerInvariant() is "the" or "a" or "an" or "his" or "her" or "its" or "their" or "these" or "those" or "this" or "no"))
        {
            return null;
        }

        // "asked Elchin Mammadov about …" is not a question put in the text; "asked whether …" and '"…?" asked X' are.
        if (Word(v).ToLowerInvariant() is "asked" or "asks" or "wondered" && !QuestionNear(v, s0, s1))
        {
            return null;
        }

        if (NeedsClause.Contains(Word(end - 1)) && !ClauseFollows(end, s1))
        {
            return null;
        }

        // "dismissed the government" is not a denial; "dismissed the allegations" is.
        if (cue.Effect == "deny" && !Word(v).StartsWith("den", StringComparison.OrdinalIgnoreCase) && !DenialObjectFollows(end, s1))
        {
            return null;
        }

        // "called the report slander" denies; "called the sentence “disproportionate”" reports; "called a meeting" is neither.
        if (NeedsDenialWord.Contains(Word(end - 1)))
        {
            if (DenialFollows(end, s1))
            {
                cue = cue with { Effect = "deny" };
            }
            else if (!QuoteFollows(end, s1))
            {
                return null;
            }
        }

        // "has not confirmed" is the author's statement; "did not deny" still reports.
        if (v - 1 >= s0 && Word(v - 1).ToLowerInvariant() is "not" or "never" or "n't" && cue.Effect != "nocomment")
        {
            if (cue.Effect != "deny")
            {
                return null;
            }

            cue = cue with { Effect = "report" };
        }

        var a = new Attribution { CueT0 = v, CueT1 = end, Cue = cue };
        var j = v - 1;
        while (j >= s0 && (SkipBeforeVerb.Contains(Word(j)) || (Weekdays.Contains(Word(j)) && j > s0 && WordIs(j - 1, "on"))
               || (Weekdays.Contains(Word(j + 1 < v ? j + 1 : j)) && WordIs(j, "on"))))
        {
            j--;
        }

        // "telegram channels, citing verified sources, published …": the subject is before the citing phrase.
        if (j > s0 && Word(j) == ",")
        {
            for (var k = j - 1; k > s0 && k > j - 14; k--)
            {
                if (Word(k) == ",")
                {
                    if (_data.Cues.TryMatch(Text, Tokens.AsSpan(), k + 1, out var inner, out _) && inner.Class == "citing")
                    {
                        j = k - 1;
                    }

                    break;
                }
            }
        }

        // "His lawyer, Aliya Zhunus, denied …": the name between the commas is the source, the words before say its kind.
        if (j > s0 + 1 && Word(j) == "," && NameBefore(j) is { } nameT0)
        {
            var named = MentionAt[j - 1];
            if (nameT0 - 1 > s0 && Word(nameT0 - 1) == ",")
            {
                var d0 = nameT0 - 1;
                while (d0 - 1 >= s0 && nameT0 - d0 < 10 && IsPhraseWord(d0 - 1))
                {
                    d0--;
                }

                var (dt0, dt1) = Trim(d0, nameT0 - 1);
                var possessed = Word(dt0).ToLowerInvariant() is "his" or "her" or "their" or "its" || Enumerable.Range(dt0, dt1 - dt0).Any(t => Word(t) is "'s" or "’s");
                if (dt0 < dt1 && dt1 - dt0 <= 6 && (KindOfPhrase(dt0, dt1, out _) is not null || possessed || Determiners.Contains(Word(d0))))
                {
                    a.SrcT0 = dt0;
                    a.SrcT1 = dt1;
                    a.SourceFirst = true;
                    a.Lead = d0;
                    a.Kind = KindOfPhrase(dt0, dt1, out _) ?? SourceKinds.Party;
                    a.Entity = named?.Entity;
                    return ToldOutlet(a, end, s1);
                }
            }
        }

        if (j >= s0 && Word(j) == "," && Apposition(j, s0) is { } app)
        {
            // "Dana Orynbek, a lawyer for the family, said": the name is the source, the apposition says its kind.
            a.SrcT0 = app.NameT0;
            a.SrcT1 = app.NameT1;
            a.SourceFirst = true;
            a.Lead = app.NameT0;
            var own = KindOfPhrase(app.NameT0, app.NameT1, out var ownEntity);
            var described = KindOfWords(app.AppT0, app.AppT1);
            a.Entity = ownEntity;
            a.Kind = described == SourceKinds.Anonymous ? described
                : MentionAt[app.NameT1 - 1] is { Type: "PER" } && described is not null && KindOfWords(app.NameT0, app.NameT1) is null ? described
                : own ?? described ?? SourceKinds.Party;
            return a;
        }

        // "Brant & Co. declined": an abbreviation's full stop ends the subject.
        if (j > s0 && Word(j) == "." && Tokens[j - 1].Kind == TokenKind.Word && char.IsUpper(Text[Tokens[j - 1].Start]) && !Tokens[j].SpaceBefore)
        {
            j--;
        }

        if (j >= s0 && (Tokens[j].Kind == TokenKind.Word || (Tokens[j].Kind == TokenKind.Number && IsPhraseWord(j))) && !PhraseBoundaries.Contains(Word(j)))
        {
            var n = j;
            while (n - 1 >= s0 && j - n < 14 && (IsPhraseWord(n - 1) || ((WordIs(n - 1, "to") && WordIs(n - 2, "close")) || (WordIs(n - 1, "with") && WordIs(n - 2, "familiar")))))
            {
                n--;
            }

            // "Investigators and prosecutors said": the first is the source, the second goes into `also`.
            var and = -1;
            while (n - 2 >= s0 && WordIs(n - 1, "and") && KindOfWords(n - 2, n - 1) is not null)
            {
                and = n - 1;
                n -= 2;
                while (n - 1 >= s0 && j - n < 14 && IsPhraseWord(n - 1))
                {
                    n--;
                }
            }

            if (and > 0)
            {
                var (c0, c1) = Trim(n, and);
                var (e0, e1) = Trim(and + 1, j + 1);
                if (c0 < c1 && e0 < e1)
                {
                    a.SrcT0 = c0;
                    a.SrcT1 = c1;
                    a.SourceFirst = true;
                    a.Lead = n;
                    SetKind(a, c0, c1);
                    a.Also.Add((e0, e1));
                    return a;
                }
            }

            var lead = n;
            (n, var n1) = Trim(n, j + 1);
            if (n1 - n > 1 && Pronouns.Contains(Word(n1 - 1)))
            {
                n = n1 - 1;
            }

            if (n < n1 && IsPlausibleSubject(n, n1))
            {
                a.SrcT0 = n;
                a.SrcT1 = n1;
                a.Trailing = lead > s0 && Word(lead - 1) == "," && EndsSoon(end, s1);
                a.SourceFirst = !a.Trailing;
                a.Lead = lead;
                SetKind(a, n, n1);
                return ToldOutlet(a, end, s1);
            }

            // "Independent engineers who inspected the site said": the phrase before the relative clause.
            for (var k = n - 1; k >= s0 && k > j - 16; k--)
            {
                if (Word(k).ToLowerInvariant() is "who" or "which")
                {
                    var b = k;
                    while (b - 1 >= s0 && k - b < 10 && IsPhraseWord(b - 1))
                    {
                        b--;
                    }

                    var (r0, r1) = Trim(b, k);
                    if (r0 < r1 && IsPlausibleSubject(r0, r1))
                    {
                        a.SrcT0 = r0;
                        a.SrcT1 = r1;
                        a.SourceFirst = true;
                        a.Lead = r0;
                        SetKind(a, r0, r1);
                        return a;
                    }

                    break;
                }
            }
        }

        // "…, said the minister." / "…,” said Ivanov, the ministry's spokesman." — only after a comma or a quotation.
        if (end < s1 && (v == s0 || Word(v - 1) is "," or "”" or "\"" or "’" or "'" or "»"))
        {
            var r0 = end;
            var r1 = r0;
            while (r1 < s1 && r1 - r0 < 12 && IsPhraseWord(r1) && !(r1 > r0 && WordIs(r1, "that")))
            {
                r1++;
            }

            (r0, r1) = Trim(r0, r1);
            if (r0 < r1 && IsPlausibleSubject(r0, r1) && (r1 >= s1 || Word(r1) is "," or "." or "!" or ";"))
            {
                a.SrcT0 = r0;
                a.SrcT1 = r1;
                a.Lead = v;
                SetKind(a, r0, r1);
                if (r1 < s1 && Word(r1) == "," && KindOfPhrase(r1 + 1, AppositionEnd(r1 + 1, s1), out _) is { } appKind
                    && MentionAt[r0] is { Type: "PER" })
                {
                    a.Kind = appKind;
                }

                return a;
            }
        }

        return null;
    }

    private static readonly HashSet<string> DenialObjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "claims", "claim", "allegations", "allegation", "accusations", "accusation", "reports", "report", "charges", "charge",
        "suggestions", "suggestion", "as", "that", "version", "findings", "information", "idea", "assertion", "assertions", "criticism",
        "link", "links", "any", "involvement", "wrongdoing", "responsibility", "guilt", "accusation",
    };

    private bool DenialObjectFollows(int end, int s1)
    {
        for (var k = end; k < s1 && k < end + 5; k++)
        {
            if (DenialObjects.Contains(Word(k)))
            {
                return true;
            }
        }

        return end >= s1 || Word(end) is "." or ",";
    }

    /// <summary>"Two sources told the news agency Kavkaz Monitor that …": the outlet reports, citing the sources.</summary>
    private Attribution ToldOutlet(Attribution a, int end, int s1)
    {
        if (!WordIs(a.CueT0, "told"))
        {
            return a;
        }

        var r1 = end;
        while (r1 < s1 && r1 - end < 8 && IsPhraseWord(r1) && !WordIs(r1, "that"))
        {
            r1++;
        }

        var (r0, e) = Trim(end, r1);
        var named = Enumerable.Range(r0, Math.Max(0, e - r0)).Any(t => MentionAt[t] is { Kind: null, Type: "ORG" or "PER" } || char.IsUpper(Text[Tokens[t].Start]));
        var kind = r0 < e ? KindOfPhrase(r0, e, out var outletEntity) : null;
        if (r0 >= e || !named || (kind != SourceKinds.Media && !(kind == SourceKinds.Party && MentionAt[r0] is { Type: "ORG" })))
        {
            return a;
        }

        var outlet = new Attribution
        {
            CueT0 = a.CueT0, CueT1 = a.CueT1, Cue = a.Cue, SrcT0 = r0, SrcT1 = e, SourceFirst = true, Lead = a.Lead,
            Kind = SourceKinds.Media, Entity = r0 < e ? MentionAt[r0]?.Entity : null,
        };
        outlet.Via = new Attribution { CueT0 = a.CueT0, CueT1 = a.CueT1, Cue = a.Cue, SrcT0 = a.SrcT0, SrcT1 = a.SrcT1, Kind = a.Kind, Entity = a.Entity };
        return outlet;
    }

    /// <summary>Only a few words ("in a statement", "on Monday") before the end of the sentence, and no clause.</summary>
    private bool EndsSoon(int end, int s1)
    {
        for (var k = end; k < s1; k++)
        {
            if (k - end > 6 || Word(k) is "that" or ":" or "“" or "\"" or ",")
            {
                return false;
            }
        }

        return true;
    }

    private bool QuestionNear(int v, int s0, int s1)
    {
        for (var k = s0; k < s1; k++)
        {
            if (Word(k) == "?" || (k > v && k < v + 6 && Word(k).ToLowerInvariant() is "whether" or "why" or "how" or "if" or "what" or "who"))
            {
                return true;
            }
        }

        return false;
    }

    private bool QuoteFollows(int end, int s1)
    {
        for (var k = end; k < s1 && k < end + 6; k++)
        {
            if (Word(k) is "“" or "\"" or "«" or "'" or "‘")
            {
                return true;
            }
        }

        return false;
    }

    private bool DenialFollows(int end, int s1)
    {
        for (var k = end; k < s1 && k < end + 8; k++)
        {
            if (DenialWords.Contains(Word(k)))
            {
                return true;
            }
        }

        return false;
    }

    private bool ClauseFollows(int end, int s1)
    {
        for (var k = end; k < s1 && k < end + 6; k++)
        {
            var w = Word(k);
            if (w is "that" or ":" or "“" or "\"" or "«" or "guilty" || (k == end && w is "”" or "’" or "," or "."))
            {
                return true;
            }

            if (w is "of" or "to" or "on" or "in" or "about" && k == end)
            {
                // "informed of", "reported on", "wrote to the court that": keep looking for the clause.
                continue;
            }
        }

        return end >= s1;
    }

    /// <summary>The first token of a name (tagged, or one or two capitalised words) that ends right before <paramref name="comma"/> and follows another comma.</summary>
    private int? NameBefore(int comma)
    {
        if (MentionAt[comma - 1] is { Kind: null, Type: "PER" } m)
        {
            return TokenAt(m.Start);
        }

        var k = comma - 1;
        while (k - 1 >= 0 && comma - k < 2 && char.IsUpper(Text[Tokens[k - 1].Start]) && Tokens[k - 1].Kind == TokenKind.Word)
        {
            k--;
        }

        return char.IsUpper(Text[Tokens[k].Start]) && Tokens[k].Kind == TokenKind.Word && k - 1 >= 0 && Word(k - 1) == "," && KindOfWords(k, comma) is null ? k : null;
    }

    /// <summary>"<name>, <apposition>," ending at the comma at <paramref name="comma"/>.</summary>
    private (int NameT0, int NameT1, int AppT0, int AppT1)? Apposition(int comma, int s0)
    {
        for (var k = comma - 1; k > s0 && k > comma - 14; k--)
        {
            if (Word(k) == ",")
            {
                if (MentionAt[k - 1] is { Kind: null } m)
                {
                    // "Forensic analysts at the Caucasus Digital Lab, …" / "Colonel Azamat Serikbay, head of …": the
                    // whole phrase before the comma is the source.
                    var nameT0 = TokenAt(m.Start);
                    while (nameT0 - 1 >= s0 && k - nameT0 < 12 && (IsPhraseWord(nameT0 - 1) || Titles.Contains(Word(nameT0 - 1))))
                    {
                        nameT0--;
                    }

                    (nameT0, _) = Trim(nameT0, k);
                    return (nameT0, k, k + 1, comma);
                }

                // "A senior official in the Ministry of Economy, who spoke on condition of anonymity, said";
                // "The plant, owned by a private holding, dismissed …".
                {
                    var b = k;
                    while (b - 1 >= s0 && k - b < 12 && IsPhraseWord(b - 1))
                    {
                        b--;
                    }

                    var relative = Word(k + 1).ToLowerInvariant() is "who" or "which" or "whose" or "speaking";
                    var (r0, _) = Trim(b, k);
                    if (r0 < k && (relative || Determiners.Contains(Word(b))) && (b == s0 || !IsPhraseWord(b - 1)))
                    {
                        return (r0, k, k + 1, comma);
                    }
                }

                // "Transmir, the private bus operator, claimed": a capitalised name the tagger missed, at the start of the sentence.
                var c0 = k - 1;
                while (c0 - 1 >= s0 && char.IsUpper(Text[Tokens[c0 - 1].Start]) && Tokens[c0 - 1].Kind == TokenKind.Word)
                {
                    c0--;
                }

                if (c0 == s0 && char.IsUpper(Text[Tokens[k - 1].Start]) && k - c0 <= 4)
                {
                    return (c0, k, k + 1, comma);
                }

                return null;
            }
        }

        return null;
    }

    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "colonel", "general", "major", "captain", "lieutenant", "sergeant", "judge", "justice", "dr", "professor", "prof", "senator",
        "minister", "mayor", "governor", "president", "prosecutor", "deputy", "commissioner", "inspector", "detective", "ambassador",
    };

    private int AppositionEnd(int from, int s1)
    {
        var k = from;
        while (k < s1 && k < from + 14 && Word(k) is not ("," or "." or ";" or ":"))
        {
            k++;
        }

        return k;
    }

    private Attribution? RightAttribution(int c0, int c1, CueEntry cue, int s1, (int T0, int T1)? paren)
    {
        var r1 = c1;
        while (r1 < s1 && r1 - c1 < 16 && IsPhraseWord(r1) && !WordIs(r1, "that") && !(paren is { } p && r1 == p.T0))
        {
            r1++;
        }

        // A source phrase that runs past a boundary word: "people familiar with the matter".
        for (var k = c1; k < r1; k++)
        {
            if (_data.Sources.TryMatch(Text, Tokens.AsSpan(), k, out _, out var phraseEnd) && phraseEnd > r1 && phraseEnd <= s1)
            {
                r1 = phraseEnd;
            }
        }

        // "according to data from the Ministry of Health"
        var (r0, end) = Trim(c1, r1);
        if (r0 >= end)
        {
            return null;
        }

        var a = new Attribution { CueT0 = c0, CueT1 = c1, Cue = cue, SrcT0 = r0, SrcT1 = end, SourceFirst = true, Lead = c0 };
        SetKind(a, r0, end);

        // "citing a ministry engineer": an unnamed individual is an anonymous source.
        if (cue.Class == "citing" && Word(c1).ToLowerInvariant() is "a" or "an" or "one" && !Enumerable.Range(r0, end - r0).Any(t => MentionAt[t] is { Kind: null, Type: "PER" }))
        {
            a.Kind = SourceKinds.Anonymous;
        }

        // "According to the Steppe Energy Institute, an independent think tank, …": the apposition says the kind.
        if (end < s1 && Word(end) == "," && KindOfWords(end + 1, AppositionEnd(end + 1, s1)) is { } appKind && KindOfWords(r0, end) is null)
        {
            a.Kind = appKind;
        }
        AddAlso(a, end, s1, paren);
        return a;
    }

    private Attribution? NounAttribution(int c0, int c1, CueEntry cue, int s0, int s1, (int T0, int T1)? paren)
    {
        // "in the minister's words"
        if (Word(c0).Equals("words", StringComparison.OrdinalIgnoreCase) && c0 - 1 > s0 && Word(c0 - 1) is "'s" or "’s" or "'" or "’")
        {
            var n = c0 - 2;
            var n0 = n;
            while (n0 - 1 >= s0 && !WordIs(n0 - 1, "in") && n - n0 < 8 && IsPhraseWord(n0 - 1))
            {
                n0--;
            }

            if (n0 - 1 < s0 || !WordIs(n0 - 1, "in"))
            {
                return null;
            }

            var (t0, t1) = Trim(n0, n + 1);
            var w = new Attribution { CueT0 = c0, CueT1 = c1, Cue = cue, ShowCue = false, SrcT0 = t0, SrcT1 = t1, SourceFirst = true, Lead = n0 - 1 };
            SetKind(w, t0, t1);
            return w;
        }

        if (c1 >= s1 || Word(c1).ToLowerInvariant() is not ("of" or "from" or "by"))
        {
            return null;
        }

        var a = RightAttribution(c0, c1 + 1, cue, s1, paren);
        if (a is null)
        {
            return null;
        }

        // "despite the assurances of …": the claim starts at the preposition.
        var lead = c0;
        while (lead - 1 >= s0 && (Determiners.Contains(Word(lead - 1)) || Word(lead - 1).ToLowerInvariant() is "his" or "her" or "their" or "its"))
        {
            lead--;
        }

        if (lead - 1 >= s0 && Word(lead - 1).ToLowerInvariant() is "despite" or "amid" or "after" or "following" or "with" or "given")
        {
            lead--;
        }

        a.CueT1 = c1;
        a.Lead = lead;
        return a;
    }

    private Attribution PassiveAttribution(int c0, int c1, CueEntry cue, int s0)
    {
        var lead = c0;
        return new Attribution { CueT0 = c0, CueT1 = c1, Cue = cue, Kind = cue.Effect, SourceFirst = true, Lead = lead > s0 ? lead : s0 };
    }

    /// <summary>"his press service (…) and the attending doctors that …": the second source.</summary>
    private void AddAlso(Attribution a, int end, int s1, (int T0, int T1)? paren)
    {
        var k = end;
        if (paren is { } p && k == p.T0)
        {
            k = p.T1;
        }

        if (k < s1 && WordIs(k, "and"))
        {
            var r1 = k + 1;
            while (r1 < s1 && r1 - k < 10 && IsPhraseWord(r1) && !WordIs(r1, "that"))
            {
                r1++;
            }

            var (r0, e) = Trim(k + 1, r1);
            if (r0 < e && KindOfPhrase(r0, e, out _) is not null)
            {
                a.Also.Add((r0, e));
            }
        }
    }

    private bool IsPhraseWord(int t)
    {
        var w = Word(t);
        if (MentionAt[t] is { Kind: null })
        {
            return true;
        }

        return Tokens[t].Kind switch
        {
            TokenKind.Word => !PhraseBoundaries.Contains(w) || w is "of" or "in" or "for" or "from" or "at" or "by",
            TokenKind.Punct => w is "'s" or "’s" or "'" or "’" or "-" or "." || (w == "&"),
            TokenKind.Code => true,
            TokenKind.Number => t > 0 && char.IsUpper(Text[Tokens[t - 1].Start]) && Tokens[t - 1].Kind == TokenKind.Word,
            _ => false,
        };
    }

    /// <summary>Strips leading articles and quantifiers and trailing prepositions from a phrase.</summary>
    private (int T0, int T1) Trim(int t0, int t1)
    {
        while (t0 < t1 && (Determiners.Contains(Word(t0)) || Word(t0) is "," or "-") && MentionAt[t0] is not { Kind: null })
        {
            t0++;
        }

        while (t1 > t0 && (Word(t1 - 1).ToLowerInvariant() is "of" or "in" or "for" or "from" or "at" or "-" or "'" or "’" || Word(t1 - 1) == "."))
        {
            t1--;
        }

        return (t0, t1);
    }

    /// <summary>A subject is a pronoun, a name, or a phrase with a source noun; never a long phrase of other words.</summary>
    private bool IsPlausibleSubject(int t0, int t1)
    {
        // "Danube Grain Trading said": capitalised words the tagger did not mark.
        if (t1 - t0 <= 5 && char.IsUpper(Text[Tokens[t0].Start]) && Enumerable.Range(t0, t1 - t0).All(t =>
                (Tokens[t].Kind is TokenKind.Word or TokenKind.Number && (char.IsUpper(Text[Tokens[t].Start]) || char.IsDigit(Text[Tokens[t].Start])))
                || Word(t) is "&" or "." or "-"))
        {
            return true;
        }

        // "The administrators said": a short phrase with an article before a plain reporting verb.
        if (t1 - t0 <= 3 && t0 > 0 && Word(t0 - 1).ToLowerInvariant() is "the" or "his" or "her" or "their" or "its"
            && Enumerable.Range(t0, t1 - t0).All(t => Tokens[t].Kind == TokenKind.Word && !PhraseBoundaries.Contains(Word(t))))
        {
            return true;
        }

        if (t1 - t0 == 1 && Pronouns.Contains(Word(t0)))
        {
            return true;
        }

        if (KindOfPhrase(t0, t1, out _) is not null)
        {
            return true;
        }

        for (var t = t0; t < t1; t++)
        {
            if (MentionAt[t] is { Kind: null, Type: "PER" or "ORG" })
            {
                return true;
            }
        }

        return false;
    }

    private void SetKind(Attribution a, int t0, int t1)
    {
        a.Kind = KindOfPhrase(t0, t1, out var entity) ?? SourceKinds.Party;
        a.Entity = entity;
    }

    /// <summary>
    /// The source kind a phrase names: its rightmost source noun ("the lawyer of the ministry" → lawyer), a
    /// delegate ("spokesman", "press service") taking the kind of what it speaks for, a pronoun or a name
    /// taking its entity's kind; null when nothing in it names a source.
    /// </summary>
    private string? KindOfPhrase(int t0, int t1, out string? entity)
    {
        entity = null;
        if (t1 - t0 == 1 && Pronouns.Contains(Word(t0)))
        {
            if (MentionAt[t0] is { Entity: { } id })
            {
                entity = id;
                return EntityKind(id);
            }

            // An unlinked pronoun speaks for the source of the sentence before ("The investigating authorities noted …
            // However, they did not comment"), else for the organisation named last before it ("it", "they") or the person.
            if (_lastSource is { } recent && t0 - recent.Token < 45)
            {
                entity = recent.Entity;
                return recent.Kind;
            }

            var wanted = Word(t0).ToLowerInvariant() is "it" or "they" or "we" ? "ORG" : "PER";
            var before = Tokens[t0].Start;
            if (Mentions.LastOrDefault(m => m.Kind is null && m.End <= before && m.Type == wanted && m.Entity is not null) is { } near
                && before - near.End < 400)
            {
                entity = near.Entity;
                return EntityKind(near.Entity!);
            }

            // "The watchdog … published its report. It found that …": the nearest source noun before.
            if (wanted == "ORG")
            {
                for (var t = t0 - 1; t >= 0 && t > t0 - 60; t--)
                {
                    if (_data.Sources.TryMatch(Text, Tokens.AsSpan(), t, out var entry, out _) && !entry.Delegate
                        && entry.Kind is not (SourceKinds.Anonymous or SourceKinds.Party))
                    {
                        return entry.Kind;
                    }
                }
            }

            if (_lastSource is { } last)
            {
                entity = last.Entity;
                return last.Kind;
            }

            return null;
        }

        var possessive = false;
        for (var t = t0; t < t1; t++)
        {
            possessive |= Word(t).ToLowerInvariant() is "his" or "her" or "their";
        }

        var (head, headT, other, otherT) = HeadMatch(t0, t1);

        Mention? name = null;
        for (var t = t0; t < t1; t++)
        {
            if (MentionAt[t] is { Kind: null, Type: "PER" or "ORG" } m)
            {
                name = m;
                entity = m.Entity;
            }
        }

        // "the agency" linked to the Anti-Corruption Agency speaks as that agency.
        if (headT >= 0 && MentionAt[headT] is { Entity: { } headEntity, Type: not "LOC", Kind: not null })
        {
            entity = headEntity;
            return EntityKind(headEntity);
        }

        // "The agency" / "Agency spokesman" after "the Anti-Corruption Agency": the nearest organisation named with that word.
        if (otherT >= 0 && MentionAt[otherT] is null && KindOfWords(otherT, otherT + 1) is not null)
        {
            var word = Word(otherT);
            var start = Tokens[otherT].Start;
            var org = Mentions.LastOrDefault(m => m.Kind is null && m.Type == "ORG" && m.End <= start && m.Entity is not null
                && m.Text.Contains(word, StringComparison.OrdinalIgnoreCase));
            if (org is not null)
            {
                entity = org.Entity;
                return EntityKind(org.Entity!);
            }
        }

        if (head is { } found)
        {
            if (!found.Delegate)
            {
                return found.Kind;
            }

            if (other is not null)
            {
                return other;
            }

            if (DelegateTarget(headT, t1) is { } target)
            {
                entity = target;
                return EntityKind(target);
            }

            if (name is { Type: "ORG", Entity: { } orgId } && name.End <= Tokens[t1 - 1].End)
            {
                return EntityKind(orgId);
            }

            if (possessive)
            {
                return SourceKinds.Party;
            }

            // "The Financial Reporting Council opened an inquiry, and a spokesman said …".
            var before = Tokens[t0].Start;
            if (Mentions.LastOrDefault(m => m.Kind is null && m.Type == "ORG" && m.End <= before && m.Entity is not null) is { } org
                && Sentences.Any(x => x.Start <= org.Start && x.End >= before))
            {
                entity = org.Entity;
                return EntityKind(org.Entity!);
            }

            return found.Kind;
        }

        return name?.Entity is { } id2 ? EntityKind(id2) : name is not null ? SourceKinds.Party : null;
    }

    /// <summary>
    /// The kind of a person or organisation: from source nouns in its name ("Anti-Corruption Bureau"), the title
    /// before a mention ("Finance Minister X"), an apposition after it ("X, a lawyer for the family,") or a
    /// description linked to it; a person with none of these is a party to the story.
    /// </summary>
    private string EntityKind(string id)
    {
        if (_entityKinds.TryGetValue(id, out var known))
        {
            return known;
        }

        _entityKinds[id] = SourceKinds.Party; // guards against cycles through pronouns
        string? kind = null;
        var entity = Entities.FirstOrDefault(e => e.Id == id);
        if (entity?.Type == "PER" && IsAccused(id))
        {
            return SourceKinds.Party;
        }

        foreach (var m in Mentions.Where(x => x.Entity == id && x.Kind is null or MentionKinds.Description or MentionKinds.ShortForm))
        {
            var t0 = TokenAt(m.Start);
            var t1 = TokenAt(m.End);
            if (m.Type == "ORG" || m.Kind is MentionKinds.Description or MentionKinds.ShortForm)
            {
                if (m.Type == "ORG" && IsMediaName(t0, t1))
                {
                    kind ??= SourceKinds.Media;
                }

                kind ??= KindOfWords(t0, t1);
                if (m.Type == "ORG" && kind is null && IsCompanyName(t0, t1))
                {
                    kind = SourceKinds.Party;
                }

                continue;
            }

            // Title before the name, within the same sentence: "Deputy Prosecutor General Aidar Kenzhin".
            var b = t0;
            while (b - 1 >= 0 && t0 - b < 5 && Tokens[b - 1].Kind == TokenKind.Word && MentionAt[b - 1] is null && !PhraseBoundaries.Contains(Word(b - 1))
                   && (char.IsUpper(Text[Tokens[b - 1].Start]) || Titles.Contains(Word(b - 1)) || KindOfWords(b - 1, b) is not null))
            {
                b--;
            }

            kind ??= b < t0 ? KindOfWords(b, t0) : null;

            // Apposition after it: "Aidar Kenzhin, a spokesman for the ministry,".
            if (kind is null && t1 < Tokens.Length && Word(t1) == ",")
            {
                kind = KindOfWords(t1 + 1, AppositionEnd(t1 + 1, Tokens.Length));
            }

            if (kind is not null)
            {
                break;
            }
        }

        if (kind is null && entity?.Roles is { } roles)
        {
            foreach (var r in roles)
            {
                foreach (var ev in r.Evidence)
                {
                    kind ??= KindOfWords(TokenAt(ev.Start), TokenAt(ev.End));
                }
            }
        }

        kind ??= SourceKinds.Party;
        _entityKinds[id] = kind;
        return kind;
    }

    private static readonly HashSet<string> AccusedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "charged", "arrested", "detained", "accused", "convicted", "sentenced", "suspected", "indicted", "jailed", "prosecuted", "extradited",
        "questioned", "interrogated", "summoned",
    };

    /// <summary>A person the text charges, arrests, detains or convicts ("Prosecutors charged X", "X was detained") speaks as a party.</summary>
    private bool IsAccused(string id)
    {
        foreach (var m in Mentions.Where(x => x.Entity == id && x.Kind is null or MentionKinds.Pronoun))
        {
            var t0 = TokenAt(m.Start);
            var t1 = TokenAt(m.End);
            for (var b = t0 - 1; b >= 0 && b >= t0 - 3; b--)
            {
                if (AccusedWords.Contains(Word(b)))
                {
                    return true;
                }

                if (Tokens[b].Kind != TokenKind.Word || PhraseBoundaries.Contains(Word(b)))
                {
                    break;
                }
            }

            for (var k = t1; k < t1 + 3 && k < Tokens.Length; k++)
            {
                if (AccusedWords.Contains(Word(k)) && (k == t1 || BeWords.Contains(Word(k - 1))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Like <see cref="KindOfPhrase"/> but over source nouns only (no entity lookups).</summary>
    private string? KindOfWords(int t0, int t1)
    {
        var (head, headT, other, _) = HeadMatch(t0, t1);
        return other ?? (head is { Delegate: true } && DelegateTarget(headT, t1) is { } target ? EntityKind(target) : head?.Kind);
    }

    /// <summary>"the head of the group" after "the Alimov Group": the organisation a delegate noun speaks for.</summary>
    private string? DelegateTarget(int headT, int t1)
    {
        var start = Tokens[headT].Start;
        for (var t = headT + 1; t < t1; t++)
        {
            var w = Word(t);
            if (w.Length < 4 || Tokens[t].Kind != TokenKind.Word || HeadPrepositions.Contains(w) || Determiners.Contains(w))
            {
                continue;
            }

            if (Mentions.LastOrDefault(m => m.Kind is null && m.Type == "ORG" && m.End <= start && m.Entity is not null
                    && m.Text.Contains(w, StringComparison.OrdinalIgnoreCase)) is { } org)
            {
                return org.Entity;
            }
        }

        return null;
    }

    private static readonly HashSet<string> HeadPrepositions = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "for", "at", "in", "from", "with", "by", "on", "to", "within", "inside", "close", "familiar",
    };

    /// <summary>
    /// The source noun that heads a phrase: the rightmost one before the first preposition ("the wife of the
    /// detained banker" → wife, "sources in the ministry" → sources); when that is a delegate ("spokesman for
    /// the ministry", "head of the police") or there is none, the one after it. <c>Other</c> is the kind of the
    /// non-delegate noun found, if any.
    /// </summary>
    private ((string Kind, bool Delegate)? Head, int HeadT, string? Other, int OtherT) HeadMatch(int t0, int t1)
    {
        (string Kind, bool Delegate)? head = null;
        int headT = -1, otherT = -1;
        string? other = null;
        var afterPreposition = false;
        for (var t = t0; t < t1; t++)
        {
            if (_data.Sources.TryMatch(Text, Tokens.AsSpan(), t, out var entry, out var end) && end <= t1)
            {
                var decided = other is not null && (afterPreposition || (char.IsUpper(Text[Tokens[t].Start]) && t > t0));
                if (!decided)
                {
                    head = (entry.Kind, entry.Delegate);
                    headT = t;
                    if (!entry.Delegate)
                    {
                        other = entry.Kind;
                        otherT = t;
                    }
                }

                t = end - 1;
                continue;
            }

            if (HeadPrepositions.Contains(Word(t)))
            {
                afterPreposition = true;
            }
        }

        return (head, headT, other, otherT);
    }

    private bool IsMediaName(int t0, int t1)
    {
        for (var t = t0; t < t1; t++)
        {
            var w = Word(t);
            if (w.ToLowerInvariant() is "times" or "news" or "media" or "vestnik" or "gazette" or "monitor" or "post" or "ledger" or "herald"
                or "tribune" or "journal" or "daily" or "weekly" or "radio" or "tv" or "press" or "courier" or "observer" or "telegraph" or "review"
                || w.Contains(".kz", StringComparison.OrdinalIgnoreCase) || w.Contains(".ru", StringComparison.OrdinalIgnoreCase)
                || w.Contains(".com", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsCompanyName(int t0, int t1)
    {
        var last = Word(t1 - 1).ToLowerInvariant();
        return last is "llp" or "jsc" or "ltd" or "llc" or "inc" or "plc" or "group" or "holding" or "holdings" or "bank" or "corp"
            or "corporation" or "company" or "gmbh" or "ag" or "sa" or "trading" or "invest" or "capital" or "logistics";
    }
}
