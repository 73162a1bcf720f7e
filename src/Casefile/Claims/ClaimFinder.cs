using System.Collections.Immutable;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Claims;

/// <summary>
/// Finds the claims of one document. Per sentence: cues (reporting verbs, "according to", "information
/// leaked", "citing") are found in the cue lexicon; each cue's source is the noun phrase before the verb
/// (or after it: "…, said the minister"; after "according to"; after "assurances of"); a sentence with
/// several source-first attributions is split before the second; a parenthesised question is a claim of
/// its own. Sentences without a cue take the source of an enclosing quotation, or continue the previous
/// report ("… published information that a bag was found. There were passports …"), or are the author's.
/// </summary>
internal sealed partial class ClaimFinder : TokenView
{
    private readonly ImmutableArray<LegalRef> _legalRefs;
    private readonly ClaimData _data = ClaimData.Instance;
    private readonly bool[] _inTime;
    private readonly Dictionary<string, string> _entityKinds = new(StringComparer.Ordinal);
    private readonly List<(int Start, int End)> _quotes = [];
    private (string Kind, string? Entity, int Token)? _lastSource;

    public ClaimFinder(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences, ImmutableArray<Mention> mentions,
        ImmutableArray<Entity> entities, ImmutableArray<Quantity> quantities, ImmutableArray<TimeExpression> times, ImmutableArray<LegalRef> legalRefs)
        : base(text, tokens, sentences, mentions, entities, quantities, times)
    {
        _legalRefs = legalRefs;
        _inTime = new bool[tokens.Length];
        foreach (var x in times)
        {
            for (var t = TokenAt(x.Start); t < tokens.Length && tokens[t].Start < x.End; t++)
            {
                _inTime[t] = true;
            }
        }

        FindQuotes();
    }

    /// <summary>A cue found in a sentence and the source it names.</summary>
    private sealed class Attribution
    {
        public required int CueT0 { get; init; }
        public required int CueT1 { get; set; }
        public required CueEntry Cue { get; init; }
        public bool ShowCue { get; init; } = true;
        public int SrcT0 { get; set; } = -1;
        public int SrcT1 { get; set; } = -1;
        /// <summary>True when the source and cue come before what is said ("X said that …", "According to X, …").</summary>
        public bool SourceFirst { get; set; }
        /// <summary>True for "…, the committee said (in a statement)." closing the sentence: it attributes the whole sentence.</summary>
        public bool Trailing { get; set; }
        /// <summary>The first token of the attribution phrase ("despite the assurances of …").</summary>
        public int Lead { get; set; }
        public string Kind { get; set; } = SourceKinds.Unattributed;
        public string? Entity { get; set; }
        public Attribution? Via { get; set; }
        public List<(int T0, int T1)> Also { get; } = [];
        public int End => Math.Max(CueT1, SrcT1);
    }

    /// <summary>A claim in the making: its tokens and what was found in it.</summary>
    private sealed class Unit
    {
        public required int T0 { get; init; }
        public required int T1 { get; set; }
        public required int Paragraph { get; init; }
        public bool Parenthetical { get; init; }
        public List<Attribution> Attributions { get; } = [];
        public (int T0, int T1)? Excluded { get; set; }
        public ClaimSource? Source { get; set; }
        public Attribution? Main => Attributions.FirstOrDefault(a => a.Trailing) ?? Attributions.FirstOrDefault(a => a.Cue.Class != "citing");
        public bool Carried { get; set; }
    }

    public ImmutableArray<Claim> Run()
    {
        var units = new List<Unit>();
        var paragraph = 0;
        foreach (var sentence in Sentences)
        {
            AnalysisBudget.ThrowIfExceeded();
            var s0 = TokenAt(sentence.Start);
            var s1 = TokenAt(sentence.End);
            if (s0 >= s1)
            {
                continue;
            }

            if (Tokens[s0].NewlineBefore && units.Count > 0)
            {
                paragraph++;
            }

            units.AddRange(SentenceUnits(s0, s1, paragraph));
        }

        var claims = new List<Claim>(units.Count);
        Unit? previous = null;
        foreach (var u in units)
        {
            claims.Add(Build(u, units, previous));
            if (!u.Parenthetical)
            {
                previous = u;
            }
        }

        claims.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return [.. claims];
    }

    // ---- units ----

    private List<Unit> SentenceUnits(int s0, int s1, int paragraph)
    {
        var result = new List<Unit>();
        (int T0, int T1)? paren = null;
        for (var t = s0; t < s1; t++)
        {
            if (Word(t) != "(")
            {
                continue;
            }

            for (var k = t + 1; k < s1 && k < t + 40; k++)
            {
                if (Word(k) == ")")
                {
                    // A question in brackets inside a sentence (also at its end: the splitter may end a sentence after "?)").
                    if (Word(k - 1) == "?" && (k + 1 < s1 || t > s0))
                    {
                        paren = (t, k + 1);
                    }

                    break;
                }
            }

            if (paren is not null)
            {
                break;
            }
        }

        var attributions = FindAttributions(s0, s1, paren);
        var mainOnes = attributions.Where(a => a.Cue.Class != "citing").OrderBy(a => a.CueT0).ToList();
        var starts = new List<int> { s0 };
        var lastEnd = -1;
        foreach (var a in mainOnes)
        {
            // "…, despite the assurances of X that …" / "…: information leaked that …": the author's words come first.
            if (lastEnd < 0 && a.Lead > s0 && ContentWords(s0, a.Lead, paren) >= 3
                && (a.Cue.Class is "noun" or "passive" || (a.SourceFirst && Word(a.Lead - 1).ToLowerInvariant() is "and" or "but" or ";" or "while" or "whereas")))
            {
                starts.Add(a.Lead);
            }
            else if (lastEnd >= 0 && a.SourceFirst && a.Lead > lastEnd && HasContent(lastEnd, a.Lead, paren))
            {
                starts.Add(a.Lead);
            }

            lastEnd = Math.Max(lastEnd, a.End);
        }

        for (var i = 0; i < starts.Count; i++)
        {
            var u = new Unit { T0 = starts[i], T1 = i + 1 < starts.Count ? starts[i + 1] : s1, Paragraph = paragraph };
            u.Attributions.AddRange(attributions.Where(a => a.CueT0 >= u.T0 && a.CueT0 < u.T1));
            if (paren is { } p && p.T0 >= u.T0 && p.T1 <= u.T1)
            {
                u.Excluded = p;
            }

            result.Add(u);
        }

        if (paren is { } q)
        {
            result.Add(new Unit { T0 = q.T0, T1 = q.T1, Paragraph = paragraph, Parenthetical = true });
        }

        return result;
    }

    private bool HasContent(int from, int to, (int T0, int T1)? paren) => ContentWords(from, to, paren) > 0;

    private int ContentWords(int from, int to, (int T0, int T1)? paren)
    {
        var n = 0;
        for (var t = from; t < to; t++)
        {
            if (paren is { } p && t >= p.T0 && t < p.T1)
            {
                continue;
            }

            if (Tokens[t].Kind is TokenKind.Word or TokenKind.Number && !IsConnective(Word(t)))
            {
                n++;
            }
        }

        return n;
    }

    private static bool IsConnective(string w) => w.ToLowerInvariant() is "and" or "but" or "while" or "whereas" or "however" or "although" or "though";
}
