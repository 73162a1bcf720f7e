using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Claims;

/// <summary>One annotated claim unit: its span, the expected source kind and certainty, and the marked spans.</summary>
public sealed record GoldClaim
{
    public required int Start { get; init; }
    public required int End { get; init; }
    public required string Kind { get; init; }
    public required string Certainty { get; init; }
    public string? Via { get; init; }
    public bool Carry { get; init; }
    public bool NoComment { get; init; }
    public bool CheckWorthy { get; init; }
    public SpanRef? Source { get; init; }
    public SpanRef? Cue { get; init; }
    public int Line { get; init; }
}

/// <summary>One document of the claims test set.</summary>
public sealed record ClaimDoc(string Id, string Category, string Note, string Text, IReadOnlyList<GoldClaim> Units);

/// <summary>Counts over gold claim units, summed over documents.</summary>
public sealed record ClaimCounts
{
    public int Units { get; init; }
    public int KindRight { get; init; }
    public int CertaintyRight { get; init; }
    public int ViaUnits { get; init; }
    public int ViaRight { get; init; }
    public int SourceTp { get; init; }
    public int SourceFp { get; init; }
    public int SourceFn { get; init; }
    public int CueTp { get; init; }
    public int CueFp { get; init; }
    public int CueFn { get; init; }
    public int CheckRight { get; init; }

    public double KindAccuracy => Ratio(KindRight, Units);

    public double CertaintyAccuracy => Ratio(CertaintyRight, Units);

    public double ViaAccuracy => Ratio(ViaRight, ViaUnits);

    public double SourceF1 => F1(SourceTp, SourceFp, SourceFn);

    public double CueF1 => F1(CueTp, CueFp, CueFn);

    public double CheckAccuracy => Ratio(CheckRight, Units);

    private static double Ratio(int a, int b) => b == 0 ? 1 : (double)a / b;

    private static double F1(int tp, int fp, int fn) => tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);

    public static ClaimCounts operator +(ClaimCounts a, ClaimCounts b) => new()
    {
        Units = a.Units + b.Units, KindRight = a.KindRight + b.KindRight, CertaintyRight = a.CertaintyRight + b.CertaintyRight,
        ViaUnits = a.ViaUnits + b.ViaUnits, ViaRight = a.ViaRight + b.ViaRight, SourceTp = a.SourceTp + b.SourceTp,
        SourceFp = a.SourceFp + b.SourceFp, SourceFn = a.SourceFn + b.SourceFn, CueTp = a.CueTp + b.CueTp, CueFp = a.CueFp + b.CueFp,
        CueFn = a.CueFn + b.CueFn, CheckRight = a.CheckRight + b.CheckRight,
    };
}

/// <summary>
/// The claims test set format (data/eval/claims.txt) and its scores. A document starts with
/// <c>## id category: note</c>; each following line is a paragraph split into claim units by blocks
/// <c>{kind certainty [via=kind] [carry] [nocomment] cw|nocw}</c>; inside a unit <c>[SRC …]</c>, <c>[ALSO …]</c>,
/// <c>[VIA …]</c> and <c>[CUE …]</c> mark the source, a second source, the cited source and the cue.
/// Each gold unit is compared with the system claim that overlaps it most (parenthesised claims only match
/// parenthesised units): source-kind and certainty accuracy, source-span F1 (exact spans; a carried unit's
/// source is the source it carries), cue F1 (overlap), check-worthiness accuracy at 0.5.
/// </summary>
public static partial class ClaimEval
{
    [GeneratedRegex(@"\{([^{}]*)\}|\[(SRC|ALSO|VIA|CUE) ([^\[\]]+)\]")]
    private static partial Regex Markup();

    public static IReadOnlyList<ClaimDoc> Read(string path) =>
        [.. AnnotatedFile.Read(path, ErrorCodes.ClaimDataMalformed, "claims data")
            .Select(d => Parse(path, d.Id, d.Category, d.Note, [.. d.Paragraphs]))];

    private static ClaimDoc Parse(string path, string id, string category, string note, List<(string Line, int Number)> paragraphs)
    {
        var text = new StringBuilder();
        var units = new List<GoldClaim>();
        GoldClaim? open = null;
        foreach (var (line, number) in paragraphs)
        {
            if (text.Length > 0)
            {
                Close(ref open, units, text);
                text.Append('\n');
            }

            if (!line.StartsWith('{'))
            {
                throw new CasefileException(ErrorCodes.ClaimDataMalformed, $"{path}:{number}: a paragraph must start with a {{kind certainty …}} block.");
            }

            var last = 0;
            foreach (Match m in Markup().Matches(line))
            {
                text.Append(line, last, m.Index - last);
                last = m.Index + m.Length;
                if (m.Groups[1].Success)
                {
                    Close(ref open, units, text);
                    open = Block(path, number, m.Groups[1].Value, text.Length);
                    continue;
                }

                var start = text.Length;
                text.Append(m.Groups[3].Value);
                var span = new SpanRef(start, text.Length);
                open = m.Groups[2].Value switch
                {
                    "SRC" => open! with { Source = span },
                    "CUE" => open! with { Cue = span },
                    _ => open,
                };
            }

            text.Append(line, last, line.Length - last);
            if (line.AsSpan(last).IndexOfAny('[', ']') >= 0 || line.AsSpan(last).IndexOfAny('{', '}') >= 0)
            {
                throw new CasefileException(ErrorCodes.ClaimDataMalformed, $"{path}:{number}: a bracket that is not [SRC|ALSO|VIA|CUE words] or a {{…}} block.");
            }
        }

        Close(ref open, units, text);
        return new ClaimDoc(id, category, note, text.ToString(), units);
    }

    private static void Close(ref GoldClaim? open, List<GoldClaim> units, StringBuilder text)
    {
        if (open is null)
        {
            return;
        }

        var start = open.Start;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = text.Length;
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            units.Add(open with { Start = start, End = end });
        }

        open = null;
    }

    private static GoldClaim Block(string path, int line, string block, int start)
    {
        var parts = block.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !SourceKinds.All.Contains(parts[0]) || !Certainties.All.Contains(parts[1]))
        {
            throw new CasefileException(ErrorCodes.ClaimDataMalformed,
                $"{path}:{line}: block '{{{block}}}' must be {{kind certainty … cw|nocw}} with kind one of {string.Join(", ", SourceKinds.All)} and certainty one of {string.Join(", ", Certainties.All)}.");
        }

        string? via = null;
        bool carry = false, noComment = false;
        bool? cw = null;
        foreach (var flag in parts.Skip(2))
        {
            if (flag.StartsWith("via=", StringComparison.Ordinal) && SourceKinds.All.Contains(flag[4..]))
            {
                via = flag[4..];
            }
            else if (flag is "carry" or "nocomment" or "cw" or "nocw")
            {
                carry |= flag == "carry";
                noComment |= flag == "nocomment";
                cw = flag == "cw" ? true : flag == "nocw" ? false : cw;
            }
            else
            {
                throw new CasefileException(ErrorCodes.ClaimDataMalformed, $"{path}:{line}: unknown flag '{flag}' in block '{{{block}}}' (via=KIND, carry, nocomment, cw, nocw).");
            }
        }

        if (cw is null)
        {
            throw new CasefileException(ErrorCodes.ClaimDataMalformed, $"{path}:{line}: block '{{{block}}}' needs cw or nocw.");
        }

        return new GoldClaim
        {
            Start = start, End = start, Kind = parts[0], Certainty = parts[1], Via = via, Carry = carry, NoComment = noComment,
            CheckWorthy = cw.Value, Line = line,
        };
    }

    /// <summary>Runs the full default pipeline (tagger, resolver, claims) on a test document.</summary>
    public static AnalyzedDocument Analyze(ClaimDoc doc, AnalysisPipeline? pipeline = null) =>
        (pipeline ?? CasefileAnalyzer.DefaultPipeline).Run(new Document(doc.Text, source: doc.Id));

    /// <summary>Scores one document; mistakes are printable lines.</summary>
    public static (ClaimCounts Counts, IReadOnlyList<string> Mistakes) Score(ClaimDoc doc, AnalyzedDocument analyzed)
    {
        var claims = analyzed.Get(Layers.Claims);
        var mistakes = new List<string>();
        int kindRight = 0, certRight = 0, viaUnits = 0, viaRight = 0, sTp = 0, sFp = 0, sFn = 0, cTp = 0, cFp = 0, cFn = 0, checkRight = 0;
        SpanRef? goldCarrySource = null;
        foreach (var g in doc.Units)
        {
            var parenthetical = doc.Text[g.Start] == '(';
            var best = claims
                .Where(c => (doc.Text[c.Start] == '(') == parenthetical)
                .Select(c => (Claim: c, Overlap: Math.Min(c.End, g.End) - Math.Max(c.Start, g.Start)))
                .Where(x => x.Overlap > 0)
                .OrderByDescending(x => x.Overlap)
                .Select(x => x.Claim)
                .FirstOrDefault();
            var kind = best?.Source.Kind ?? "none";
            var certainty = best?.Certainty ?? "none";
            var goldSource = g.Carry ? goldCarrySource : g.Source;
            if (!g.Carry)
            {
                goldCarrySource = g.Source ?? goldCarrySource;
            }

            var sysSource = best?.Source.Start is { } ss && best.Source.End is { } se ? new SpanRef(ss, se) : null;
            var unit = doc.Text[g.Start..g.End];
            var what = $"{doc.Id} line {g.Line} \"{Short(unit)}\"";
            if (kind == g.Kind)
            {
                kindRight++;
            }
            else
            {
                mistakes.Add($"{what}: kind {kind}, expected {g.Kind}");
            }

            if (certainty == g.Certainty)
            {
                certRight++;
            }
            else
            {
                mistakes.Add($"{what}: certainty {certainty}, expected {g.Certainty}");
            }

            if (g.Via is not null)
            {
                viaUnits++;
                if (best?.Source.Via?.Kind == g.Via)
                {
                    viaRight++;
                }
                else
                {
                    mistakes.Add($"{what}: via {best?.Source.Via?.Kind ?? "none"}, expected {g.Via}");
                }
            }

            if (goldSource is not null && sysSource == goldSource)
            {
                sTp++;
            }
            else
            {
                if (sysSource is not null)
                {
                    sFp++;
                }

                if (goldSource is not null)
                {
                    sFn++;
                }

                if (sysSource is not null || goldSource is not null)
                {
                    mistakes.Add($"{what}: source {Quote(doc.Text, sysSource)}, expected {Quote(doc.Text, goldSource)}");
                }
            }

            var sysCue = best?.Source.Cue;
            if (g.Cue is { } gc && sysCue is { } sc && sc.Start < gc.End && gc.Start < sc.End)
            {
                cTp++;
            }
            else
            {
                cFp += sysCue is not null && !g.Carry && best!.Carried != true ? 1 : 0;
                cFn += g.Cue is not null ? 1 : 0;
            }

            if (g.NoComment != (best?.NoComment == true))
            {
                mistakes.Add($"{what}: no_comment {(best?.NoComment == true ? "set" : "not set")}, expected {(g.NoComment ? "set" : "not set")}");
            }

            if ((best?.Checkworthy >= 0.5) == g.CheckWorthy)
            {
                checkRight++;
            }
            else
            {
                mistakes.Add($"{what}: checkworthy {best?.Checkworthy ?? 0:0.00}, expected {(g.CheckWorthy ? "cw" : "nocw")}");
            }
        }

        var counts = new ClaimCounts
        {
            Units = doc.Units.Count, KindRight = kindRight, CertaintyRight = certRight, ViaUnits = viaUnits, ViaRight = viaRight,
            SourceTp = sTp, SourceFp = sFp, SourceFn = sFn, CueTp = cTp, CueFp = cFp, CueFn = cFn, CheckRight = checkRight,
        };
        return (counts, mistakes);
    }

    private static string Quote(string text, SpanRef? span) => span is null ? "none" : $"\"{text[span.Start..span.End]}\"";

    private static string Short(string s) => s.Length <= 70 ? s : s[..67] + "...";

    /// <summary>A table per category and overall.</summary>
    public static string Report(IReadOnlyList<ClaimDoc> docs, IReadOnlyList<ClaimCounts> counts)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{"category",-16} {"docs",5} {"units",6} {"kind",7} {"certain",7} {"via",7} {"srcF1",7} {"cueF1",7} {"check",7}");
        void Row(string name, int n, ClaimCounts c) =>
            sb.AppendLine(inv, $"{name,-16} {n,5} {c.Units,6} {c.KindAccuracy,7:0.000} {c.CertaintyAccuracy,7:0.000} {c.ViaAccuracy,7:0.000} {c.SourceF1,7:0.000} {c.CueF1,7:0.000} {c.CheckAccuracy,7:0.000}");
        foreach (var group in docs.Select((d, i) => (d.Category, Counts: counts[i])).GroupBy(x => x.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Row(group.Key, group.Count(), group.Aggregate(new ClaimCounts(), (a, x) => a + x.Counts));
        }

        var total = counts.Aggregate(new ClaimCounts(), (a, b) => a + b);
        Row("all", docs.Count, total);
        sb.AppendLine(inv, $"source-kind accuracy = {total.KindAccuracy:0.0000}");
        sb.AppendLine(inv, $"source-span F1 = {total.SourceF1:0.0000}");
        sb.Append(inv, $"certainty accuracy = {total.CertaintyAccuracy:0.0000}");
        return sb.ToString();
    }
}
