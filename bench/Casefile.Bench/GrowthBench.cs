using System.Diagnostics;
using System.Globalization;
using System.Text;
using Casefile;
using Casefile.Ingest;
using Casefile.Model;

/// <summary>
/// `--growth`: time per character of the whole pipeline on one document of growing size, for natural text and
/// for each pathological shape of issue 24, as a ratio to the same kind's 100 KB figure (the bar: within 2x at
/// every size), and the process's peak working set after the largest. Natural text is the samples and, when
/// ../shared is beside the repository, the Wikinews articles, read at run time and repeated to size.
/// </summary>
internal static class GrowthBench
{
    public static void Run(string root, string[] args)
    {
        var quick = args.Contains("--quick");
        var natural = NaturalText(root);
        var kinds = new (string Name, Func<int, string> Make, bool Html)[]
        {
            ("natural text", n => Repeat(natural, n), false),
            ("pronouns in one sentence", n => Repeat("Anna Petrova said that she told them and she ", n), false),
            ("he with a male name", n => Repeat("Sergei Volkov said he thought he ", n), false),
            ("one sentence repeated", n => Repeat("Prosecutor Anna Petrova said on Monday that Sergei Volkov, 45, was sentenced to 16 years and fined $3.5m by the Almaty court. ", n), false),
            ("no full stop", n => Repeat("the court said that he paid money to the firm and she was detained in the city while officials denied it ", n), false),
            ("unclosed bracket", n => "(" + Repeat("Volkov paid $3m to Orbis. He was detained. ", n - 1), false),
            ("names and pronouns", n => Repeat("Li her ", n), false),
            ("nested divs", n => NestedDivs(n), true),
        };
        int[] sizes = quick ? [1_000, 100_000, 1_000_000] : [1_000, 100_000, 1_000_000, 10_000_000];
        Console.WriteLine($"growth: whole pipeline, one document per size; ratio = (time per char) / (time per char at 100 KB); {Environment.ProcessorCount} cores, one used");
        Console.WriteLine($"{"kind",-26} {"size",12} {"seconds",9} {"µs/char",9} {"ratio",6}");
        CasefileAnalyzer.Analyze("Warm-up text. He paid $3m on Monday.");
        var worst = 0.0;
        foreach (var (name, make, html) in kinds)
        {
            double? reference = null;
            var rows = new List<(int Size, double Seconds)>();
            foreach (var size in sizes.Where(s => !html || s <= 10_000_000))
            {
                var text = make(size);
                var seconds = Time(text, html);
                rows.Add((size, seconds));
                if (size == 100_000)
                {
                    reference = seconds / text.Length;
                }
            }

            foreach (var (size, seconds) in rows)
            {
                var perChar = seconds / size;
                var ratio = reference is { } r ? perChar / r : double.NaN;
                if (size > 100_000)
                {
                    worst = Math.Max(worst, ratio);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {size,12:N0} {seconds,9:0.000} {perChar * 1e6,9:0.00} {ratio,6:0.00}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result: worst ratio above 100 KB {worst:0.00} (bar 2.00); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB (bar 1,000 MB for 10 MB)"));
    }

    private static double Time(string text, bool html)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        if (html)
        {
            var item = Ingestor.FromBytes(Encoding.UTF8.GetBytes(text), "growth.html", "html", new IngestOptions());
            CasefileAnalyzer.ToCaseFile(CasefileAnalyzer.Run(item.Document!, item.Warnings));
        }
        else
        {
            var caseFile = CasefileAnalyzer.Analyze(text, new AnalyzeOptions { Published = new DateOnly(2024, 3, 20) });
            _ = Casefile.Output.CaseFileJson.Serialize(caseFile, indented: false).Length;
        }

        return watch.Elapsed.TotalSeconds;
    }

    private static string NaturalText(string root)
    {
        var files = Directory.GetFiles(Path.Combine(root, "samples"), "*.txt").ToList();
        var wikinews = Path.Combine(root, "..", "shared", "corpus", "wikinews");
        if (Directory.Exists(wikinews))
        {
            files.AddRange(Directory.GetFiles(wikinews, "*.txt"));
        }

        return string.Join("\n\n", files.Order(StringComparer.Ordinal).Select(File.ReadAllText)) + "\n\n";
    }

    private static string Repeat(string unit, int size)
    {
        var sb = new StringBuilder(size + unit.Length);
        while (sb.Length < size)
        {
            sb.Append(unit);
        }

        return sb.ToString(0, size);
    }

    private static string NestedDivs(int size)
    {
        var depth = Math.Max(1, (size - 60) / 11);
        return "<html><body>" + Repeat("<div>", depth * 5) + "<p>The court sentenced him.</p>" + Repeat("</div>", depth * 6) + "</body></html>";
    }
}
