namespace Casefile.Pipeline;

/// <summary>A document of an annotated test file: its header fields and its paragraph lines (with line numbers).</summary>
internal sealed record AnnotatedDocument(string Id, string Category, string Note, IReadOnlyList<(string Line, int Number)> Paragraphs);

/// <summary>
/// The shared layout of the test sets in data/eval (resolution, claims, events, checks): comment lines before the first
/// document, documents that start with <c>## id category: note</c>, one paragraph per non-empty line.
/// Each set parses its own markup inside the paragraphs.
/// </summary>
internal static class AnnotatedFile
{
    /// <summary>
    /// True for a paragraph <c>@published YYYY-MM-DD</c>, with its date (a badly written date is an error with
    /// <paramref name="errorCode"/>); false for any other paragraph.
    /// </summary>
    public static bool Published(string line, string path, int number, string errorCode, out DateOnly date)
    {
        date = default;
        if (!line.StartsWith("@published", StringComparison.Ordinal))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(line[10..].Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out date))
        {
            throw new CasefileException(errorCode, $"{path}:{number}: write the date as '@published YYYY-MM-DD'.");
        }

        return true;
    }

    public static IReadOnlyList<AnnotatedDocument> Read(string path, string errorCode, string what)
    {
        if (!File.Exists(path))
        {
            throw new CasefileException(errorCode, $"{what} '{path}' does not exist; check --data.");
        }

        var docs = new List<AnnotatedDocument>();
        string? id = null, category = null, note = null;
        var paragraphs = new List<(string Line, int Number)>();
        var lines = File.ReadAllLines(path);
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (id is not null)
                {
                    docs.Add(new AnnotatedDocument(id, category!, note!, paragraphs));
                }

                var header = line[3..];
                var space = header.IndexOf(' ');
                var colon = header.IndexOf(':');
                if (space <= 0 || colon <= space)
                {
                    throw new CasefileException(errorCode, $"{path}:{n + 1}: a document header is '## <id> <category>: <note>'.");
                }

                (id, category, note) = (header[..space], header[(space + 1)..colon].Trim(), header[(colon + 1)..].Trim());
                paragraphs = [];
            }
            else if (line.Length > 0 && line[0] == '#' && id is null)
            {
                continue;
            }
            else if (line.Trim().Length > 0)
            {
                if (id is null)
                {
                    throw new CasefileException(errorCode, $"{path}:{n + 1}: text before the first '## <id> <category>: <note>' header.");
                }

                paragraphs.Add((line.Trim(), n + 1));
            }
        }

        if (id is not null)
        {
            docs.Add(new AnnotatedDocument(id, category!, note!, paragraphs));
        }

        if (docs.Count == 0)
        {
            throw new CasefileException(errorCode, $"{path}: no documents ('## <id> <category>: <note>' headers).");
        }

        return docs;
    }
}
