using System.Collections.Frozen;
using Casefile.Lexicons;
using Casefile.Model;

namespace Casefile.Claims;

/// <summary>A cue from data/lexicons/claim-cues.tsv: its class (verb, noun, prep, passive, citing) and effect.</summary>
internal sealed record CueEntry(string Class, string Effect);

/// <summary>A source noun from data/lexicons/claim-sources.tsv.</summary>
internal sealed record SourceEntry(string Kind, bool Delegate);

/// <summary>The claim lexicons, read once from the compiled data files.</summary>
internal sealed class ClaimData
{
    private static readonly Lazy<ClaimData> Shared = new(() => new ClaimData());

    private ClaimData()
    {
        Cues = new PhraseTable<CueEntry>(LexiconFile.Rows("claim-cues.tsv", 3).Select(r => (r[0], new CueEntry(r[1], r[2]))));
        Sources = new PhraseTable<SourceEntry>(LexiconFile.Rows("claim-sources.tsv", 2)
            .Select(r => (r[0], new SourceEntry(Check(r[1]), r.Length > 2 && r[2] == "delegate"))));
        CertaintyCues = new PhraseTable<string>(LexiconFile.Rows("certainty-cues.tsv", 2).Select(r => (r[0], r[1])));
        EventVerbs = LexiconFile.Rows("claim-fact-words.tsv", 1).Select(r => r[0]).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public static ClaimData Instance => Shared.Value;

    public PhraseTable<CueEntry> Cues { get; }

    public PhraseTable<SourceEntry> Sources { get; }

    public PhraseTable<string> CertaintyCues { get; }

    /// <summary>Words that make a statement checkable ("detained", "paid", "sentenced").</summary>
    public FrozenSet<string> EventVerbs { get; }

    private static string Check(string kind) => SourceKinds.All.Contains(kind)
        ? kind
        : throw new Pipeline.CasefileException(Pipeline.ErrorCodes.LexiconError,
            $"lexicon 'claim-sources.tsv' names kind '{kind}', which is not one of {string.Join(", ", SourceKinds.All)}; fix data/lexicons/claim-sources.tsv.");
}
