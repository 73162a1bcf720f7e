using System.Globalization;
using System.Net;

namespace Casefile.Web.Rendering;

/// <summary>"101–200 of 1,234 · previous · next" under a panel that pages; nothing when everything fits on one page.</summary>
internal static class PanelPager
{
    public static string Html(string label, int page, int pageSize, int total, Func<int, string> link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (total <= pageSize)
        {
            return "";
        }

        var last = (total + pageSize - 1) / pageSize;
        var from = ((page - 1) * pageSize) + 1;
        var to = Math.Min(total, page * pageSize);
        var h = string.Create(CultureInfo.InvariantCulture, $"<nav class=\"pager\" aria-label=\"{WebUtility.HtmlEncode(label)} pages\">{from:N0}–{to:N0} of {total:N0}");
        if (page > 1)
        {
            h += $" <a rel=\"prev\" href=\"{WebUtility.HtmlEncode(link(page - 1))}\">previous {pageSize}</a>";
        }

        if (page < last)
        {
            h += $" <a rel=\"next\" href=\"{WebUtility.HtmlEncode(link(page + 1))}\">next {Math.Min(pageSize, total - to)}</a>";
        }

        return h + "</nav>";
    }
}
