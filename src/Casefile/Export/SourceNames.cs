namespace Casefile.Export;

/// <summary>
/// How exports and reports name a document's source: never by an absolute path of the machine that analysed it.
/// An absolute path (a store ingested before names became relative, or <c>export /abs/file.txt</c>) is shown
/// relative to the longest common directory of the absolute paths in the same export, so two files of one export
/// keep two names (<c>/x/a/f.txt</c> and <c>/x/b/f.txt</c> become <c>a/f.txt</c> and <c>b/f.txt</c>; a single one
/// becomes its file name). Relative paths, URLs, <c>upload:</c>/<c>pasted:</c> keys and <c>-</c> are shown as they are.
/// </summary>
public static class SourceNames
{
    /// <summary>The display name of every document's source in <paramref name="set"/>, by document id (null: the document has none).</summary>
    public static IReadOnlyDictionary<string, string?> Of(ExportSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var sources = set.Documents.Select(d => (d.CaseFile.Document.Id, d.CaseFile.Document.Source)).ToList();
        var names = Relative([.. sources.Select(s => s.Source)]);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            result[sources[i].Id] = names[i];
        }

        return result;
    }

    /// <summary>Each source made relative as described on the class, in the same order.</summary>
    public static IReadOnlyList<string?> Relative(IReadOnlyList<string?> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var absolute = sources.Where(IsAbsolutePath).Select(s => s!).Distinct(StringComparer.Ordinal).ToList();
        if (absolute.Count == 0)
        {
            return sources;
        }

        // The common directory of the absolute paths: with one path, the directory it is in.
        var dirs = absolute.Select(a => Split(Path.GetDirectoryName(a.Replace('\\', '/')) ?? "")).ToList();
        var common = dirs[0];
        foreach (var d in dirs.Skip(1))
        {
            common = [.. common.Zip(d).TakeWhile(x => x.First == x.Second).Select(x => x.First)];
        }

        return [.. sources.Select(s => IsAbsolutePath(s) ? string.Join('/', Split(s!.Replace('\\', '/')).Skip(common.Length)) : s)];
    }

    private static string[] Split(string path) => path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A path of a file system from the root ("/home/…", "C:\…", "\\server\…"), not a URL or a relative path.</summary>
    public static bool IsAbsolutePath(string? source) =>
        source is { Length: > 0 }
        && (source[0] is '/' or '\\' || (source.Length > 2 && char.IsAsciiLetter(source[0]) && source[1] == ':' && source[2] is '/' or '\\'));
}
