using System.Globalization;
using System.Text;

namespace Casefile.Ner;

/// <summary>Precision, recall and F1 on exact entity spans (the CoNLL-2003 definition), per type and micro-averaged.</summary>
public sealed class NerScore
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = new(StringComparer.Ordinal);

    public void Add(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        var g = BioCorpus.Spans(gold).ToHashSet();
        var p = BioCorpus.Spans(predicted).ToHashSet();
        foreach (var s in p)
        {
            Bump(s.Type, g.Contains(s) ? 1 : 0, g.Contains(s) ? 0 : 1, 0);
        }

        foreach (var s in g)
        {
            if (!p.Contains(s))
            {
                Bump(s.Type, 0, 0, 1);
            }
        }
    }

    private void Bump(string type, int tp, int fp, int fn)
    {
        var c = _counts.GetValueOrDefault(type);
        _counts[type] = (c.Tp + tp, c.Fp + fp, c.Fn + fn);
    }

    public IEnumerable<string> Types => _counts.Keys.Order(StringComparer.Ordinal);

    public (int Tp, int Fp, int Fn) Counts(string? type = null) =>
        type is null
            ? _counts.Values.Aggregate((0, 0, 0), (a, c) => (a.Item1 + c.Tp, a.Item2 + c.Fp, a.Item3 + c.Fn))
            : _counts.GetValueOrDefault(type);

    public double Precision(string? type = null) => Ratio(Counts(type).Tp, Counts(type).Tp + Counts(type).Fp);

    public double Recall(string? type = null) => Ratio(Counts(type).Tp, Counts(type).Tp + Counts(type).Fn);

    /// <summary>F1 of one type, or micro-averaged over all types when <paramref name="type"/> is null.</summary>
    public double F1(string? type = null)
    {
        var p = Precision(type);
        var r = Recall(type);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    /// <summary>The report <c>casefile eval ner</c> prints; its last line is <c>F1 = 0.xxxx</c>.</summary>
    public string Report()
    {
        var sb = new StringBuilder();
        sb.AppendLine("type   gold  pred    tp  precision  recall      f1");
        foreach (var t in Types.Append(null))
        {
            var (tp, fp, fn) = Counts(t);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{t ?? "micro",-5} {tp + fn,5} {tp + fp,5} {tp,5}     {Precision(t):F4}  {Recall(t):F4}  {F1(t):F4}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"F1 = {F1():F4}");
        return sb.ToString();
    }
}
