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

    /// <summary>
    /// The same JSON as <see cref="Serialize(CaseFile, bool)"/>, written to <paramref name="writer"/> in chunks as it is
    /// produced: the case file of a 10 MB document is hundreds of MB of JSON, which is never held as one string.
    /// </summary>
    public static void WriteTo(TextWriter writer, CaseFile caseFile, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var stream = new TextWriterStream(writer);
        JsonSerializer.Serialize(stream, caseFile, indented ? Indented.CaseFile : CasefileJsonContext.Default.CaseFile);
    }

    /// <summary>A write-only stream that decodes the UTF-8 it is given into a <see cref="TextWriter"/>.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder _decoder = new System.Text.UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[8192];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var n = _decoder.GetChars(buffer, _chars, flush: false);
            writer.Write(_chars, 0, n);
        }

        public override void Flush() => writer.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

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
