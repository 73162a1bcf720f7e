using System.Net;
using Microsoft.AspNetCore.Html;

namespace Casefile.Web.Rendering;

/// <summary>Small HTML helpers for text the store marked up.</summary>
internal static class Highlight
{
    /// <summary>
    /// A search hit cut into pieces at its matched ranges (offsets in the document's text, as the store gives them):
    /// (text, matched). The page encodes each piece itself and puts the matched ones in &lt;mark&gt;, so nothing in the
    /// text (guillemets, markup) is ever read as a marker. Ranges outside the sentence are clipped; overlapping ones joined.
    /// </summary>
    public static IReadOnlyList<(string Text, bool Matched)> Pieces(string text, int start, IReadOnlyList<Casefile.Store.TextRange> matches)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        var pieces = new List<(string, bool)>();
        var at = 0;
        foreach (var m in matches.OrderBy(m => m.Start))
        {
            var s = Math.Clamp(m.Start - start, at, text.Length);
            var e = Math.Clamp(m.End - start, s, text.Length);
            if (e == s)
            {
                continue;
            }

            if (s > at)
            {
                pieces.Add((text[at..s], false));
            }

            pieces.Add((text[s..e], true));
            at = e;
        }

        if (at < text.Length)
        {
            pieces.Add((text[at..], false));
        }

        return pieces;
    }

    /// <summary>
    /// A search hit as HTML: each piece of <see cref="Pieces"/> appended as text (encoded by Razor's encoder), the matched
    /// ones inside &lt;mark&gt;; the only markup is ours.
    /// </summary>
    public static IHtmlContent Marked(string text, int start, IReadOnlyList<Casefile.Store.TextRange> matches)
    {
        var html = new HtmlContentBuilder();
        foreach (var (piece, matched) in Pieces(text, start, matches))
        {
            if (matched)
            {
                html.AppendHtml("<mark>").Append(piece).AppendHtml("</mark>");
            }
            else
            {
                html.Append(piece);
            }
        }

        return html;
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
