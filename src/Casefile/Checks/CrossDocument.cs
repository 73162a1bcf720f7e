using System.Globalization;
using Casefile.Model;
using Casefile.Resolution;

namespace Casefile.Checks;

/// <summary>
/// The <c>cross-document</c> check over a corpus: the same fact stated differently by two documents — a
/// sentence term for the same person (people matched by the cross-document entity table), a death toll or
/// another casualty count for the same place. Each finding shows both spans.
/// </summary>
public static class CrossDocument
{
    public static IReadOnlyList<(string Document, Finding Finding)> Check(IReadOnlyList<CaseFile> documents, IReadOnlyList<CorpusEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(entities);
        var corpusId = new Dictionary<(string Doc, string Entity), string>();
        foreach (var e in entities)
        {
            foreach (var m in e.Documents)
            {
                corpusId[(m.Document, m.Entity)] = e.Id;
            }
        }

        var facts = new List<(string Doc, string Source, string Key, string Value, string What, Event Event)>();
        foreach (var cf in documents)
        {
            var source = cf.Document.Source ?? cf.Document.Id;
            foreach (var ev in cf.Events ?? [])
            {
                if (ev.Type == "sentence" && ev.Attributes?.Term is { } term && ev.Participants.Count > 0 && ev.Participants[0].Entity is { } who
                    && corpusId.TryGetValue((cf.Document.Id, who), out var person))
                {
                    facts.Add((cf.Document.Id, source, "sentence:" + person, term, $"the sentence of {ev.Participants[0].Label}", ev));
                }
                else if (ev.Type == "casualties" && ev.Attributes?.Count is { } count && ev.Attributes.AtLeast != true && ev.Attributes.Approximate != true)
                {
                    var place = ev.Place?.Text.ToLowerInvariant() ?? "";
                    facts.Add((cf.Document.Id, source, $"casualties:{ev.Attributes.Counted}:{place}", count.ToString(CultureInfo.InvariantCulture),
                        $"the number {ev.Attributes.Counted}{(place.Length > 0 ? " in " + ev.Place!.Text : "")}", ev));
                }
            }
        }

        var findings = new List<(string, Finding)>();
        foreach (var group in facts.GroupBy(f => f.Key))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    var (a, b) = (list[i], list[j]);
                    if (a.Doc == b.Doc)
                    {
                        continue;
                    }

                    var same = a.Value == b.Value;
                    findings.Add((a.Source, new Finding
                    {
                        Check = "cross-document",
                        Status = same ? "consistent" : "inconsistent",
                        Severity = same ? "info" : "error",
                        Message = same
                            ? $"{a.What}: {a.Value} here and in {b.Source}."
                            : $"{a.What}: {a.Value} here, {b.Value} in {b.Source}.",
                        Evidence = a.Event.Evidence,
                        OtherDocument = b.Source,
                        OtherEvidence = b.Event.Evidence,
                    }));
                }
            }
        }

        return [.. findings.OrderBy(f => f.Item2.Status == "inconsistent" ? 0 : 1)];
    }
}
