using System.Collections.Frozen;
using Casefile.Pipeline;

namespace Casefile.Lexicons;

/// <summary>Reads the tab-separated language data compiled into the assembly from /data/lexicons.</summary>
internal static class LexiconFile
{
    /// <summary>Rows of a lexicon file: comment (#) and blank lines skipped, columns split on tabs.</summary>
    public static IReadOnlyList<string[]> Rows(string name, int minColumns) => Rows("lexicons", name, minColumns);

    /// <summary>Rows of a data file compiled from another /data folder ("gazetteers").</summary>
    public static IReadOnlyList<string[]> Rows(string folder, string name, int minColumns)
    {
        var resource = folder + "/" + name;
        using var stream = typeof(LexiconFile).Assembly.GetManifestResourceStream(resource)
            ?? throw new CasefileException(ErrorCodes.LexiconError,
                $"lexicon '{name}' is not compiled into the library; check data/{folder} and rebuild.");
        using var reader = new StreamReader(stream);
        var rows = new List<string[]>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < minColumns || columns[0].Length == 0)
            {
                throw new CasefileException(ErrorCodes.LexiconError,
                    $"lexicon '{name}' line {lineNumber} has {columns.Length} columns, expected {minColumns}; fix data/{folder}/{name}.");
            }

            rows.Add(columns);
        }

        return rows;
    }

    public static FrozenDictionary<string, T> Map<T>(string name, int minColumns, Func<string[], T> value, bool ignoreCase = true)
    {
        var dict = new Dictionary<string, T>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var row in Rows(name, minColumns))
        {
            if (!dict.TryAdd(row[0], value(row)))
            {
                throw new CasefileException(ErrorCodes.LexiconError, $"lexicon '{name}' lists '{row[0]}' twice; keep one.");
            }
        }

        return dict.ToFrozenDictionary(dict.Comparer);
    }
}

/// <summary>
/// Multi-word entries ("more than", "US dollars", "Republic of Kazakhstan") matched against tokens.
/// Keyed by the first word; candidates are tried longest first.
/// </summary>
internal sealed class PhraseTable<T>
{
    private readonly FrozenDictionary<string, (string[] Words, T Value)[]> _byFirst;
    private readonly FrozenDictionary<string, (string[] Words, T Value)[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PhraseTable(IEnumerable<(string Phrase, T Value)> entries, bool ignoreCase = true)
    {
        var comparer = ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var groups = new Dictionary<string, List<(string[] Words, T Value)>>(comparer);
        foreach (var (phrase, value) in entries)
        {
            var words = Segmentation.Tokenizer.Tokenize(phrase).Select(t => phrase[t.Start..t.End]).ToArray();
            if (!groups.TryGetValue(words[0], out var list))
            {
                groups[words[0]] = list = [];
            }

            list.Add((words, value));
        }

        _byFirst = groups.ToFrozenDictionary(g => g.Key, g => g.Value.OrderByDescending(e => e.Words.Length).ToArray(), comparer);
        _lookup = _byFirst.GetAlternateLookup<ReadOnlySpan<char>>();
        IgnoreCase = ignoreCase;
    }

    public bool IgnoreCase { get; }

    /// <summary>The longest entry starting at token <paramref name="index"/>; <c>end</c> is the token after it.</summary>
    public bool TryMatch(string text, ReadOnlySpan<Model.Token> tokens, int index, out T value, out int end)
    {
        value = default!;
        end = index;
        if (index >= tokens.Length)
        {
            return false;
        }

        var first = tokens[index];
        if (!_lookup.TryGetValue(text.AsSpan(first.Start, first.Length), out var candidates))
        {
            return false;
        }

        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (words, candidate) in candidates)
        {
            if (index + words.Length > tokens.Length)
            {
                continue;
            }

            var ok = true;
            for (var k = 1; k < words.Length && ok; k++)
            {
                var t = tokens[index + k];
                // A phrase never reaches across a blank line: that is always a sentence (and paragraph) break.
                ok = text.AsSpan(t.Start, t.Length).Equals(words[k], comparison)
                    && !(t.NewlineBefore && text.AsSpan(tokens[index + k - 1].End, t.Start - tokens[index + k - 1].End).Count('\n') >= 2);
            }

            if (ok)
            {
                value = candidate;
                end = index + words.Length;
                return true;
            }
        }

        return false;
    }
}
