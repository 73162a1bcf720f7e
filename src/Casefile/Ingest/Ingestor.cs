using System.Globalization;
using System.Text;
using System.Text.Json;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;

namespace Casefile.Ingest;

/// <summary>One thing read from the input: a document (with warnings), or an error for one file or JSONL line.</summary>
public sealed record IngestItem(string Source, Document? Document, IReadOnlyList<Warning> Warnings, CasefileException? Error = null);

/// <summary>How inputs are read.</summary>
public sealed record IngestOptions
{
    /// <summary>Used when a document states no publication date of its own.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Largest file or JSONL line accepted, in bytes.</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>txt, html, jsonl, or null to decide by file extension (stdin: by content).</summary>
    public string? Format { get; init; }

    /// <summary>
    /// When set, every input is named by its path relative to this directory (forward slashes) in its source, its
    /// document's source and its messages, so what is stored carries no absolute path of this machine; null: the path
    /// as given (what <c>analyze</c> prints). <see cref="Ingestor.CommonRoot"/> gives the root of a command's inputs.
    /// </summary>
    public string? Root { get; init; }
}

/// <summary>Reads .txt, .html and .jsonl files, directories (recursively) and stdin into documents, streaming JSONL.</summary>
public static class Ingestor
{
    private static readonly string[] Supported = [".txt", ".text", ".html", ".htm", ".jsonl"];

    public static IEnumerable<IngestItem> Read(string path, IngestOptions options, Func<Stream>? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (path == "-")
        {
            return ReadStdin(stdin ?? OpenStandardInput, options);
        }

        if (Directory.Exists(path))
        {
            return ReadDirectory(path, options);
        }

        if (!File.Exists(path))
        {
            var name = NameOf(path, options.Root);
            return [Fail(name, ErrorCodes.InputNotFound, $"{name}: no such file or directory. Check the path, or pass - to read standard input.")];
        }

        if (!FileKind.IsRegularOrDirectory(path))
        {
            return [NotRegular(NameOf(path, options.Root))];
        }

        return ReadFile(path, options);
    }

    /// <summary>
    /// The directory the inputs of one command are named relative to: the longest common directory of the
    /// arguments, where a directory counts as itself and a file as the directory it is in. So <c>ingest DIR</c> names
    /// files by their path under DIR, <c>ingest /x/a.txt</c> by "a.txt", and <c>ingest a/x.txt b/x.txt</c> by "a/x.txt"
    /// and "b/x.txt": distinct inputs of one command always get distinct names. Null when no argument is a path.
    /// </summary>
    public static string? CommonRoot(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var sep = Path.DirectorySeparatorChar;
        string[]? common = null;
        foreach (var p in paths.Where(p => p != "-"))
        {
            var full = Path.GetFullPath(p);
            var dir = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
            var parts = dir.TrimEnd(sep, Path.AltDirectorySeparatorChar).Split(sep, Path.AltDirectorySeparatorChar);
            common = common is null ? parts : [.. common.Zip(parts).TakeWhile(x => string.Equals(x.First, x.Second, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)).Select(x => x.First)];
        }

        if (common is null || common.Length == 0)
        {
            return null;
        }

        var root = string.Join(sep, common);
        return root.Length == 0 || root.EndsWith(':') ? root + sep : root;
    }

    /// <summary>What an input is called: its path relative to <paramref name="root"/> with forward slashes, or as given without a root.</summary>
    public static string NameOf(string path, string? root)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (root is null || path == "-")
        {
            return path;
        }

        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(root, full);
        if (relative == "." || Path.IsPathRooted(relative))
        {
            // The root itself (a directory argument that fails as a whole), or on another drive: its own name.
            relative = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The exception's message, with the input's full path (which .NET puts in it) replaced by its name under a root.</summary>
    private static string Reason(Exception e, string path, string name, IngestOptions options) =>
        options.Root is null ? e.Message : e.Message.Replace(Path.GetFullPath(path), name, StringComparison.Ordinal).Replace(path, name, StringComparison.Ordinal);

    /// <summary>A FIFO, socket or device: reading it could wait forever, so it is skipped with a warning.</summary>
    private static IngestItem NotRegular(string path) =>
        new(path, null, [new Warning(ErrorCodes.NotRegularFile,
            $"{path}: skipped, not a regular file (a pipe, socket or device, which could block reading). Pipe its content to standard input with -.")]);

    private static IngestItem Fail(string source, string code, string message) =>
        new(source, null, [], new CasefileException(code, message));

    private static IEnumerable<IngestItem> ReadDirectory(string dir, IngestOptions options)
    {
        foreach (var (file, error) in Walk(dir, options.Root))
        {
            if (error is not null)
            {
                yield return error;
                continue;
            }

            var ext = Path.GetExtension(file).ToLowerInvariant();
            var name = NameOf(file, options.Root);
            if (!Supported.Contains(ext))
            {
                yield return new IngestItem(name, null, [new Warning(ErrorCodes.UnsupportedInput, $"{name}: skipped, not .txt, .html or .jsonl.")]);
                continue;
            }

            if (!FileKind.IsRegularOrDirectory(file))
            {
                yield return NotRegular(name);
                continue;
            }

            foreach (var item in ReadFile(file, options))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// The files under <paramref name="dir"/> in ordinal order of their paths; a directory that cannot be listed
    /// is an error (CF1006) for that directory alone, and the walk goes on.
    /// </summary>
    private static IEnumerable<(string File, IngestItem? Error)> Walk(string dir, string? root)
    {
        List<(string Key, string Path, bool IsDir)> entries;
        string? unreadable = null;
        try
        {
            entries = [
                .. Directory.EnumerateFiles(dir).Select(f => (Path.GetFileName(f), f, false)),
                // A symbolic link to a directory is not followed (as .NET's recursive enumeration does not): a link
                // to an ancestor would otherwise walk forever.
                .. Directory.EnumerateDirectories(dir).Where(d => new DirectoryInfo(d).LinkTarget is null).Select(d => (Path.GetFileName(d) + "/", d, true)),
            ];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries = [];
            unreadable = Reason(e, dir, NameOf(dir, root), new IngestOptions { Root = root });
        }

        if (unreadable is not null)
        {
            var name = NameOf(dir, root);
            yield return ("", Fail(name, ErrorCodes.InputUnreadable, $"{name}: the directory could not be read ({unreadable}); its files were skipped. Check its permissions."));
            yield break;
        }

        // Sorting "name/" for directories gives the order of the full paths ("c.txt" before "c/d.txt").
        foreach (var (_, path, isDir) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!isDir)
            {
                yield return (path, null);
                continue;
            }

            foreach (var inner in Walk(path, root))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<IngestItem> ReadFile(string path, IngestOptions options)
    {
        var format = options.Format ?? Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" => "jsonl",
            ".html" or ".htm" => "html",
            _ => null,
        };
        if (format == "jsonl")
        {
            return ReadJsonl(path, options);
        }

        return [ReadWhole(path, format, options)];
    }

    private static IngestItem ReadWhole(string path, string? format, IngestOptions options)
    {
        var name = NameOf(path, options.Root);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > options.MaxBytes)
            {
                return Fail(name, ErrorCodes.InputTooLarge,
                    $"{name} is {length:N0} bytes, over the {options.MaxBytes:N0}-byte limit. Split it, or raise the limit with --max-bytes.");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(name, ErrorCodes.InputUnreadable, $"{name} could not be read ({Reason(e, path, name, options)}). Check its permissions.");
        }

        return FromBytes(bytes, name, format, options);
    }

    /// <summary>A document from bytes as received (a file's content, an upload): encoding detected, HTML extracted when <paramref name="format"/> is html or the bytes look like HTML.</summary>
    public static IngestItem FromBytes(byte[] bytes, string source, string? format, IngestOptions options)
    {
        var warnings = new List<Warning>();
        string text;
        try
        {
            text = TextDecoder.Decode(bytes, source, warnings);
        }
        catch (CasefileException e)
        {
            return new IngestItem(source, null, warnings, e);
        }

        format ??= LooksLikeHtml(text) ? "html" : "txt";
        return FromText(text, source, format, null, null, options.Published, warnings);
    }

    private static IngestItem FromText(string text, string source, string format, string? id, string? title, DateOnly? published, List<Warning> warnings)
    {
        if (format == "html")
        {
            var extracted = HtmlExtractor.Extract(text, source, warnings);
            return new IngestItem(source, new Document(extracted.Text, title ?? extracted.Title, extracted.Published ?? published, source, id: id), warnings);
        }

        return new IngestItem(source, new Document(text, title ?? HeadlineOf(text), published, source, id: id), warnings);
    }

    /// <summary>The first line, when it is short and a blank line follows it.</summary>
    public static string? HeadlineOf(string text)
    {
        var s = text.AsSpan().TrimStart();
        var newline = s.IndexOf('\n');
        if (newline <= 0 || newline > 200)
        {
            return null;
        }

        var rest = s[(newline + 1)..];
        var line = s[..newline].TrimEnd();
        return rest.TrimStart(" \t\r").StartsWith("\n") && line.Length > 0 ? line.ToString() : null;
    }

    private static bool LooksLikeHtml(string text)
    {
        var s = text.AsSpan().TrimStart();
        return s.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || s.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (s.StartsWith("<") && s.Contains("</p>", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Standard input, or CF1008 when the caller closed it (<c>&lt;&amp;-</c>): the runtime then hands out
    /// descriptor 0 for a pipe of its own, and reading it would wait forever.
    /// </summary>
    public static Stream OpenStandardInput() => FileKind.StdinIsClosed()
        ? throw new CasefileException(ErrorCodes.StdinClosed, "standard input is closed; give a file, or pipe the text in (printf '…' | casefile analyze -).")
        : Console.OpenStandardInput();

    private static IEnumerable<IngestItem> ReadStdin(Func<Stream> open, IngestOptions options)
    {
        Stream opened;
        try
        {
            opened = open();
        }
        catch (CasefileException e)
        {
            return [new IngestItem("-", null, [], e)];
        }

        return ReadStdin(opened, options);
    }

    private static IEnumerable<IngestItem> ReadStdin(Stream opened, IngestOptions options)
    {
        using var stream = opened;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > options.MaxBytes)
            {
                yield return Fail("-", ErrorCodes.InputTooLarge, $"standard input is over the {options.MaxBytes:N0}-byte limit. Split it, or raise the limit with --max-bytes.");
                yield break;
            }
        }

        var bytes = buffer.ToArray();
        if (options.Format == "jsonl")
        {
            var warnings = new List<Warning>();
            string text;
            CasefileException? error = null;
            try
            {
                text = TextDecoder.Decode(bytes, "standard input", warnings);
            }
            catch (CasefileException e)
            {
                error = e;
                text = "";
            }

            if (error is not null)
            {
                yield return new IngestItem("-", null, warnings, error);
                yield break;
            }

            foreach (var item in JsonlLines(new StringReader(text), "-", options))
            {
                yield return item;
            }

            yield break;
        }

        yield return FromBytes(bytes, "-", options.Format, options);
    }

    private static IEnumerable<IngestItem> ReadJsonl(string path, IngestOptions options)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var name = NameOf(path, options.Root);
            return [Fail(name, ErrorCodes.InputUnreadable, $"{name} could not be read ({Reason(e, path, name, options)}). Check its permissions.")];
        }

        return Stream(reader);

        IEnumerable<IngestItem> Stream(StreamReader r)
        {
            using (r)
            {
                foreach (var item in JsonlLines(r, NameOf(path, options.Root), options))
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>One document per line: {"id", "title", "published", "text" | "html"}; a bad line is an error for that line only.</summary>
    private static IEnumerable<IngestItem> JsonlLines(TextReader reader, string path, IngestOptions options)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var source = $"{path}:{lineNumber}";
            if (line.Length * 2L > options.MaxBytes)
            {
                yield return Fail(source, ErrorCodes.InputTooLarge, $"{source}: line is over the {options.MaxBytes:N0}-byte limit; it was skipped.");
                continue;
            }

            JsonlRecord? record;
            string? error = null;
            try
            {
                record = JsonSerializer.Deserialize(line, CasefileJsonContext.Default.JsonlRecord);
            }
            catch (JsonException e)
            {
                record = null;
                error = e.Message;
            }

            if (record is null)
            {
                yield return Fail(source, ErrorCodes.MalformedJsonl,
                    $"{source}: not a JSON object ({error ?? "null"}); fix or remove line {lineNumber}. The other lines were processed.");
                continue;
            }

            if (record.Text is null && record.Html is null)
            {
                yield return Fail(source, ErrorCodes.JsonlMissingText, $"{source}: the record has neither \"text\" nor \"html\"; add one.");
                continue;
            }

            DateOnly? published = options.Published;
            if (record.Published is { Length: > 0 } p)
            {
                if (p.Length >= 10 && DateOnly.TryParseExact(p.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    published = date;
                }
                else
                {
                    yield return Fail(source, ErrorCodes.JsonlBadField, $"{source}: \"published\" is '{p}', not a YYYY-MM-DD date; fix it or leave it out.");
                    continue;
                }
            }

            var name = record.Source ?? source;
            yield return FromText(record.Text ?? record.Html!, name, record.Text is null ? "html" : "txt", record.Id, record.Title, published, []);
        }
    }
}
