using System.Globalization;
using System.Text;
using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;

namespace Casefile.Tests;

/// <summary>
/// Invented texts for the search, filter and paging tests: one long court diary in which "sentenced" occurs in many short
/// sentences (so it fills any sentence-count cap), eight more documents with "sentenced" once (two of them state two
/// different terms for the same person: a cross-document finding), one with French guillemets, and short council notes
/// with many different names (for paging documents and entities).
/// </summary>
internal static class SearchTexts
{
    public const string KovalA = "Koval verdict one\n\nA court in Velmar sentenced Arsen Koval to 9 years in prison on Monday.";

    public const string KovalB = "Koval verdict two\n\nArsen Koval was sentenced to 6 years in prison, a court in Velmar said.";

    public const string FrenchSentence = "The defence lawyer told reporters «Nous ferons appel» minutes after the judge sentenced Lucien Marot.";

    public const string French = "Appeal in Dorvik\n\n" + FrenchSentence;

    /// <summary>A diary with <paramref name="days"/> short sentences with "sentenced".</summary>
    public static string Diary(int days)
    {
        var b = new StringBuilder("Court diary\n\n");
        for (var i = 1; i <= days; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"On day {i} a man was sentenced. ");
        }

        return b.ToString().TrimEnd();
    }

    public static readonly string[] Others =
    [
        "Harbour fraud\n\nA judge in Ostrel sentenced the harbour master Ivo Brenn for fraud after a long trial about the missing fees.",
        "Forger jailed\n\nThe regional court has sentenced a forger named Tomas Ulver, the prosecutor of the northern district announced.",
        "Bribery case\n\nFormer deputy mayor Rada Sorn was sentenced on Friday for taking bribes from a road builder in the city of Kelm.",
        "Smuggling ring\n\nThree members of a smuggling ring were sentenced in Marrow, among them the driver Olek Pasternak and his cousin.",
        "Tax official\n\nA tax official called Mira Delvan, who had hidden income for years, was sentenced to a fine by the court of Brisk.",
    ];

    private static readonly string[] First = ["Anna", "Boris", "Clara", "Davit", "Elena", "Farid", "Galya", "Henrik", "Irma", "Jonas", "Kira"];

    private static readonly string[] Last = ["Varn", "Holt", "Ismar", "Kell", "Lorn", "Mettis", "Norrat", "Orvel", "Pellam"];

    /// <summary>A council note naming a mayor and a town no other note names.</summary>
    public static string Note(int i) =>
        $"Council note {i}\n\nMayor {First[i % First.Length]} {Last[i / First.Length % Last.Length]}ov of Town{i}grad opened a bridge over the river on 3 May 2024.";

    /// <summary>Writes the documents into <paramref name="dir"/>/in and ingests them.</summary>
    public static void Fill(CaseStore store, string dir, int diaryDays, int notes)
    {
        var input = Path.Combine(dir, "in-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "diary.txt"), Diary(diaryDays));
        File.WriteAllText(Path.Combine(input, "koval-a.txt"), KovalA);
        File.WriteAllText(Path.Combine(input, "koval-b.txt"), KovalB);
        File.WriteAllText(Path.Combine(input, "french.txt"), French);
        for (var i = 0; i < Others.Length; i++)
        {
            File.WriteAllText(Path.Combine(input, $"other-{i}.txt"), Others[i]);
        }

        for (var i = 0; i < notes; i++)
        {
            File.WriteAllText(Path.Combine(input, $"note-{i:000}.txt"), Note(i));
        }

        var summary = IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [input], new IngestOptions());
        Assert.Equal(0, summary.Failed);
    }

    /// <summary>The documents of the fixture with "sentenced": the diary, the two Koval verdicts, the French appeal and the others.</summary>
    public const int Sentenced = 4 + 5;
}

/// <summary>A SQLite store with the search texts: a diary of 300 days and 56 council notes (65 documents).</summary>
public sealed class SearchCorpus : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("casefile-search-").FullName;

    public StoreLocation Location { get; }

    public const int Documents = 65;

    public SearchCorpus()
    {
        Location = StoreLocation.Parse(Path.Combine(Dir, "search.db"));
        using var store = CaseStore.Open(Location);
        SearchTexts.Fill(store, Dir, diaryDays: 300, notes: Documents - SearchTexts.Sentenced);
    }

    public CaseStore Open() => CaseStore.Open(Location);

    public Casefile.Web.WebOptions Options() =>
        new() { Store = Location, Port = 0, Environment = "Production", LogLevel = Microsoft.Extensions.Logging.LogLevel.None };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}
