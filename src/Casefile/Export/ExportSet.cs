using System.Security.Cryptography;
using System.Text;
using Casefile.Model;
using Casefile.Resolution;

namespace Casefile.Export;

/// <summary>One analysed document for export: its case file and the text its spans point into.</summary>
public sealed record ExportDocument(CaseFile CaseFile, string Text);

/// <summary>
/// What every export reads: the documents (one copy per document id, input order kept) and the corpus-wide
/// entities that join their per-document entities.
/// </summary>
public sealed class ExportSet
{
    private readonly Dictionary<(string Document, string Entity), CorpusEntity> byMember = [];

    public ExportSet(IEnumerable<ExportDocument> documents, ResolverOptions? resolution = null)
        : this(documents, resolution, null)
    {
    }

    /// <summary>The documents with corpus entities resolved already (a store's, with its stable ids and corrections).</summary>
    public ExportSet(IEnumerable<ExportDocument> documents, IReadOnlyList<CorpusEntity> entities)
        : this(documents, null, entities)
    {
    }

    private ExportSet(IEnumerable<ExportDocument> documents, ResolverOptions? resolution, IReadOnlyList<CorpusEntity>? entities)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Documents = [.. documents.DistinctBy(d => d.CaseFile.Document.Id)];
        Entities = entities ?? CorpusResolver.Resolve([.. Documents.Select(d => d.CaseFile)], resolution);
        foreach (var e in Entities)
        {
            foreach (var m in e.Documents)
            {
                byMember[(m.Document, m.Entity)] = e;
            }
        }
    }

    public IReadOnlyList<ExportDocument> Documents { get; }

    public IReadOnlyList<CorpusEntity> Entities { get; }

    /// <summary>The corpus entity a document's entity belongs to.</summary>
    public CorpusEntity? Entity(ExportDocument document, string? entityId) =>
        entityId is not null && byMember.TryGetValue((document.CaseFile.Document.Id, entityId), out var e) ? e : null;

    /// <summary>A document's own entity record.</summary>
    public static Entity? LocalEntity(ExportDocument document, string? entityId) =>
        entityId is null ? null : document.CaseFile.Entities?.FirstOrDefault(e => e.Id == entityId);

    /// <summary>A deterministic id: the SHA-1 of the defining fields (FtM's own <c>make_id</c> convention), so re-exporting gives the same ids.</summary>
    public static string MakeId(params string?[] parts) => Sha1(string.Join('\u001f', parts.Select(p => p ?? "")));

    /// <summary>SHA-1 in hex: an identifier and FtM's checksum type, not a security measure.</summary>
#pragma warning disable CA5350 // SHA-1 is what FtM ids and checksums use; nothing here depends on collision resistance.
    public static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5350

    /// <summary>The words of a span of a document's text, spaces normalised.</summary>
    public static string Quote(ExportDocument document, int start, int end)
    {
        var text = document.Text;
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        return string.Join(' ', text[start..end].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
