using System.Globalization;
using Casefile.Fuzz;

// The fuzzing campaign's command line; docs/fuzzing.md.
var inv = CultureInfo.InvariantCulture;
long seed = 1;
long? count = null;
double? minutes = null;
long? index = null;
var replay = false;
var minimize = false;
var threads = 2;
double timeoutSeconds = 10;
string? outDir = null;
string? shared = null;
string? text = null;
DateOnly? published = null;
var html = false;
var extremeDates = true;
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--count": count = long.Parse(Value(), inv); break;
        case "--minutes": minutes = double.Parse(Value(), inv); break;
        case "--seed": seed = long.Parse(Value(), inv); break;
        case "--index": index = long.Parse(Value(), inv); break;
        case "--threads": threads = int.Parse(Value(), inv); break;
        case "--timeout-seconds": timeoutSeconds = double.Parse(Value(), inv); break;
        case "--out": outDir = Value(); break;
        case "--shared": shared = Value(); break;
        case "--replay": replay = true; break;
        case "--minimize": minimize = true; break;
        case "--text": text = Value(); break;
        case "--published": published = DateOnly.ParseExact(Value(), "yyyy-MM-dd", inv); break;
        case "--html": html = true; break;
        case "--no-extreme-dates": extremeDates = false; break;
        case "-h" or "--help":
            Console.WriteLine("""
                usage: Casefile.Fuzz --count N | --minutes M [--seed S] [--no-extreme-dates] [--threads 2] [--timeout-seconds 10] [--out artifacts/fuzz] [--shared ../shared]
                       Casefile.Fuzz --replay --seed S --index I [--minimize]
                       Casefile.Fuzz --replay --text "..." [--published YYYY-MM-DD] [--html] [--minimize]   (C# escapes \n \uXXXX allowed)
                """);
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; see --help");
            return 2;
    }
}

var root = FuzzCorpus.FindRepoRoot();
var corpus = FuzzCorpus.Load(root, shared);
var campaign = new FuzzCampaign(corpus, extremeDates);
var timeout = TimeSpan.FromSeconds(timeoutSeconds);

if (replay)
{
    FuzzInput input;
    if (text is not null)
    {
        var unescaped = System.Text.RegularExpressions.Regex.Unescape(text);
        input = new FuzzInput(seed, -1, "given", unescaped, published, html ? System.Text.Encoding.UTF8.GetBytes(unescaped) : null);
    }
    else if (index is { } at)
    {
        input = campaign.Generate(seed, at);
    }
    else
    {
        Console.Error.WriteLine("--replay needs --seed S --index I, or --text");
        return 2;
    }

    Console.WriteLine($"seed {seed} index {input.Index}: kind {input.Kind}, {(input.IsHtml ? "html" : "text")}, published {input.PublishedText}, {input.Text.Length} chars");
    Console.WriteLine(Escape.Literal(input.Text));
    var outcome = FuzzCampaign.RunWithTimeout(input, timeout);
    if (outcome is null)
    {
        Console.WriteLine($"HANG: no result after {timeoutSeconds} s");
        return 1;
    }

    if (outcome.Failure is not { } failure)
    {
        Console.WriteLine("ok: no exception, span invariant holds");
        return 0;
    }

    Console.WriteLine($"{failure.Kind}: {failure.Class}");
    Console.WriteLine(failure.Detail);
    if (minimize)
    {
        var small = Minimizer.Minimize(input, failure, timeout, log: m => Console.Error.WriteLine("minimize: " + m));
        Console.WriteLine($"minimal ({small.Text.Length} chars, {(small.IsHtml ? "html" : "text")}, published {small.PublishedText}):");
        Console.WriteLine(Escape.Literal(small.Text));
    }

    return 1;
}

if (count is null && minutes is null)
{
    Console.Error.WriteLine("give --count N or --minutes M (or --replay --seed S --index I); see --help");
    return 2;
}

outDir ??= Path.Combine(root, "artifacts", "fuzz");
foreach (var note in corpus.Notes)
{
    Console.WriteLine("note: " + note);
}

Console.WriteLine($"fuzz: seed {seed}, {(count is { } c ? $"{c} inputs" : "")}{(count is not null && minutes is not null ? " or " : "")}{(minutes is { } m ? $"{m} min" : "")}, {threads} threads, timeout {timeoutSeconds} s, failures to {outDir}");
var result = campaign.Run(new FuzzOptions
{
    Seed = seed,
    Count = count,
    Duration = minutes is { } mm ? TimeSpan.FromMinutes(mm) : null,
    Threads = threads,
    Timeout = timeout,
    OutDir = outDir,
    ProgressInterval = TimeSpan.FromSeconds(5),
    Progress = p => Console.WriteLine($"  {p.Elapsed:hh\\:mm\\:ss} {p.Inputs} inputs ({p.PerSecond:0} /s), {p.Exceptions} exceptions, {p.Hangs} hangs, {p.SpanViolations} span violations"),
});

foreach (var group in result.Classes)
{
    var first = group.First();
    var lines = group.Select(f => f.TopFrame).OfType<string>().Where(f => f != FuzzFailure.MethodOf(f)).Distinct().Order(StringComparer.Ordinal).ToList();
    Console.WriteLine($"{group.Count(),6} × {group.Key}{(lines.Count > 0 ? "   [" + string.Join(", ", lines.Select(l => l[(l.LastIndexOf('(') + 1)..^1])) + "]" : "")}");
    Console.WriteLine($"         shortest: #{first.Input.Index} [{first.Input.Kind}, published {first.Input.PublishedText}] {Escape.Literal(first.Input.Text, 200)}");
}

Console.WriteLine($"{result.PerSecond:0.0} inputs/s over {result.Elapsed.TotalSeconds:0} s");
Console.WriteLine(result.SummaryLine);
// Stuck threads are background threads: exiting leaves none behind.
return result.Ok ? 0 : 1;
