using System.Text.Json;
using System.Text.Json.Serialization;
using Casefile.Model;

namespace Casefile.Output;

/// <summary>One JSONL input record.</summary>
public sealed record JsonlRecord(string? Id, string? Title, string? Published, string? Text, string? Html, string? Source);

/// <summary>Source-generated JSON for the case-file contract (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = false)]
[JsonSerializable(typeof(CaseFile))]
[JsonSerializable(typeof(JsonlRecord))]
[JsonSerializable(typeof(CorpusFile))]
[JsonSerializable(typeof(TimelineFile))]
[JsonSerializable(typeof(Casefile.Export.FtmEntity))]
[JsonSerializable(typeof(SortedDictionary<string, Casefile.Export.SidecarEntry>))]
public sealed partial class CasefileJsonContext : JsonSerializerContext;

/// <summary>Writes case files as JSON.</summary>
public static class CaseFileJson
{
    private static readonly CasefileJsonContext Indented = new(new JsonSerializerOptions(CasefileJsonContext.Default.Options) { WriteIndented = true });

    public static string Serialize(CaseFile caseFile, bool indented = true) =>
        JsonSerializer.Serialize(caseFile, indented ? Indented.CaseFile : CasefileJsonContext.Default.CaseFile);

    public static string Serialize(CorpusFile corpus, bool indented = true) =>
        JsonSerializer.Serialize(corpus, indented ? Indented.CorpusFile : CasefileJsonContext.Default.CorpusFile);

    public static string Serialize(TimelineFile timeline, bool indented = true) =>
        JsonSerializer.Serialize(timeline, indented ? Indented.TimelineFile : CasefileJsonContext.Default.TimelineFile);

    /// <summary>One FtM entity as a JSON line (FtM's shape: id, schema, properties).</summary>
    public static string Serialize(Casefile.Export.FtmEntity entity) => JsonSerializer.Serialize(entity, CasefileJsonContext.Default.FtmEntity);

    /// <summary>The FtM export's sidecar (spans, certainty and sources keyed by FtM id), indented.</summary>
    public static string Serialize(SortedDictionary<string, Casefile.Export.SidecarEntry> sidecar) =>
        JsonSerializer.Serialize(sidecar, Indented.SortedDictionaryStringSidecarEntry);

    public static CaseFile? Deserialize(string json) => JsonSerializer.Deserialize(json, CasefileJsonContext.Default.CaseFile);
}
