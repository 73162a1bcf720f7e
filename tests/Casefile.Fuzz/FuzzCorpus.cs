using System.Text;

namespace Casefile.Fuzz;

/// <summary>What the generators draw on, all read at run time: the repository's samples, its lexicons
/// (first column of each non-comment row) and, when present, the real articles of ../shared/corpus/wikinews.</summary>
public sealed class FuzzCorpus
{
    private FuzzCorpus(IReadOnlyList<string> texts, IReadOnlyList<string> html, IReadOnlyList<string> wikinews,
        IReadOnlyList<IReadOnlyList<string>> lexicons, IReadOnlyDictionary<string, IReadOnlyList<string>> byName, IReadOnlyList<string> notes)
    {
        LexiconsByName = byName;
        Texts = texts;
        Html = html;
        Wikinews = wikinews;
        Lexicons = lexicons;
        Notes = notes;
    }

    /// <summary>samples/*.txt (and the texts of samples/*.jsonl lines are not used: they repeat the .txt style).</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>samples/*.html.</summary>
    public IReadOnlyList<string> Html { get; }

    /// <summary>../shared/corpus/wikinews/*.txt, or empty when that folder is absent.</summary>
    public IReadOnlyList<string> Wikinews { get; }

    /// <summary>One word list per data/lexicons/*.tsv file (sorted by file name), first column of each row.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Lexicons { get; }

    /// <summary>The same lists by file name without extension ("event-triggers", "claim-cues"…).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> LexiconsByName { get; }

    /// <summary>The named lexicon, or every word of all of them when that file is gone.</summary>
    public IReadOnlyList<string> Lexicon(string name) => LexiconsByName.TryGetValue(name, out var words) ? words : Lexicons.SelectMany(l => l).ToArray();

    /// <summary>Sources that were skipped, for the campaign's header.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The repository root: the first folder holding Casefile.slnx above the working directory or this binary.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Casefile.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Casefile.slnx not found above " + Directory.GetCurrentDirectory() + " or " + AppContext.BaseDirectory);
    }

    /// <param name="shared">The shared folder (default: ../shared beside the repository).</param>
    public static FuzzCorpus Load(string? repoRoot = null, string? shared = null)
    {
        repoRoot ??= FindRepoRoot();
        shared ??= Path.GetFullPath(Path.Combine(repoRoot, "..", "shared"));
        var notes = new List<string>();
        var samples = Path.Combine(repoRoot, "samples");
        var texts = Files(samples, "*.txt");
        var html = Files(samples, "*.html");
        var wikinewsDir = Path.Combine(shared, "corpus", "wikinews");
        string[] wikinews;
        if (Directory.Exists(wikinewsDir))
        {
            wikinews = Files(wikinewsDir, "*.txt");
        }
        else
        {
            wikinews = [];
            notes.Add($"{wikinewsDir} not found: mutations of real articles skipped (samples only)");
        }

        var lexicons = new List<IReadOnlyList<string>>();
        var byName = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(repoRoot, "data", "lexicons"), "*.tsv").Order(StringComparer.Ordinal))
        {
            var words = File.ReadLines(file, Encoding.UTF8)
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => l.Split('\t')[0].Trim())
                .Where(w => w.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (words.Length > 0)
            {
                lexicons.Add(words);
                byName[Path.GetFileNameWithoutExtension(file)] = words;
            }
        }

        if (texts.Length == 0 || lexicons.Count == 0)
        {
            throw new InvalidOperationException($"no samples/*.txt or data/lexicons/*.tsv under {repoRoot}");
        }

        return new FuzzCorpus(texts, html, wikinews, lexicons, byName, notes);
    }

    private static string[] Files(string dir, string pattern) =>
        Directory.Exists(dir)
            ? Directory.GetFiles(dir, pattern).Order(StringComparer.Ordinal).Select(f => File.ReadAllText(f, Encoding.UTF8)).ToArray()
            : [];
}
