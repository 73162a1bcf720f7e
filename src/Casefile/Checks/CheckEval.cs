using System.Globalization;
using System.Text;
using Casefile.Model;
using Casefile.Pipeline;

namespace Casefile.Checks;

/// <summary>One document of the checks test set: text, publication date and the findings it must produce.</summary>
public sealed record CheckDoc(string Id, string Category, string Note, string Text, DateOnly? Published, IReadOnlyList<(string Check, string Status, int Line)> Expected);

/// <summary>Counts per check: expected findings met, expected findings, and alarms the document did not plant.</summary>
public sealed record CheckCounts(int Met, int Expected, int FalseAlarms)
{
    public static CheckCounts operator +(CheckCounts a, CheckCounts b) => new(a.Met + b.Met, a.Expected + b.Expected, a.FalseAlarms + b.FalseAlarms);
}

/// <summary>
/// The checks test set (data/eval/checks.txt): documents as in the other sets with <c>@published</c>, and
/// expected findings as <c>&gt; CHECK | STATUS</c>. A planted document must produce its inconsistent (or
/// unverifiable) finding, its twin the consistent one; any inconsistent or unverifiable finding a document
/// does not expect is a false alarm.
/// </summary>
public static class CheckEval
{
    public static IReadOnlyList<CheckDoc> Read(string path) =>
        [.. AnnotatedFile.Read(path, ErrorCodes.CheckDataMalformed, "checks data").Select(d => Parse(path, d))];

    private static CheckDoc Parse(string path, AnnotatedDocument d)
    {
        DateOnly? published = null;
        var text = new StringBuilder();
        var expected = new List<(string, string, int)>();
        foreach (var (line, number) in d.Paragraphs)
        {
            if (AnnotatedFile.Published(line, path, number, ErrorCodes.CheckDataMalformed, out var date))
            {
                published = date;
            }
            else if (line.StartsWith('>'))
            {
                var parts = line[1..].Split('|').Select(x => x.Trim()).ToArray();
                if (parts.Length != 2 || parts[1] is not ("consistent" or "inconsistent" or "unverifiable"))
                {
                    throw new CasefileException(ErrorCodes.CheckDataMalformed, $"{path}:{number}: an expected finding is '> CHECK | consistent|inconsistent|unverifiable'.");
                }

                expected.Add((parts[0], parts[1], number));
            }
            else
            {
                text.Append(text.Length > 0 ? "\n" : "").Append(line);
            }
        }

        return new CheckDoc(d.Id, d.Category, d.Note, text.ToString(), published, expected);
    }

    public static AnalyzedDocument Analyze(CheckDoc doc, AnalysisPipeline? pipeline = null) =>
        (pipeline ?? CasefileAnalyzer.DefaultPipeline).Run(new Document(doc.Text, published: doc.Published, source: doc.Id));

    /// <summary>Counts per check name, and printable mistakes.</summary>
    public static (Dictionary<string, CheckCounts> Counts, IReadOnlyList<string> Mistakes) Score(CheckDoc doc, AnalyzedDocument analyzed)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(analyzed);
        var findings = analyzed.Get(Layers.Findings);
        var counts = new Dictionary<string, CheckCounts>(StringComparer.Ordinal);
        var mistakes = new List<string>();
        void Count(string check, CheckCounts c) => counts[check] = counts.TryGetValue(check, out var x) ? x + c : c;
        foreach (var (check, status, line) in doc.Expected)
        {
            var met = findings.Any(f => f.Check == check && f.Status == status);
            Count(check, new CheckCounts(met ? 1 : 0, 1, 0));
            if (!met)
            {
                var got = string.Join(", ", findings.Where(f => f.Check == check).Select(f => f.Status));
                mistakes.Add($"{doc.Id} line {line}: expected {check} {status}, found {(got.Length == 0 ? "nothing" : got)}");
            }
        }

        foreach (var f in findings.Where(f => f.Status is "inconsistent" or "unverifiable"))
        {
            if (!doc.Expected.Any(e => e.Check == f.Check && e.Status == f.Status))
            {
                Count(f.Check, new CheckCounts(0, 0, 1));
                mistakes.Add($"{doc.Id}: false alarm {f.Check} {f.Status}: {f.Message}");
            }
        }

        return (counts, mistakes);
    }

    public static string Report(IEnumerable<Dictionary<string, CheckCounts>> perDocument)
    {
        ArgumentNullException.ThrowIfNull(perDocument);
        var total = new Dictionary<string, CheckCounts>(StringComparer.Ordinal);
        foreach (var d in perDocument)
        {
            foreach (var (k, v) in d)
            {
                total[k] = total.TryGetValue(k, out var x) ? x + v : v;
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"{"check",-18} {"expected",9} {"met",5} {"false alarms",13}");
        foreach (var (k, v) in total.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            sb.AppendLine(inv, $"{k,-18} {v.Expected,9} {v.Met,5} {v.FalseAlarms,13}");
        }

        var all = total.Values.Aggregate(new CheckCounts(0, 0, 0), (a, b) => a + b);
        sb.AppendLine(inv, $"{"all",-18} {all.Expected,9} {all.Met,5} {all.FalseAlarms,13}");
        sb.Append(inv, $"expected findings met = {(all.Expected == 0 ? 1 : (double)all.Met / all.Expected):0.0000}, false alarms = {all.FalseAlarms}");
        return sb.ToString();
    }
}
