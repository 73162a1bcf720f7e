using System.Text.Json;
using System.Text.Json.Serialization;
using Casefile.Model;
using Casefile.Output;
using Casefile.Resolution;

namespace Casefile.Store;

/// <summary>How a case file's layers become rows of <c>items</c> and <c>sentences</c>.</summary>
internal static class StoreRows
{
    /// <summary>A row of items; <c>Json</c> holds the whole record for the layers that queries read (entities, events, findings), null for the others, whose records are in the document's case file.</summary>
    public sealed record ItemRow(string Layer, int Ordinal, int? Start, int? End, string? Kind, string? Label, string? Entity, string? Json);

    public sealed record SentenceRow(string Document, int Ordinal, int Start, int End, string Text);

    /// <summary>
    /// A correction as stored. <c>Members</c> (from schema 3 on) are entity serials: a merge joins the entities holding the
    /// first and the second, a split takes the listed members out of theirs; <c>Names</c> are the names shown when it was
    /// made. A correction without members is one of an earlier build, by names (<c>casefile correct</c> before ids were stable).
    /// </summary>
    public sealed record CorrectionPayload(IReadOnlyList<string> Names, string? From, IReadOnlyList<long>? Members = null, string? Entity = null);

    /// <summary>The layers stored as items, in this order.</summary>
    public static readonly IReadOnlyList<string> Layers = ["mentions", "entities", "quantities", "times", "legal_refs", "claims", "events", "findings"];

    public static IEnumerable<ItemRow> Items(CaseFile cf)
    {
        var c = CasefileJsonContext.Default;
        var i = 0;
        foreach (var m in cf.Mentions)
        {
            yield return new ItemRow("mentions", i++, m.Start, m.End, m.Type, m.Text, m.Entity, null);
        }

        i = 0;
        foreach (var e in cf.Entities ?? [])
        {
            yield return new ItemRow("entities", i++, null, null, e.Type, e.Name, e.Id, JsonSerializer.Serialize(e, c.Entity));
        }

        i = 0;
        foreach (var q in cf.Quantities)
        {
            yield return new ItemRow("quantities", i++, q.Start, q.End, q.Kind, q.Text, null, null);
        }

        i = 0;
        foreach (var t in cf.Times)
        {
            yield return new ItemRow("times", i++, t.Start, t.End, t.Granularity, t.Value, null, null);
        }

        i = 0;
        foreach (var l in cf.LegalRefs)
        {
            yield return new ItemRow("legal_refs", i++, l.Start, l.End, l.Unit, l.Text, null, null);
        }

        i = 0;
        foreach (var cl in cf.Claims ?? [])
        {
            yield return new ItemRow("claims", i++, cl.Start, cl.End, cl.Source.Kind, cl.Certainty, cl.Source.Entity, null);
        }

        i = 0;
        foreach (var e in cf.Events ?? [])
        {
            yield return new ItemRow("events", i++, e.Start, e.End, e.Type, e.Id, e.Participants.FirstOrDefault(p => p.Entity is not null)?.Entity, JsonSerializer.Serialize(e, c.Event));
        }

        i = 0;
        foreach (var f in cf.Findings ?? [])
        {
            yield return new ItemRow("findings", i++, f.Evidence.Count > 0 ? f.Evidence[0].Start : null, f.Evidence.Count > 0 ? f.Evidence[0].End : null,
                f.Check, f.Status, null, JsonSerializer.Serialize(f, c.Finding));
        }
    }
}

/// <summary>JSON of the store's own records and of its query results (source-generated, snake_case like the case file).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(StoreRows.CorrectionPayload))]
[JsonSerializable(typeof(CorpusEntity))]
[JsonSerializable(typeof(IReadOnlyList<SearchResult>))]
[JsonSerializable(typeof(IReadOnlyList<EntityRow>))]
[JsonSerializable(typeof(EntityDetail))]
[JsonSerializable(typeof(IReadOnlyList<FindingRow>))]
[JsonSerializable(typeof(IReadOnlyList<LogEntry>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(DocumentPage))]
[JsonSerializable(typeof(IReadOnlyList<CorrectionRow>))]
[JsonSerializable(typeof(LogEntry))]
internal sealed partial class StoreJson : JsonSerializerContext;
