using System.Collections.Concurrent;
using Casefile.Model;

namespace Casefile.Store;

/// <summary>
/// Parsed case files with their texts, per store and document id, for this process (the web app reads the same documents on
/// every entity page). Bounded by the characters held: past <see cref="MaxChars"/> it starts again empty, which costs a
/// re-read, never a wrong answer (stored case files never change under their id).
/// </summary>
internal static class ParsedCache
{
    /// <summary>About 50 million characters of text, with their case files a few hundred MB at most.</summary>
    public const long MaxChars = 50_000_000;

    private static readonly ConcurrentDictionary<(string Store, string Id), (CaseFile CaseFile, string Text)> Entries = new();
    private static long _chars;

    public static (CaseFile CaseFile, string Text)? TryGet(string store, string id) => Entries.TryGetValue((store, id), out var hit) ? hit : null;

    public static (CaseFile CaseFile, string Text) Add(string store, string id, CaseFile caseFile, string text)
    {
        if (Interlocked.Add(ref _chars, text.Length) > MaxChars)
        {
            Entries.Clear();
            Interlocked.Exchange(ref _chars, text.Length);
        }

        Entries[(store, id)] = (caseFile, text);
        return (caseFile, text);
    }
}
