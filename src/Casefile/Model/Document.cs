using System.Security.Cryptography;
using System.Text;

namespace Casefile.Model;

/// <summary>An immutable document text with its metadata; every annotation is a span into <see cref="Text"/>.</summary>
public sealed class Document
{
    public Document(string text, string? title = null, DateOnly? published = null, string? source = null,
        string language = "en", string? id = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Title = title;
        Published = published;
        Source = source;
        Language = language;
        Id = id ?? HashId(text);
    }

    /// <summary>The text exactly as ingested (after decoding and HTML extraction).</summary>
    public string Text { get; }

    /// <summary>"sha256:" + hex digest of the UTF-8 text, unless the input named its own id.</summary>
    public string Id { get; }

    public string? Title { get; }

    public DateOnly? Published { get; }

    public string? Source { get; }

    public string Language { get; }

    public Document WithPublished(DateOnly? published) => new(Text, Title, published, Source, Language, Id);

    public static string HashId(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
