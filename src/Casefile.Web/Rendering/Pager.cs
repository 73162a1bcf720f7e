using System.Globalization;
using System.Text;

namespace Casefile.Web.Rendering;

/// <summary>
/// Page links for a list of <see cref="Total"/> items shown <see cref="PageSize"/> at a time: "N–M of T", the previous
/// and next pages, the first, the last and two either side of the current one. Pages are numbered from 1 (<c>page=N</c>
/// in the query string, with the page's other parameters kept).
/// </summary>
public sealed class Pager
{
    public Pager(string path, IEnumerable<KeyValuePair<string, string?>> parameters, int page, int pageSize, int total)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Path = path;
        Parameters = [.. parameters.Where(p => !string.IsNullOrEmpty(p.Value))];
        PageSize = pageSize;
        Total = total;
        Pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        Page = Math.Clamp(page, 1, Pages);
    }

    /// <summary>The page number a request asked for (1 when missing or not a positive number).</summary>
    public static int Requested(string? page) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 1;

    public string Path { get; }

    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    public int Page { get; }

    public int PageSize { get; }

    public int Total { get; }

    public int Pages { get; }

    public int Offset => (Page - 1) * PageSize;

    /// <summary>"21–40 of 95" (en dash, thousands separated); "0 of 0" for an empty list.</summary>
    public string Range => Total == 0
        ? "0 of 0"
        : string.Create(CultureInfo.InvariantCulture, $"{Offset + 1:N0}–{Math.Min(Offset + PageSize, Total):N0} of {Total:N0}");

    /// <summary>The URL of page <paramref name="page"/> with the other parameters (encoded).</summary>
    public string Href(int page)
    {
        var b = new StringBuilder(Path);
        var first = true;
        foreach (var (key, value) in Parameters.Append(new KeyValuePair<string, string?>("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null)))
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            b.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }

        return b.ToString();
    }

    /// <summary>The page numbers to link, in order, with 0 where pages are left out.</summary>
    public IReadOnlyList<int> Numbers()
    {
        var shown = new SortedSet<int> { 1, Pages };
        for (var p = Page - 2; p <= Page + 2; p++)
        {
            if (p >= 1 && p <= Pages)
            {
                shown.Add(p);
            }
        }

        var list = new List<int>();
        var last = 0;
        foreach (var p in shown)
        {
            if (p > last + 1)
            {
                list.Add(0);
            }

            list.Add(p);
            last = p;
        }

        return list;
    }
}
