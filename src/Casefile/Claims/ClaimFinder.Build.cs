using Casefile.Model;

namespace Casefile.Claims;

internal sealed partial class ClaimFinder
{
    /// <summary>Cues whose report a following sentence can continue ("… published information that … . There were …").</summary>
    private static readonly HashSet<string> ContinuableKinds = new(StringComparer.Ordinal)
    {
        SourceKinds.SocialMedia, SourceKinds.Anonymous, SourceKinds.Leak, SourceKinds.Media, SourceKinds.Unattributed,
    };

    private Claim Build(Unit u, List<Unit> units, Unit? previous)
    {
        var main = u.Main;
        ClaimSource source;
        var carried = false;
        if (main is not null)
        {
            source = ToSource(main);
        }
        else if (!u.Parenthetical && QuotedSource(u, units) is { } quoted)
        {
            source = quoted;
            carried = true;
        }
        else if (!u.Parenthetical && previous is { Source: { } prev } && previous.Paragraph == u.Paragraph && Continues(u, previous))
        {
            source = prev;
            carried = true;
        }
        else
        {
            source = new ClaimSource { Kind = SourceKinds.Author };
        }

        u.Source = source;
        u.Carried = carried;
        var (certainty, cue, opinion, hedgeSource) = Certainty(u, main);
        if (main is null && !carried && source.Kind == SourceKinds.Author && hedgeSource)
        {
            source = new ClaimSource { Kind = SourceKinds.Unattributed };
        }

        var start = Tokens[u.T0].Start;
        var end = Tokens[u.T1 - 1].End;
        var noComment = main?.Cue.Effect == "nocomment";
        return new Claim
        {
            Start = start,
            End = end,
            Source = source,
            Certainty = certainty,
            CertaintyCue = cue,
            NoComment = noComment ? true : null,
            Carried = carried ? true : null,
            Opinion = opinion ? true : null,
            About = About(u, main),
            Checkworthy = Checkworthiness(u, main, certainty, opinion, noComment),
        };
    }

    private ClaimSource ToSource(Attribution a)
    {
        ClaimSource? via = null;
        if (a.Via is { } v)
        {
            via = new ClaimSource
            {
                Kind = v.Kind,
                Name = v.SrcT0 >= 0 ? Slice(v.SrcT0, v.SrcT1) : null,
                Start = v.SrcT0 >= 0 ? Tokens[v.SrcT0].Start : null,
                End = v.SrcT0 >= 0 ? Tokens[v.SrcT1 - 1].End : null,
                Entity = v.Entity,
                Cue = Ref(v.CueT0, v.CueT1),
            };
        }

        return new ClaimSource
        {
            Kind = a.Kind,
            Name = a.SrcT0 >= 0 ? Slice(a.SrcT0, a.SrcT1) : null,
            Start = a.SrcT0 >= 0 ? Tokens[a.SrcT0].Start : null,
            End = a.SrcT0 >= 0 ? Tokens[a.SrcT1 - 1].End : null,
            Entity = a.Entity,
            Cue = a.ShowCue ? Ref(a.CueT0, a.CueT1) : null,
            Via = via,
            Also = a.Also.Count == 0 ? null : a.Also.Select(x => new ClaimSource
            {
                Kind = KindOfPhrase(x.T0, x.T1, out var e) ?? a.Kind,
                Name = Slice(x.T0, x.T1),
                Start = Tokens[x.T0].Start,
                End = Tokens[x.T1 - 1].End,
                Entity = e,
            }).ToList(),
        };
    }

    /// <summary>A sentence inside a quotation takes the source of the unit that introduces or closes the quotation.</summary>
    private ClaimSource? QuotedSource(Unit u, List<Unit> units)
    {
        var start = Tokens[u.T0].Start;
        foreach (var (q0, q1) in _quotes)
        {
            if (start < q0 || start >= q1)
            {
                continue;
            }

            // The unit that opened the quotation, or the first one after its end that names a source.
            var before = units.LastOrDefault(x => x != u && x.Main is not null && Tokens[x.T0].Start < q0 && Tokens[x.T1 - 1].End >= q0);
            if (before is not null)
            {
                return ToSource(before.Main!);
            }

            var after = units.FirstOrDefault(x => x != u && x.Main is not null && Tokens[x.T0].Start <= q1 && Tokens[x.T1 - 1].End >= q1);
            return after is not null ? ToSource(after.Main!) : null;
        }

        return null;
    }

    /// <summary>
    /// A sentence without a cue continues the previous one's report when that report was of information from
    /// channels, sources, leaks or the media and the sentence has no subject of its own that the author asserts:
    /// it starts with "There", or it is hedged the same way.
    /// </summary>
    private bool Continues(Unit u, Unit previous)
    {
        if (previous.Main is null && !previous.Carried)
        {
            return false;
        }

        // '"Some of those people had been dead for years."' right after '"…," Colonel X said.'
        if (Word(u.T0) is "“" or "\"" or "«" && previous.Source!.Kind != SourceKinds.Author)
        {
            return true;
        }

        if (!ContinuableKinds.Contains(previous.Source!.Kind) && previous.Source.Kind is not (SourceKinds.Authority or SourceKinds.Expert))
        {
            return false;
        }

        // "The cash was allegedly packed in fruit crates." after the channel's report.
        for (var t = u.T0; t < u.T1; t++)
        {
            if (_data.CertaintyCues.TryMatch(Text, Tokens.AsSpan(), t, out var cls, out _) && cls is "hedge" && !_inTime[t]
                && !char.IsUpper(Text[Tokens[t].Start]))
            {
                return true;
            }
        }

        if (!ContinuableKinds.Contains(previous.Source!.Kind))
        {
            return false;
        }

        var first = Word(u.T0).ToLowerInvariant();
        return first is "there" or "it" or "they" or "also" || (first == "in" && WordIs(u.T0 + 1, "addition"))
            || (first is "the" or "this" && u.T0 + 1 < u.T1 && Word(u.T0 + 1).ToLowerInvariant() is "bag" or "documents" or "document" or "report" or "channel" or "channels" or "post" or "sources" or "source" or "files" or "list");
    }

    private (string Certainty, SpanRef? Cue, bool Opinion, bool HedgeSource) Certainty(Unit u, Attribution? main)
    {
        var opinion = false;
        string? hedge = null;
        SpanRef? hedgeCue = null;
        var hedgeSource = false;
        string? conditional = null;
        SpanRef? conditionalCue = null;

        var first = u.T0;
        while (first < u.T1 && (Word(first) is "(" or "“" or "\"" or "," || Word(first).ToLowerInvariant() is "but" or "and" or "so" or "yet"))
        {
            first++;
        }

        for (var t = u.T0; t < u.T1; t++)
        {
            if (u.Excluded is { } ex && t >= ex.T0 && t < ex.T1)
            {
                t = ex.T1 - 1;
                continue;
            }

            if (InAttribution(u, t) || _inTime[t] || MentionAt[t] is { Kind: null })
            {
                continue;
            }

            if (!_data.CertaintyCues.TryMatch(Text, Tokens.AsSpan(), t, out var cls, out var end))
            {
                continue;
            }

            switch (cls)
            {
                case "conditional" when conditional is null && (t == first || Word(t).ToLowerInvariant() is "if" or "unless")
                                        && !(Word(t).Equals("should", StringComparison.OrdinalIgnoreCase) && t + 1 < u.T1 && Word(t + 1) is ","):
                    conditional = cls;
                    conditionalCue = Ref(t, end);
                    break;
                case "opinion" when t - u.T0 < 4:
                    opinion = true;
                    break;
                case "hedge" or "hedge-source" when hedge is null:
                    // "May" the month is a time; a capitalised modal inside a sentence is a name ("Theresa May").
                    if (char.IsUpper(Text[Tokens[t].Start]) && t != first)
                    {
                        break;
                    }

                    hedge = cls;
                    hedgeCue = Ref(t, end);
                    hedgeSource = cls == "hedge-source";
                    break;
            }

            t = end - 1;
        }

        for (var t = u.T0; t < u.T1; t++)
        {
            if (u.Excluded is { } ex && t >= ex.T0 && t < ex.T1)
            {
                t = ex.T1 - 1;
                continue;
            }

            if (Word(t) == "?")
            {
                return (Certainties.Questioned, Ref(t, t + 1), opinion, hedgeSource);
            }
        }

        if (conditional is not null)
        {
            return (Certainties.Conditional, conditionalCue, opinion, hedgeSource);
        }

        if (main is not null && Word(main.CueT0).ToLowerInvariant() is "asked" or "asks" or "wondered")
        {
            return (Certainties.Questioned, Ref(main.CueT0, main.CueT1), opinion, hedgeSource);
        }

        if (main?.Cue.Effect == "deny")
        {
            return (Certainties.Denied, Ref(main.CueT0, main.CueT1), opinion, hedgeSource);
        }

        // "His lawyer said the documents were forged."
        if (main is not null && main.Cue.Effect == "report" && DenialWordIn(u, main) is { } denial)
        {
            return (Certainties.Denied, Ref(denial, denial + 1), opinion, hedgeSource);
        }

        if (hedge is not null)
        {
            return (Certainties.Hedged, hedgeCue, opinion, hedgeSource);
        }

        if (main?.Cue.Effect == "hedge")
        {
            return (Certainties.Hedged, Ref(main.CueT0, main.CueT1), opinion, hedgeSource);
        }

        return main is not null || u.Source?.Kind is not (SourceKinds.Author or null)
            ? (Certainties.Reported, null, opinion, hedgeSource)
            : (Certainties.Asserted, null, opinion, hedgeSource);
    }

    private int? DenialWordIn(Unit u, Attribution main)
    {
        for (var t = Math.Max(u.T0, main.CueT1); t < u.T1; t++)
        {
            if (DenialWords.Contains(Word(t)) || (WordIs(t, "nothing") && WordIs(t + 1, "wrong")) || (WordIs(t, "not") && WordIs(t + 1, "true")))
            {
                return t;
            }
        }

        return null;
    }

    private static bool InAttribution(Unit u, int t)
    {
        foreach (var a in u.Attributions)
        {
            if ((t >= a.CueT0 && t < a.CueT1) || (t >= a.SrcT0 && t < a.SrcT1))
            {
                return true;
            }
        }

        return false;
    }

    private List<string> About(Unit u, Attribution? main)
    {
        var ids = new List<string>();
        for (var t = u.T0; t < u.T1; t++)
        {
            if (main is not null && t >= main.SrcT0 && t < main.SrcT1)
            {
                continue;
            }

            if (MentionAt[t] is { Entity: { } id } && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// How worth checking a claim is: 0.5 for a statement of fact, plus what makes it checkable (a sum or count +0.2, a date +0.1, a legal
    /// reference +0.1, a named person, organisation or place +0.1, a word of what happened +0.15, a denial +0.1),
    /// minus opinion (0.4), promises and plans (0.2) and conditions (0.2); questions score 0.1, no-comments 0.05.
    /// A claim at 0.5 or more is "worth checking". The weights are in docs/claims.md.
    /// </summary>
    private double Checkworthiness(Unit u, Attribution? main, string certainty, bool opinion, bool noComment)
    {
        if (noComment)
        {
            return 0.05;
        }

        if (certainty == Certainties.Questioned)
        {
            return 0.1;
        }

        var start = Tokens[u.T0].Start;
        var end = Tokens[u.T1 - 1].End;
        var score = 0.5;
        if (StartingIn(Quantities, start, end).Any(q => q.End <= end))
        {
            score += 0.2;
        }

        if (StartingIn(Times, start, end).Any(x => x.End <= end))
        {
            score += 0.1;
        }

        if (_legalRefs.Any(x => x.Start >= start && x.End <= end))
        {
            score += 0.1;
        }

        var named = false;
        var fact = false;
        var future = false;
        for (var t = u.T0; t < u.T1; t++)
        {
            if (main is not null && t >= main.SrcT0 && t < main.SrcT1)
            {
                continue;
            }

            named |= MentionAt[t] is { Kind: null, Type: "PER" or "ORG" or "LOC" };
            fact |= _data.EventVerbs.Contains(Word(t));
            future |= Word(t).ToLowerInvariant() is "will" or "plans" or "intends" or "promised" or "promises" or "vowed" or "hopes" or "pledged";
        }

        score += (named ? 0.1 : 0) + (fact ? 0.15 : 0) + (main?.Cue.Effect == "deny" ? 0.1 : 0);
        if (opinion)
        {
            score -= 0.4;
        }

        if (future)
        {
            score -= 0.2;
        }

        if (certainty == Certainties.Conditional)
        {
            score -= 0.2;
        }

        return Math.Round(Math.Clamp(score, 0, 1), 2);
    }

    // ---- helpers ----

    private void FindQuotes()
    {
        var open = -1;
        // Quotation marks are tokens: scanning from the first to the last token keeps to this run's window.
        var end = Tokens.Length == 0 ? 0 : Tokens[^1].End;
        for (var i = Tokens.Length == 0 ? 0 : Tokens[0].Start; i < end; i++)
        {
            var c = Text[i];
            if (c == '“' || c == '«')
            {
                open = i;
            }
            else if ((c == '”' || c == '»') && open >= 0)
            {
                _quotes.Add((open, i + 1));
                open = -1;
            }
            else if (c == '"')
            {
                if (open >= 0 && Text[open] == '"')
                {
                    _quotes.Add((open, i + 1));
                    open = -1;
                }
                else
                {
                    open = i;
                }
            }
            else if (c == '\n')
            {
                open = -1;
            }
        }
    }





}
