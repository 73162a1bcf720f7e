using System.Diagnostics;
using System.Globalization;
using System.Text;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Output;
using Casefile.Pipeline;

namespace Casefile.Fuzz;

public enum FailureKind
{
    Exception,
    Hang,
    SpanViolation,
}

/// <summary>One input that failed, with what is needed to replay it.</summary>
public sealed record FuzzFailure(FailureKind Kind, FuzzInput Input, string Summary, string? ExceptionType, string? TopFrame, string Detail)
{
    /// <summary>Exception type + the first frame in Casefile code (or the hang / violation path shape): failures of one class are one bug.</summary>
    public string Class => Kind switch
    {
        FailureKind.Exception => $"{ExceptionType} at {MethodOf(TopFrame)}",
        FailureKind.Hang => $"hang ({Input.Kind})",
        _ => $"span violation: {Summary}",
    };

    /// <summary>A frame without its "(File.cs:line)": Release builds lose the line of inlined frames, so classes are per method.</summary>
    public static string MethodOf(string? frame) => frame is null ? "?" : System.Text.RegularExpressions.Regex.Replace(frame, @" \([^()]*:\d+\)$", "");

    public string Replay => $"dotnet run -c Release --project tests/Casefile.Fuzz -- --replay --seed {Input.Seed} --index {Input.Index}{(Input.ExtremeDates ? "" : " --no-extreme-dates")}";

    public override string ToString() => $"#{Input.Index} {Kind} {Class} [{Input.Kind}, published {Input.PublishedText}, {Input.Text.Length} chars] — {Replay}";
}

/// <summary>What one run of one input gave.</summary>
public sealed record RunOutcome(FuzzInput Input, FuzzFailure? Failure, string? DocumentText);

public sealed record FuzzOptions
{
    public long Seed { get; init; } = 1;
    /// <summary>Stop after this many inputs (null: only the time limit).</summary>
    public long? Count { get; init; }
    /// <summary>Stop starting new inputs after this long (null: only the count).</summary>
    public TimeSpan? Duration { get; init; }
    public int Threads { get; init; } = 2;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>The campaign is aborted after this many hangs (each leaves a stuck thread behind).</summary>
    public int MaxHangs { get; init; } = 3;
    /// <summary>Where failures are written, one file each (null: not written).</summary>
    public string? OutDir { get; init; }
    /// <summary>At most this many failure files per failure class (a common crasher would otherwise write one file per input).</summary>
    public int MaxFilesPerClass { get; init; } = 25;
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Called every <see cref="ProgressInterval"/> with the progress so far.</summary>
    public Action<FuzzProgress>? Progress { get; init; }
}

public sealed record FuzzProgress(long Inputs, int Exceptions, int Hangs, int SpanViolations, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
}

public sealed record FuzzResult(long Seed, long Inputs, IReadOnlyList<FuzzFailure> Failures, TimeSpan Elapsed, bool Aborted, IReadOnlyList<string> Notes)
{
    public int Exceptions => Failures.Count(f => f.Kind == FailureKind.Exception);
    public int Hangs => Failures.Count(f => f.Kind == FailureKind.Hang);
    public int SpanViolations => Failures.Count(f => f.Kind == FailureKind.SpanViolation);
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
    public bool Ok => Failures.Count == 0;

    public string SummaryLine => $"fuzz: {Inputs} inputs, {Exceptions} exceptions, {Hangs} hangs, {SpanViolations} span violations (seed {Seed})"
        + (Aborted ? $" — aborted after {Hangs} hangs" : "");

    /// <summary>Failures grouped by class, the shortest input of each class first.</summary>
    public IEnumerable<IGrouping<string, FuzzFailure>> Classes =>
        Failures.OrderBy(f => f.Input.Text.Length).ThenBy(f => f.Input.Index).GroupBy(f => f.Class).OrderByDescending(g => g.Count());
}

/// <summary>A fuzzing campaign: inputs 0, 1, 2… of a seed, each run through the default pipeline on a worker
/// thread under a watchdog, every exception caught, the span invariant checked on the emitted JSON.</summary>
public sealed class FuzzCampaign
{
    private readonly FuzzGenerator _generator;

    public FuzzCampaign(FuzzCorpus corpus, bool extremeDates = true)
    {
        Corpus = corpus;
        _generator = new FuzzGenerator(corpus, extremeDates);
    }

    public FuzzCorpus Corpus { get; }

    public FuzzInput Generate(long seed, long index) => _generator.Generate(seed, index);

    /// <summary>Runs one input on the calling thread: analysis, JSON, span walk. Never throws.</summary>
    public static RunOutcome RunOne(FuzzInput input)
    {
        Document? document = null;
        try
        {
            AnalyzedDocument analyzed;
            if (input.HtmlBytes is { } bytes)
            {
                var item = Ingestor.FromBytes(bytes, "fuzz.html", "html", new IngestOptions { Published = input.Published });
                if (item.Document is null)
                {
                    // A reported input error (e.g. undecodable bytes) is the library working as documented.
                    return new RunOutcome(input, null, null);
                }

                document = item.Document;
                analyzed = CasefileAnalyzer.Run(document, item.Warnings);
            }
            else
            {
                document = new Document(input.Text, published: input.Published);
                analyzed = CasefileAnalyzer.Run(document);
            }

            var json = CaseFileJson.Serialize(CasefileAnalyzer.ToCaseFile(analyzed, includeTokens: true), indented: false);
            var violations = SpanWalker.Check(json, analyzed.Document.Text);
            if (violations.Count > 0)
            {
                var first = violations[0];
                var shape = System.Text.RegularExpressions.Regex.Replace(first.Path, @"\[\d+\]", "[]");
                var what = first.Message.Contains("is not within", StringComparison.Ordinal) ? "out of range"
                    : first.Message.Contains(SpanWalker.OnlySurrogates, StringComparison.Ordinal) ? "text differs only where the text has a lone surrogate (JSON writes U+FFFD)"
                    : first.Message.StartsWith('\'') ? "text differs" : "malformed";
                return new RunOutcome(input, new FuzzFailure(FailureKind.SpanViolation, input, $"{shape} {what}", null, null,
                    string.Join("\n", violations)), analyzed.Document.Text);
            }

            return new RunOutcome(input, null, analyzed.Document.Text);
        }
        catch (Exception e)
        {
            return new RunOutcome(input, new FuzzFailure(FailureKind.Exception, input, e.Message, e.GetType().FullName, TopFrame(e), e.ToString()), document?.Text);
        }
    }

    /// <summary>The first stack frame in Casefile's own code (not the fuzzer), as Type.Method (file:line when known), else the top frame.</summary>
    public static string TopFrame(Exception e)
    {
        var frames = new StackTrace(e, true).GetFrames();
        var ours = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.FullName is { } t && t.StartsWith("Casefile.", StringComparison.Ordinal) && !t.StartsWith("Casefile.Fuzz.", StringComparison.Ordinal));
        var frame = ours ?? frames.FirstOrDefault();
        if (frame?.GetMethod() is not { } method)
        {
            return "(no frame)";
        }

        var type = method.DeclaringType?.FullName ?? "?";
        // Lambdas and local functions live in compiler-made nested types: name the outer type.
        type = System.Text.RegularExpressions.Regex.Replace(type, @"\+<>c(__DisplayClass[\d_]+)?$", "");
        var file = frame.GetFileName() is { } f ? $" ({Path.GetFileName(f)}:{frame.GetFileLineNumber()})" : "";
        return $"{type}.{method.Name}{file}";
    }

    /// <summary>Runs <paramref name="input"/> on a fresh thread; null when it did not finish within <paramref name="timeout"/> (the thread is abandoned).</summary>
    public static RunOutcome? RunWithTimeout(FuzzInput input, TimeSpan timeout)
    {
        RunOutcome? outcome = null;
        var thread = new Thread(() => outcome = RunOne(input), 64 * 1024 * 1024) { IsBackground = true, Name = "fuzz-replay" };
        thread.Start();
        return thread.Join(timeout) ? outcome : null;
    }

    public FuzzResult Run(FuzzOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count is null && options.Duration is null)
        {
            throw new ArgumentException("a campaign needs a count or a duration");
        }

        var clock = Stopwatch.StartNew();
        var failures = new List<FuzzFailure>();
        long next = -1;
        long done = 0;
        var hangs = 0;
        var stop = false;
        var gate = new object();
        var workers = new List<Worker>();
        if (options.OutDir is { } outDir)
        {
            Directory.CreateDirectory(outDir);
        }

        var filesPerClass = new Dictionary<string, int>(StringComparer.Ordinal);
        var written = new HashSet<string>(StringComparer.Ordinal);
        void Record(FuzzFailure failure)
        {
            bool write;
            lock (gate)
            {
                failures.Add(failure);
                filesPerClass[failure.Class] = filesPerClass.GetValueOrDefault(failure.Class) + 1;
                write = filesPerClass[failure.Class] <= options.MaxFilesPerClass;
            }

            if (write && options.OutDir is { } dir)
            {
                var path = WriteFailure(dir, failure);
                lock (gate)
                {
                    written.Add(path);
                }
            }
        }

        bool Continue() => !Volatile.Read(ref stop) && (options.Duration is not { } d || clock.Elapsed < d);

        Worker StartWorker()
        {
            var worker = new Worker();
            worker.Thread = new Thread(() =>
            {
                while (Continue())
                {
                    var index = Interlocked.Increment(ref next);
                    if (options.Count is { } count && index >= count)
                    {
                        break;
                    }

                    var input = _generator.Generate(options.Seed, index);
                    lock (worker)
                    {
                        worker.Current = input;
                        worker.StartedAt = clock.Elapsed;
                    }

                    var outcome = RunOne(input);
                    lock (worker)
                    {
                        if (worker.Abandoned)
                        {
                            return; // the watchdog gave up on this input; a replacement worker carries on
                        }

                        worker.Current = null;
                    }

                    if (outcome.Failure is { } failure)
                    {
                        Record(failure);
                    }

                    Interlocked.Increment(ref done);
                }

                worker.Finished = true;
            }, 64 * 1024 * 1024) { IsBackground = true, Name = "fuzz-worker" };
            worker.Thread.Start();
            return worker;
        }

        for (var i = 0; i < Math.Max(1, options.Threads); i++)
        {
            workers.Add(StartWorker());
        }

        var lastProgress = TimeSpan.Zero;
        while (true)
        {
            Thread.Sleep(50);
            for (var i = 0; i < workers.Count; i++)
            {
                var w = workers[i];
                FuzzInput? stuck = null;
                lock (w)
                {
                    if (!w.Finished && !w.Abandoned && w.Current is { } current && clock.Elapsed - w.StartedAt > options.Timeout)
                    {
                        w.Abandoned = true;
                        stuck = current;
                    }
                }

                if (stuck is not null)
                {
                    Record(new FuzzFailure(FailureKind.Hang, stuck, $"no result after {options.Timeout.TotalSeconds:0.#} s", null, null,
                        $"input {stuck.Index} did not finish within {options.Timeout.TotalSeconds:0.#} s; its thread was abandoned"));
                    Interlocked.Increment(ref done);
                    if (++hangs >= options.MaxHangs)
                    {
                        Volatile.Write(ref stop, true);
                    }
                    else
                    {
                        workers[i] = StartWorker();
                    }
                }
            }

            if (options.Progress is { } progress && clock.Elapsed - lastProgress >= options.ProgressInterval)
            {
                lastProgress = clock.Elapsed;
                lock (gate)
                {
                    progress(new FuzzProgress(Interlocked.Read(ref done), failures.Count(f => f.Kind == FailureKind.Exception), hangs,
                        failures.Count(f => f.Kind == FailureKind.SpanViolation), clock.Elapsed));
                }
            }

            if (workers.All(w => w.Finished || w.Abandoned))
            {
                break;
            }
        }

        List<FuzzFailure> sorted;
        lock (gate)
        {
            sorted = [.. failures.OrderBy(f => f.Input.Index)];
        }

        if (options.OutDir is { } outputs)
        {
            // Which failures got a file depended on the threads' timing; keep the first ones of each class by index instead.
            lock (gate)
            {
                var keep = sorted.GroupBy(f => f.Class).SelectMany(g => g.Take(options.MaxFilesPerClass)).ToList();
                var keepPaths = keep.Select(f => FailurePath(outputs, f)).ToHashSet(StringComparer.Ordinal);
                foreach (var path in written.Where(p => !keepPaths.Contains(p)))
                {
                    File.Delete(path);
                }

                foreach (var f in keep.Where(f => !written.Contains(FailurePath(outputs, f))))
                {
                    WriteFailure(outputs, f);
                }
            }
        }

        return new FuzzResult(options.Seed, Interlocked.Read(ref done), sorted, clock.Elapsed, hangs >= options.MaxHangs, Corpus.Notes);
    }

    public static string FailurePath(string dir, FuzzFailure failure) =>
        Path.Combine(dir, $"seed{failure.Input.Seed}-{failure.Input.Index:D8}-{failure.Kind.ToString().ToLowerInvariant()}.txt");

    /// <summary>One file per failure: everything needed to replay it, and the input text itself.</summary>
    public static string WriteFailure(string dir, FuzzFailure failure)
    {
        var input = failure.Input;
        var path = FailurePath(dir, failure);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"seed: {input.Seed}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"index: {input.Index}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"kind: {input.Kind}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"format: {(input.IsHtml ? "html (bytes through Ingestor.FromBytes)" : "text")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"published: {input.PublishedText}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"failure: {failure.Kind}: {failure.Class}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"replay: {failure.Replay}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"text (C# literal): {Escape.Literal(input.Text)}");
        if (input.HtmlBytes is { } bytes)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"bytes (base64): {Convert.ToBase64String(bytes)}");
        }

        sb.AppendLine("detail:");
        sb.AppendLine(failure.Detail);
        sb.AppendLine("----- text as is -----");
        sb.Append(input.Text);
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false, false));
        return path;
    }

    private sealed class Worker
    {
        public Thread? Thread;
        public FuzzInput? Current;
        public TimeSpan StartedAt;
        public bool Abandoned;
        public volatile bool Finished;
    }
}
