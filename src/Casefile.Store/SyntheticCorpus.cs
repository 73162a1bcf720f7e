using System.Globalization;
using System.Text;

namespace Casefile.Store;

/// <summary>
/// Invented news articles for the store's tests and the ingest benchmark: court cases, detentions, payments and
/// statements about made-up people, bodies and places, about <c>targetChars</c> long each, the same for a seed.
/// </summary>
internal static class SyntheticCorpus
{
    private static readonly string[] Given = ["Arman", "Dana", "Oleg", "Saule", "Timur", "Irina", "Bakyt", "Lena", "Ruslan", "Gulnar", "Pavel", "Aida", "Nurlan", "Marta", "Yerlan", "Zhanna"];
    private static readonly string[] Surnames = ["Kemelov", "Ostrova", "Baitenov", "Lisova", "Zharkov", "Mukanova", "Tergenov", "Valko", "Serikova", "Dulatov", "Pranke", "Ormanova", "Kessler", "Abenov", "Rudak", "Issina"];
    private static readonly string[] Bodies = ["State Audit Committee", "Ministry of Transport", "Ministry of Energy", "Anti-Corruption Agency", "Central Election Commission", "Port Authority of Velsk", "Customs Service"];
    private static readonly string[] Companies = ["Orbis Trading LLP", "Nordline Logistics Ltd", "Karat Mining JSC", "Selvik Bank", "Vostok Fuel Group", "Tarsk Cement LLP"];
    private static readonly string[] Cities = ["Velsk", "Tarsk", "Orsk", "Kerrow", "Lindau", "Ostmark", "Brenna"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Offences = ["embezzlement", "abuse of office", "money laundering", "bribery", "fraud on a large scale"];

    public static IEnumerable<(string Name, string Text)> Generate(int count, int seed = 7, int targetChars = 5000)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return ($"article-{i:D5}.txt", Article(random, i, targetChars));
        }
    }

    /// <summary>Writes <paramref name="count"/> articles as .txt files into <paramref name="directory"/>; returns their total length in chars.</summary>
    public static long WriteTo(string directory, int count, int seed = 7, int targetChars = 5000)
    {
        Directory.CreateDirectory(directory);
        long chars = 0;
        foreach (var (name, text) in Generate(count, seed, targetChars))
        {
            File.WriteAllText(Path.Combine(directory, name), text);
            chars += text.Length;
        }

        return chars;
    }

    private static string Article(Random r, int n, int targetChars)
    {
        string P(string[] list) => list[r.Next(list.Length)];
        string Person() => $"{P(Given)} {P(Surnames)}";
        var accused = Person();
        var surname = accused.Split(' ')[1];
        var body = P(Bodies);
        var city = P(Cities);
        var year = 2015 + r.Next(9);
        var b = new StringBuilder(targetChars + 600);
        b.Append(CultureInfo.InvariantCulture, $"Report {n}: {surname} case in {city}\n\n");
        b.Append(CultureInfo.InvariantCulture, $"{accused}, the former head of the {body}, was detained in {city} on {1 + r.Next(28)} {P(Months)} {year}. ");
        b.Append(CultureInfo.InvariantCulture, $"{surname} headed the {body} from {P(Months)} {year - 4} to {P(Months)} {year - 1}.\n\n");
        while (b.Length < targetChars)
        {
            switch (r.Next(6))
            {
                case 0:
                    b.Append(CultureInfo.InvariantCulture, $"The court in {P(Cities)} sentenced {Person()} to {2 + r.Next(15)} years in prison for {P(Offences)}. ");
                    break;
                case 1:
                    b.Append(CultureInfo.InvariantCulture, $"According to the prosecutor's office, {P(Companies)} paid {1 + r.Next(90)} million tenge to {P(Companies)} in {year - r.Next(3)}. ");
                    break;
                case 2:
                    b.Append(CultureInfo.InvariantCulture, $"{Person()}, a spokesman for the {P(Bodies)}, said the investigation was continuing. ");
                    break;
                case 3:
                    b.Append(CultureInfo.InvariantCulture, $"He was charged under Article {150 + r.Next(250)} of the Criminal Code, the {P(Bodies)} said in a statement. ");
                    break;
                case 4:
                    b.Append(CultureInfo.InvariantCulture, $"Telegram channels reported that {surname} had planned to leave for {P(Cities)} in {P(Months)}. ");
                    break;
                default:
                    b.Append(CultureInfo.InvariantCulture, $"At least {3 + r.Next(40)} people were detained during protests in {P(Cities)}, officials said.\n\n");
                    break;
            }
        }

        return b.ToString();
    }
}
