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

    public static CaseFile? Deserialize(string json) => JsonSerializer.Deserialize(json, CasefileJsonContext.Default.CaseFile);
}
