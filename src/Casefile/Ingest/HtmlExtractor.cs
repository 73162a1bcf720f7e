using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Casefile.Model;
using Casefile.Pipeline;
using SmartReader;

namespace Casefile.Ingest;

/// <summary>
/// HTML to the article's text, title and publication date. SmartReader (a port of Mozilla's
/// Readability) finds the main content; AngleSharp walks it to text with blank lines between blocks.
/// </summary>
public static class HtmlExtractor
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "table", "tr", "figure", "figcaption", "main", "aside", "dl", "dt", "dd", "hr", "address",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "head", "nav", "button", "form", "select",
    };

    public sealed record Extracted(string Text, string? Title, DateOnly? Published);

    /// <summary>
    /// Deepest element nesting parsed as a tree. Deeper pages (100,000 nested &lt;div&gt;s) cost the DOM
    /// parser and the article finder time that grows with depth times size, and a recursive walk would
    /// overflow the stack, so they are read by <see cref="FlatText"/> instead, with warning CF1302.
    /// </summary>
    public const int MaxDepth = 512;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    public static Extracted Extract(string html, string source, List<Warning> warnings)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(warnings);
        if (NestingDepth(html, MaxDepth + 1) > MaxDepth)
        {
            warnings.Add(new Warning(ErrorCodes.HtmlTooDeep,
                $"{source}: elements are nested more than {MaxDepth} deep; the page was read as a flat sequence of blocks (no article finder, no metadata)."));
            var flat = FlatText(html);
            if (flat.Length == 0)
            {
                warnings.Add(new Warning(ErrorCodes.HtmlNoArticle, $"{source}: the HTML has no visible text."));
            }

            return new Extracted(flat, null, null);
        }

        var parser = new HtmlParser();
        using var page = parser.ParseDocument(html);
        var title = MetaTitle(page);
        var published = MetaPublished(page);

        string? articleHtml = null;
        try
        {
            using var reader = new Reader("file:///" + Uri.EscapeDataString(Path.GetFileName(source)), html)
            {
                ContinueIfNotReadable = true,
                DisableJSONLD = false,
            };
            var article = reader.GetArticle();
            if (article.Completed && !string.IsNullOrWhiteSpace(article.Content))
            {
                articleHtml = article.Content;
                title ??= string.IsNullOrWhiteSpace(article.Title) ? null : article.Title.Trim();
                if (published is null && article.PublicationDate is { } date)
                {
                    published = DateOnly.FromDateTime(date);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or NullReferenceException)
        {
            warnings.Add(new Warning(ErrorCodes.HtmlNoArticle,
                $"{source}: the article finder failed ({e.GetType().Name}: {e.Message}); the whole page body was used instead."));
        }

        string text;
        if (articleHtml is not null)
        {
            using var content = parser.ParseDocument(articleHtml);
            text = ToText(content.Body);
        }
        else
        {
            text = ToText(page.Body);
        }

        if (articleHtml is not null && text.Length == 0)
        {
            text = ToText(page.Body);
        }

        if (text.Length == 0)
        {
            warnings.Add(new Warning(ErrorCodes.HtmlNoArticle, $"{source}: the HTML has no visible text."));
        }
        else if (title is not null && !text.StartsWith(title, StringComparison.Ordinal))
        {
            // Readability drops the headline from the content; keep it as the first paragraph so its spans exist.
            text = title + "\n\n" + text;
        }

        return new Extracted(text, title, published);
    }

    private static string? MetaTitle(IDocument page)
    {
        var og = page.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        var h1 = page.QuerySelector("article h1, h1")?.TextContent;
        var title = !string.IsNullOrWhiteSpace(h1) ? h1 : !string.IsNullOrWhiteSpace(og) ? og : page.Title;
        return string.IsNullOrWhiteSpace(title) ? null : Collapse(title);
    }

    private static DateOnly? MetaPublished(IDocument page)
    {
        string?[] candidates =
        [
            page.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content"),
            page.QuerySelector("meta[name='article:published_time']")?.GetAttribute("content"),
            page.QuerySelector("meta[itemprop='datePublished']")?.GetAttribute("content"),
            page.QuerySelector("meta[name='date']")?.GetAttribute("content"),
            page.QuerySelector("meta[name='pubdate']")?.GetAttribute("content"),
            page.QuerySelector("time[datetime]")?.GetAttribute("datetime"),
        ];
        foreach (var c in candidates)
        {
            if (c is not null && c.Length >= 10 && DateOnly.TryParseExact(c.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>Visible text with a blank line between blocks and a newline for &lt;br&gt;.</summary>
    public static string ToText(INode? root)
    {
        if (root is null)
        {
            return "";
        }

        var sb = new StringBuilder();
        Walk(root, sb);
        return Tidy(sb.ToString());
    }

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    sb.Append(text.Data);
                    break;
                case IElement element when Skipped.Contains(element.LocalName) || element.HasAttribute("hidden"):
                    break;
                case IElement element when element.LocalName == "br":
                    sb.Append('\u0001');
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    sb.Append('\u0002');
                    Walk(element, sb);
                    sb.Append('\u0002');
                    break;
                case IElement element:
                    Walk(element, sb);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>How deep elements nest, counted from the tags alone in one pass (stops counting at <paramref name="stop"/>).</summary>
    public static int NestingDepth(string html, int stop = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(html);
        var depth = 0;
        var max = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && max < stop)
        {
            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            var (name, closing, end) = Tag(html, i);
            if (name.Length > 0 && html[end - 2] != '/' && !VoidElements.Contains(name))
            {
                depth = closing ? Math.Max(0, depth - 1) : depth + 1;
                max = Math.Max(max, depth);
            }

            i = Math.Max(end, i + 1);
        }

        return max;
    }

    /// <summary>The visible text of a page without building its tree: tags dropped, script and style skipped, entities decoded, a blank line at each block tag.</summary>
    public static string FlatText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var sb = new StringBuilder(html.Length / 2);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            var runEnd = lt < 0 ? html.Length : lt;
            if (runEnd > i)
            {
                sb.Append(System.Net.WebUtility.HtmlDecode(html[i..runEnd]));
            }

            if (lt < 0)
            {
                break;
            }

            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            var (name, closing, end) = Tag(html, lt);
            i = Math.Max(end, lt + 1);
            if (!closing && Skipped.Contains(name) && !VoidElements.Contains(name))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
            }
            else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                sb.Append('\u0001');
            }
            else if (Blocks.Contains(name))
            {
                sb.Append('\u0002');
            }
        }

        return Tidy(sb.ToString());
    }

    /// <summary>The tag at <paramref name="lt"/>: its name ("" when it is not a tag), whether it closes, and the index after its "&gt;".</summary>
    private static (string Name, bool Closing, int End) Tag(string html, int lt)
    {
        var k = lt + 1;
        var closing = k < html.Length && html[k] == '/';
        if (closing)
        {
            k++;
        }

        var nameStart = k;
        while (k < html.Length && (char.IsAsciiLetterOrDigit(html[k]) || html[k] == '-'))
        {
            k++;
        }

        var gt = html.IndexOf('>', k);
        var end = gt < 0 ? html.Length : gt + 1;
        return k == nameStart || !char.IsAsciiLetter(html[nameStart]) ? ("", false, lt + 1) : (html[nameStart..k], closing, end);
    }

    /// <summary>Collapses whitespace inside blocks; \u0001 marks a line break, \u0002 a block edge.</summary>
    private static string Tidy(string raw)
    {
        var paragraphs = raw.Split('\u0002');
        var sb = new StringBuilder(raw.Length);
        foreach (var p in paragraphs)
        {
            var lines = p.Split('\u0001').Select(Collapse).Where(l => l.Length > 0).ToList();
            if (lines.Count == 0)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }

            sb.AppendJoin('\n', lines);
        }

        return sb.ToString();
    }

    private static string Collapse(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
