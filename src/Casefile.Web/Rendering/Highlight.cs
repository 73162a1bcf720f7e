using System.Net;
using System.Text;

namespace Casefile.Web.Rendering;

/// <summary>Small HTML helpers for text the store marked up.</summary>
internal static class Highlight
{
    /// <summary>A search hit with the matches between « and » (the store's markers) as HTML: encoded, matches in &lt;mark&gt;.</summary>
    public static string Marked(string highlighted)
    {
        var h = new StringBuilder(highlighted.Length + 32);
        var open = false;
        foreach (var part in highlighted.Split(['«', '»']))
        {
            h.Append(open ? "<mark>" : "").Append(WebUtility.HtmlEncode(part)).Append(open ? "</mark>" : "");
            open = !open;
        }

        return h.ToString();
    }

    /// <summary>Up to <paramref name="width"/> characters either side of a span, the span itself in &lt;mark&gt;; encoded.</summary>
    public static string Context(string text, int start, int end, int width = 70)
    {
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        var from = Math.Max(0, start - width);
        var to = Math.Min(text.Length, end + width);
        static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return (from > 0 ? "…" : "") + WebUtility.HtmlEncode(Squash(text[from..start]) + (start > from && char.IsWhiteSpace(text[start - 1]) ? " " : ""))
            + "<mark>" + WebUtility.HtmlEncode(text[start..end]) + "</mark>"
            + WebUtility.HtmlEncode((end < to && char.IsWhiteSpace(text[end]) ? " " : "") + Squash(text[end..to])) + (to < text.Length ? "…" : "");
    }
}
