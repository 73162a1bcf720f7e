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
        (Text, LoneSurrogates, FirstLoneSurrogate) = WithoutLoneSurrogates(text);
        Title = title;
        Published = published;
        Source = source;
        Language = language;
        Id = id ?? HashId(text);
    }

    /// <summary>
    /// The text as ingested (after decoding and HTML extraction), except that a UTF-16 surrogate without its
    /// pair (from a JSON "\ud800" escape or a caller's string) is replaced by U+FFFD: one character for one, so
    /// offsets are unchanged, and every span's text can be written as UTF-8 exactly (warning CF1102).
    /// </summary>
    public string Text { get; }

    /// <summary>How many lone surrogates were replaced by U+FFFD.</summary>
    public int LoneSurrogates { get; }

    /// <summary>Offset of the first replaced lone surrogate, or -1.</summary>
    public int FirstLoneSurrogate { get; }

    /// <summary>"sha256:" + hex digest of the UTF-8 text, unless the input named its own id.</summary>
    public string Id { get; }

    public string? Title { get; }

    public DateOnly? Published { get; }

    public string? Source { get; }

    public string Language { get; }

    public Document WithPublished(DateOnly? published) => new(Text, Title, published, Source, Language, Id);

    private static (string Text, int Count, int First) WithoutLoneSurrogates(string text)
    {
        var span = text.AsSpan();
        var first = -1;
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return (text, 0, -1);
        }

        var chars = text.ToCharArray();
        var count = 0;
        for (var i = first; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
                count++;
            }
        }

        return (new string(chars), count, first);
    }

    public static string HashId(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
