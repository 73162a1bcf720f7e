using System.Collections.Immutable;
using System.Globalization;
using Casefile.Model;

namespace Casefile.Events;

internal sealed partial class EventFinder
{
    private static readonly HashSet<string> UnverifiedKinds = new(StringComparer.Ordinal)
    {
        SourceKinds.Anonymous, SourceKinds.Leak, SourceKinds.SocialMedia, SourceKinds.Unattributed,
    };

    /// <summary>Tenures are the roles entity resolution found with a time range ("headed the port authority from May 2015 to June 2019").</summary>
    private void Tenures()
    {
        foreach (var e in Entities.Where(e => e.Type == "PER"))
        {
            foreach (var r in e.Roles ?? [])
            {
                // A tenure needs its end or a stated range; "was elected mayor on Thursday" is an appointment.
                if (r.To is null || r.Evidence.Count == 0)
                {
                    continue;
                }

                // The trigger is the evidence that states the range ("headed the port authority from … to …").
                var ev = r.Evidence.LastOrDefault(x => Times.Any(tm => tm.Start >= x.Start && tm.End <= x.End)) ?? r.Evidence[0];
                var t = TokenAt(ev.Start);
                var s = SentenceIndex(ev.Start);
                var d = new Draft { Type = "tenure", T0 = t, T1 = TokenAt(ev.End), Sentence = Math.Max(0, s) };
                var holder = Mentions.FirstOrDefault(m => m.Entity == e.Id && m.Kind is null);
                var (h0, h1) = (holder?.Start ?? ev.Start, holder?.End ?? ev.End);
                d.Participants.Add(new EventParticipant("holder", e.Id, Text[h0..h1], h0, h1, Text[h0..h1] == e.Name ? null : e.Name));
                if (r.Of is { } of && Entities.FirstOrDefault(x => x.Id == of) is { } org)
                {
                    var m = Mentions.FirstOrDefault(x => x.Entity == of && x.Start >= ev.Start && x.End <= ev.End) ?? Mentions.First(x => x.Entity == of);
                    d.Participants.Add(new EventParticipant("organisation", of, m.Text, m.Start, m.End, m.Text == org.Name ? null : org.Name));
                }

                d.Role = r.Role;
                d.From = r.From;
                d.To = r.To;
                if (Times.FirstOrDefault(tm => tm.Start >= ev.Start && tm.End <= ev.End && tm.Value is not null) is { } range)
                {
                    d.Time = range;
                }
                d.Evidence.AddRange(r.Evidence);
                if (ClaimAt(t) is { } claim)
                {
                    d.Claims.Add(claim);
                }

                _drafts.Add(d);
            }
        }

        _drafts.Sort((a, b) => a.T0.CompareTo(b.T0));
    }

    /// <summary>
    /// Restatements merge into the first mention: the same type and participant entity with compatible
    /// attributes (no different terms, counts or amounts); situations (protests, emergencies) and troop
    /// movements of the same place or force with compatible times; a sentence with terms but no person
    /// joins the earlier sentence with the same term.
    /// </summary>
    private void Merge()
    {
        for (var i = 0; i < _drafts.Count; i++)
        {
            var b = _drafts[i];
            for (var j = 0; j < i; j++)
            {
                var a = _drafts[j];
                if (a.Removed || a.Type != b.Type || !SameSubject(a, b) || !Compatible(a, b))
                {
                    continue;
                }

                Absorb(a, b);
                b.Removed = true;
                break;
            }
        }

        // A deployment whose force is unnamed takes the force its withdrawal names ("a peacekeeping force arrived … units
        // of the Joint Force left").
        foreach (var d in _drafts.Where(d => !d.Removed && d.Type == "deployment" && d.Participants.Count == 0))
        {
            if (_drafts.FirstOrDefault(w => !w.Removed && w.Type == "withdrawal" && w.Participants.Count > 0 && w.T0 > d.T0) is { } w)
            {
                d.Participants.Add(w.Participants[0]);
            }
        }

        // "The contingent completed its withdrawal": the force that was deployed before.
        foreach (var w in _drafts.Where(d => !d.Removed && d.Type == "withdrawal" && d.Participants.Count == 0))
        {
            if (_drafts.LastOrDefault(d => !d.Removed && d.Type == "deployment" && d.Participants.Count > 0 && d.T0 < w.T0) is { } d)
            {
                w.Participants.Add(d.Participants[0]);
            }
        }
    }

    private static bool SameSubject(Draft a, Draft b)
    {
        var x = a.Key;
        var y = b.Key;
        if (a.Type is "protest" or "emergency" or "deployment" or "withdrawal" or "casualties" or "asset_recovery")
        {
            return (x is null || y is null || Same(x, y)) && (a.Place is null || b.Place is null || Same(a.Place, b.Place));
        }

        if (x is null && y is null)
        {
            return false;
        }

        // "two of his aides, who got 9 and 7 years": no person, but the same term as an earlier sentence.
        if (a.Type == "sentence" && (x is null || y is null))
        {
            return a.Term is not null && a.Term == b.Term;
        }

        return x is not null && y is not null && Same(x, y);
    }

    private static bool Same(EventParticipant x, EventParticipant y) =>
        x.Entity is not null && y.Entity is not null ? x.Entity == y.Entity : string.Equals(x.Text, y.Text, StringComparison.OrdinalIgnoreCase);

    private static bool Compatible(Draft a, Draft b)
    {
        if (a.Term is not null && b.Term is not null && a.Term != b.Term)
        {
            return false;
        }

        if (a.Type == "casualties" && (a.Counted != b.Counted || (a.Count is not null && b.Count is not null && a.Count != b.Count)))
        {
            return false;
        }

        if (a.Type is "asset_recovery" or "payment" && a.Amounts.Count > 0 && b.Amounts.Count > 0
            && !a.Amounts.Any(x => b.Amounts.Any(y => x.Value == y.Value && x.Currency == y.Currency)))
        {
            return false;
        }

        var ta = a.Time?.Value;
        var tb = b.Time?.Value;
        // "detained on November 18 … placed under house arrest on Monday": two days, two events.
        if (a.Fresh && b.Fresh && ta is { Length: 10 } && tb is { Length: 10 } && ta != tb && ta[0] != 'X' && tb[0] != 'X')
        {
            return false;
        }

        return ta is null || tb is null || ta.StartsWith(tb, StringComparison.Ordinal) || tb.StartsWith(ta, StringComparison.Ordinal)
            || (ta.Length >= 4 && tb.Length >= 4 && ta[..4] == tb[..4] && a.Type is not ("protest" or "emergency"));
    }

    private static void Absorb(Draft a, Draft b)
    {
        foreach (var p in b.Participants.Where(p => !a.Participants.Any(q => Same(p, q) && p.Role == q.Role)))
        {
            a.Participants.Add(p);
        }

        a.TakeEvidenceAndClaims(b);
        a.Place ??= b.Place;
        if (a.Time is null || (b.Time is not null && (b.Time.Value?.Length ?? 0) > (a.Time.Value?.Length ?? 0)))
        {
            a.Time = b.Time ?? a.Time;
        }

        a.Term ??= b.Term;
        a.TermYears ??= b.TermYears;
        a.SentenceType ??= b.SentenceType;
        a.Confiscation |= b.Confiscation;
        a.StrippedOf.AddRange(b.StrippedOf.Where(x => !a.StrippedOf.Contains(x)));
        a.Amounts.AddRange(b.Amounts.Where(x => !a.Amounts.Any(y => y.Value == x.Value && y.Currency == x.Currency)));
        a.Including.AddRange(b.Including.Where(x => !a.Including.Any(y => y.Count == x.Count)));
        a.LegalRefs.AddRange(b.LegalRefs.Where(x => a.LegalRefs.All(y => y.Start != x.Start)));
        a.Offences ??= b.Offences;
        a.Count ??= b.Count;
        a.Found ??= b.Found;
        a.Destination ??= b.Destination;
        a.Role ??= b.Role;
        a.From ??= b.From;
        a.To ??= b.To;
    }

    private ImmutableArray<Event> Build()
    {
        var events = new List<Event>();
        foreach (var d in _drafts.Where(d => !d.Removed).OrderBy(d => d.Evidence.Min(e => e.Start)))
        {
            var first = d.Evidence.OrderBy(e => e.Start).First();
            var trigger = new SpanRef(Tokens[d.T0].Start, Tokens[d.T1 - 1].End);
            var claim = d.Claims.FirstOrDefault();
            var source = claim is null
                ? new EventSource(SourceKinds.Author, Certainties.Asserted, trigger.Start, trigger.End)
                : new EventSource(claim.Source.Kind, claim.Certainty, claim.Start, claim.End);
            var unverified = d.Claims.Count > 0 && d.Claims.All(c => UnverifiedKinds.Contains(c.Source.Kind) || c.Source.Via?.Kind is SourceKinds.Anonymous);
            events.Add(new Event
            {
                Id = "v" + (IdOffset + events.Count + 1).ToString(CultureInfo.InvariantCulture),
                Type = d.Type,
                Start = first.Start,
                End = first.End,
                Trigger = trigger,
                Time = d.Time is { } t ? new EventTime(t.Value, t.Granularity, t.Start, t.End, t.Mod,
                    t.Anchor == "relative" && t.AnchorSpan is { } a ? Times.FirstOrDefault(x => x.Start == a.Start)?.Value : null) : null,
                Place = d.Place,
                Participants = d.Participants,
                Attributes = Attributes(d),
                Evidence = [.. d.Evidence.Distinct().OrderBy(e => e.Start)],
                Source = source,
                Unverified = unverified ? true : null,
            });
        }

        return [.. events];
    }

    private static EventAttributes? Attributes(Draft d)
    {
        var a = new EventAttributes
        {
            Term = d.Term,
            TermYears = d.TermYears,
            SentenceType = d.Type == "sentence" ? d.SentenceType : null,
            Confiscation = d.Confiscation ? true : null,
            StrippedOf = d.StrippedOf.Count > 0 ? d.StrippedOf : null,
            Amounts = d.Amounts.Count > 0 ? d.Amounts : null,
            Counted = d.Counted,
            Count = d.Count,
            AtLeast = d.AtLeast ? true : null,
            Approximate = d.Approximate ? true : null,
            Including = d.Including.Count > 0 ? d.Including : null,
            LegalRefs = d.LegalRefs.Count > 0 ? [.. d.LegalRefs.OrderBy(l => l.Start)] : null,
            Offences = d.Offences,
            Role = d.Role,
            From = d.From,
            To = d.To,
            Found = d.Found,
            Destination = d.Destination,
        };
        return a == new EventAttributes() ? null : a;
    }
}
