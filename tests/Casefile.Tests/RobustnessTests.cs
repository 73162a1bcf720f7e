using System.Collections.Immutable;
using System.Text;
using Casefile.Ingest;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Tests.Support;

namespace Casefile.Tests;

/// <summary>Issue 24's defects, each with the smallest input that showed it: no exception, spans intact, nothing lost.</summary>
public sealed class RobustnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("casefile-robust-").FullName;

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (var d in Directory.EnumerateDirectories(_dir, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static AnalyzedDocument Analyze(string text, string? published)
    {
        var analyzed = CasefileAnalyzer.Run(new Document(text, published: published is null ? null : DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture)));
        SpanInvariant.Check(analyzed);
        return analyzed;
    }

    [Theory]
    [InlineData("paid.", "2024-03-20")]
    [InlineData("Transferred.", "2024-03-20")]
    [InlineData("wired", "2024-03-20")]
    [InlineData("Anna Petrova was appointed", "2024-03-20")]
    [InlineData("Sergei Volkov, who served as", "2024-03-20")]
    [InlineData("It happened 1,000,000 days ago.", "2024-03-20")]
    [InlineData("200,000 weeks ago", "2024-03-20")]
    [InlineData("In July.", "0001-01-01")]
    [InlineData("Tomorrow.", "0001-01-01")]
    [InlineData("Last year, on Monday.", "0001-01-01")]
    [InlineData("In July.", "9999-12-31")]
    [InlineData("Tomorrow.", "9999-12-31")]
    [InlineData("Next month, next year, in two days.", "9999-12-31")]
    [InlineData("Ivan Petrov, born in 1961, was detained on 3 May 2020. He was sentenced to 9,999 years in prison. He will be 75 on release.", "2024-03-20")]
    [InlineData("Ivan Petrov, born in 1961, was sentenced to 8,658 years. He will be 70 when he is released.", "9999-12-31")]
    public void Ordinary_texts_that_crashed_are_analysed(string text, string published) => Analyze(text, published);

    [Theory]
    [InlineData("It happened 1,000,000 days ago.", "2024-03-20")]
    [InlineData("Tomorrow.", "9999-12-31")]
    [InlineData("Yesterday.", "0001-01-01")]
    public void A_date_outside_years_1_to_9999_is_found_but_left_unresolved(string text, string published)
    {
        var time = Assert.Single(Analyze(text, published).Get(Layers.Times));
        Assert.Null(time.Value);
    }

    [Fact]
    public void A_date_at_the_edge_of_the_calendar_still_resolves()
    {
        Assert.Equal("0001-01-02", Assert.Single(Analyze("Tomorrow.", "0001-01-01").Get(Layers.Times)).Value);
        Assert.Equal("9999-12-30", Assert.Single(Analyze("Yesterday.", "9999-12-31").Get(Layers.Times)).Value);
    }

    [Fact]
    public void SafeDates_say_null_outside_the_calendar()
    {
        Assert.Null(SafeDates.AddDays(DateOnly.MaxValue, 1));
        Assert.Null(SafeDates.AddMonths(DateOnly.MinValue, -1));
        Assert.Equal(new DateOnly(2024, 2, 29), SafeDates.AddMonths(new DateOnly(2024, 1, 31), 1));
        Assert.Equal(new DateOnly(2023, 12, 31), SafeDates.AddMonths(new DateOnly(2024, 1, 31), -1));
        Assert.Null(SafeDates.Create(10_000, 1, 1));
        Assert.Equal(new DateOnly(2023, 2, 28), SafeDates.Create(2023, 2, 31));
    }

    [Fact]
    public void A_certainty_cue_never_reaches_across_a_paragraph_break()
    {
        var claims = Analyze("The mill is\n\nexpected to open.", null).Get(Layers.Claims);
        var first = claims.First(c => c.Start == 0);
        Assert.Null(first.CertaintyCue);
        Assert.Equal("asserted", first.Certainty);
        // The same words on one line are a hedge with the cue inside the claim.
        var one = Analyze("The mill is expected to open.", null).Get(Layers.Claims).Single();
        Assert.Equal(("hedged", 9, 23), (one.Certainty, one.CertaintyCue!.Start, one.CertaintyCue.End));
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters_one_for_one_with_a_warning()
    {
        var text = "Anna Petrova\ud800 met Oleg Sokolov in Almaty.\udc00";
        var analyzed = CasefileAnalyzer.Run(new Document(text));
        SpanInvariant.Check(analyzed);
        Assert.Equal(text.Length, analyzed.Document.Text.Length);
        Assert.Equal("Anna Petrova\ufffd met Oleg Sokolov in Almaty.\ufffd", analyzed.Document.Text);
        var warning = Assert.Single(analyzed.Warnings, w => w.Code == ErrorCodes.LoneSurrogates);
        Assert.Contains("2 UTF-16 surrogate(s)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("offset 12", warning.Message, StringComparison.Ordinal);

        // The JSON holds no U+FFFD that the text does not, and every mention's text is the text at its span.
        var json = Json.Parse(Output.CaseFileJson.Serialize(CasefileAnalyzer.ToCaseFile(analyzed), indented: false));
        foreach (var m in json.GetProperty("mentions").EnumerateArray())
        {
            Assert.Equal(analyzed.Document.Text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()], m.GetProperty("text").GetString());
        }

        // A surrogate pair is left alone.
        Assert.Equal("A 😀 b", new Document("A 😀 b").Text);
        Assert.Equal(0, new Document("A 😀 b").LoneSurrogates);
    }

    [Fact]
    public void A_pronoun_participant_keeps_its_words_and_names_the_entity_apart()
    {
        var analyzed = Analyze("Sergei Volkov appeared in court on Monday. He was sentenced to five years in prison.", "2024-03-20");
        var sentence = Assert.Single(analyzed.Get(Layers.Events), e => e.Type == "sentence");
        var p = sentence.Participants[0];
        Assert.Equal(("He", "Sergei Volkov"), (p.Text, p.EntityName));
        Assert.Equal("He", analyzed.Document.Text[p.Start..p.End]);
    }

    private sealed class FailsOn(string marker) : IComponent
    {
        public string Name => "fails-on-purpose";
        public IReadOnlyList<Layer> Requires => [];
        public IReadOnlyList<Layer> Provides => [];
        public void Process(AnalysisContext context)
        {
            if (context.Text.Contains(marker, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("planted failure");
            }
        }
    }

    private static AnalysisPipeline WithFailure(AnalysisPipeline pipeline)
    {
        var builder = new PipelineBuilder();
        foreach (var c in pipeline.Components)
        {
            builder.Add(c);
        }

        return builder.Add(new FailsOn("PLANTED")).Build();
    }

    [Fact]
    public void TryRun_turns_an_exception_into_CF9002_naming_the_document()
    {
        var (analyzed, error) = WithFailure(CasefileAnalyzer.DefaultPipeline).TryRun(new Document("A PLANTED text.", source: "bad.txt"));
        Assert.Null(analyzed);
        Assert.Equal(ErrorCodes.DocumentFailed, error!.Code);
        Assert.StartsWith("bad.txt: analysing this document failed (InvalidOperationException: planted failure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_failing_document_costs_none_of_the_others_in_its_batch()
    {
        var dir = Path.Combine(_dir, "batch");
        Directory.CreateDirectory(dir);
        for (var i = 0; i < 40; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"{i:00}.txt"), i == 5 ? "This one is PLANTED." : $"The court fined Orbis {i + 1} million tenge.");
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Cli.Cli.PipelineForTests.Value = WithFailure;
        int exit;
        try
        {
            exit = Cli.Cli.Run(["analyze", dir, "-f", "jsonl"], stdout, stderr, () => Stream.Null);
        }
        finally
        {
            Cli.Cli.PipelineForTests.Value = null;
        }

        Assert.Equal(1, exit);
        Assert.Equal(39, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"error CF9002: {Path.Combine(dir, "05.txt")}: analysing this document failed", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 input(s) failed; the others were analysed.", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_over_the_window_size_keeps_one_coordinate_space_and_running_ids()
    {
        var paragraph = "Prosecutor Anna Petrova said on Monday that Sergei Volkov was sentenced to 16 years in prison by the Almaty court.";
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 60));
        var pipeline = CasefileAnalyzer.DefaultPipeline.WithWindowChars(1000);
        var windowed = pipeline.Run(new Document(text, published: new DateOnly(2024, 3, 20)));
        SpanInvariant.Check(windowed);
        var whole = CasefileAnalyzer.DefaultPipeline.Run(new Document(text, published: new DateOnly(2024, 3, 20)));
        Assert.Contains(windowed.Warnings, w => w.Code == ErrorCodes.LargeDocumentWindows);
        Assert.DoesNotContain(whole.Warnings, w => w.Code == ErrorCodes.LargeDocumentWindows);

        // Windows end at paragraph breaks, so every window sees whole sentences: the same tokens, sentences and events.
        Assert.Equal(whole.Get(Layers.Tokens), windowed.Get(Layers.Tokens));
        Assert.Equal(whole.Get(Layers.Sentences), windowed.Get(Layers.Sentences));
        // Restatements merge within a window, not across: the one sentence of the whole text is one per window.
        var windows = AnalysisPipeline.Windows(text, 1000).Count;
        Assert.Equal(1, whole.Get(Layers.Events).Count(e => e.Type == "sentence"));
        Assert.Equal(windows, windowed.Get(Layers.Events).Count(e => e.Type == "sentence"));
        Assert.Equal(Enumerable.Range(1, windowed.Get(Layers.Events).Length).Select(i => $"v{i}"), windowed.Get(Layers.Events).Select(e => e.Id));

        // Entity ids run on across windows: e1… then the next window's, never repeated.
        var ids = windowed.Get(Layers.Entities).Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Count).Select(i => $"e{i}"), ids);
    }

    [Fact]
    public void Windows_are_cut_at_blank_lines_then_lines_then_sentences_then_spaces()
    {
        var text = new string('a', 600) + "\n\n" + new string('b', 600) + "\n" + new string('c', 600);
        var windows = AnalysisPipeline.Windows(text, 1000);
        Assert.Equal([new Span(0, 602), new Span(602, 1203), new Span(1203, text.Length)], windows);
        var sentences = string.Concat(Enumerable.Repeat("Words and words. ", 100));
        Assert.All(AnalysisPipeline.Windows(sentences, 1000).SkipLast(1), w => Assert.Equal(". ", sentences[(w.End - 2)..w.End]));
        var words = string.Join(' ', Enumerable.Repeat("word", 600));
        Assert.All(AnalysisPipeline.Windows(words, 1000).SkipLast(1), w => Assert.Equal(' ', words[w.End - 1]));
        var solid = new string('x', 2500);
        Assert.Equal([new Span(0, 1000), new Span(1000, 2000), new Span(2000, 2500)], AnalysisPipeline.Windows(solid, 1000));
        var pairs = string.Concat(Enumerable.Repeat("😀", 800));
        Assert.All(AnalysisPipeline.Windows(pairs, 1000), w => Assert.False(char.IsLowSurrogate(pairs[w.Start])));
    }

    [Fact]
    public void A_run_without_sentence_ends_is_cut_into_sentences_of_at_most_250_tokens_at_commas()
    {
        var text = string.Join(", ", Enumerable.Repeat("officials said the money was paid", 200));
        var sentences = Analyze(text, null).Get(Layers.Sentences);
        var tokens = Segmentation.Tokenizer.Tokenize(text);
        Assert.True(sentences.Length > 1);
        foreach (var s in sentences)
        {
            Assert.InRange(tokens.Count(t => t.Start >= s.Start && t.End <= s.End), 1, Segmentation.SentenceSplitter.MaxTokens);
        }

        Assert.All(sentences.SkipLast(1), s => Assert.Equal(',', text[s.End - 1]));
    }

    [Fact]
    public void The_budget_leaves_later_layers_empty_with_CF1401()
    {
        var slow = new SlowComponent();
        var builder = new PipelineBuilder();
        foreach (var c in CasefileAnalyzer.DefaultPipeline.Components.Take(2))
        {
            builder.Add(c);
        }

        var pipeline = builder.Add(slow).Build().WithBudget(TimeSpan.FromMilliseconds(50));
        var analyzed = pipeline.Run(new Document("One sentence here. And another."));
        var warning = Assert.Single(analyzed.Warnings, w => w.Code == ErrorCodes.AnalysisBudgetExceeded);
        Assert.Contains("in 'slow'", warning.Message, StringComparison.Ordinal);
        Assert.True(analyzed.Has(Layers.Mentions));
        Assert.Empty(analyzed.Get(Layers.Mentions));
        Assert.Equal(2, analyzed.Get(Layers.Sentences).Length);
    }

    private sealed class SlowComponent : IComponent
    {
        public string Name => "slow";
        public IReadOnlyList<Layer> Requires => [Layers.Sentences];
        public IReadOnlyList<Layer> Provides => [Layers.Mentions];
        public void Process(AnalysisContext context)
        {
            var end = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < end)
            {
                AnalysisBudget.ThrowIfExceeded();
                Thread.Sleep(1);
            }

            context.Set(Layers.Mentions, ImmutableArray<Mention>.Empty);
        }
    }

    [Fact]
    public void Html_nested_deeper_than_the_limit_is_read_flat_in_one_pass()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 20_000)) + "<p>The court fined Orbis &amp; Co.</p><script>x()</script><p>Second<br>line</p>"
            + string.Concat(Enumerable.Repeat("</div>", 20_000)) + "</body></html>";
        var warnings = new List<Warning>();
        var extracted = HtmlExtractor.Extract(html, "deep.html", warnings);
        Assert.Equal("The court fined Orbis & Co.\n\nSecond\nline", extracted.Text);
        Assert.Contains(warnings, w => w.Code == ErrorCodes.HtmlTooDeep);
        Assert.Equal(20_003, HtmlExtractor.NestingDepth(html)); // html, body, the divs, p
        Assert.Equal(3, HtmlExtractor.NestingDepth("<div><p>a<br><img src=x><span>b</span></p><hr/></div><!-- <div><div><div><div> -->"));
    }

    [Fact]
    public async Task A_fifo_in_a_directory_or_given_as_a_path_is_skipped_with_CF1007()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("FIFOs are a Linux test here.");
        }

        var dir = Path.Combine(_dir, "fifo");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.txt"), "The court fined Orbis.");
        var fifo = Path.Combine(dir, "b.txt");
        Assert.Equal(0, Shell.Run("mkfifo", [fifo], TimeSpan.FromSeconds(30)).Exit);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var task = Task.Run(() => Cli.Cli.Run(["analyze", dir, fifo, "-f", "jsonl"], stdout, stderr, () => Stream.Null), TestContext.Current.CancellationToken);
        var exit = await task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(0, exit);
        Assert.Single(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, stderr.ToString().Split('\n').Count(l => l.StartsWith($"warning CF1007: {fifo}: skipped, not a regular file", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_symbolic_link_to_an_ancestor_directory_is_not_followed()
    {
        var dir = Path.Combine(_dir, "loop");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "a.txt"), "The court fined Orbis.");
        Directory.CreateSymbolicLink(Path.Combine(dir, "sub", "back"), dir);
        var items = Ingestor.Read(dir, new IngestOptions()).Take(10).ToList();
        Assert.Equal([Path.Combine(dir, "sub", "a.txt")], items.Select(i => i.Source));
    }

    [Fact]
    public void Closed_standard_input_ends_at_once_with_CF1008()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The closed-stdin check reads /proc.");
        }

        var cli = Shell.Cli();
        var run = Shell.Run("bash", "-c", $"exec {cli} analyze - <&-", TimeSpan.FromSeconds(60));
        Assert.Equal(1, run.Exit);
        Assert.Contains("error CF1008: standard input is closed", run.Err, StringComparison.Ordinal);

        var piped = Shell.Run("bash", "-c", $"printf 'He left.' | {cli} analyze - -f jsonl", TimeSpan.FromSeconds(60));
        Assert.Equal(0, piped.Exit);
        Assert.Contains("\"length\":8", piped.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_subdirectory_is_an_error_for_that_directory_alone()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Permissions are a Linux test here.");
            return;
        }

        var dir = Path.Combine(_dir, "perm");
        Directory.CreateDirectory(Path.Combine(dir, "locked"));
        Directory.CreateDirectory(Path.Combine(dir, "open"));
        File.WriteAllText(Path.Combine(dir, "locked", "x.txt"), "The court fined Orbis.");
        File.WriteAllText(Path.Combine(dir, "open", "y.txt"), "The court fined Orbis again.");
        File.WriteAllText(Path.Combine(dir, "z.txt"), "The court fined Orbis once more.");
        File.SetUnixFileMode(Path.Combine(dir, "locked"), UnixFileMode.None);
        foreach (var d in new[] { _dir, dir, Path.Combine(dir, "open") })
        {
            File.SetUnixFileMode(d, (UnixFileMode)0b111_101_101);
        }

        // As root every directory is readable, so the command runs as nobody when this test runs as root.
        var run = Shell.Run("bash", "-c", $"{Shell.AsAnotherUser()}{Shell.Cli()} analyze {Shell.Quote(dir)} -f jsonl", TimeSpan.FromSeconds(120));
        Assert.Equal(1, run.Exit);
        Assert.Equal(2, run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains($"error CF1006: {Path.Combine(dir, "locked")}: the directory could not be read", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("CF9001", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_commands_work_on_a_store_that_cannot_be_written()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Permissions are a Linux test here.");
            return;
        }

        var dir = Path.Combine(_dir, "store");
        Directory.CreateDirectory(Path.Combine(dir, "in"));
        File.WriteAllText(Path.Combine(dir, "in", "a.txt"), "The court in Almaty sentenced Sergei Volkov to five years. Volkov denied the charges.");
        File.WriteAllText(Path.Combine(dir, "in", "b.txt"), "Sergei Volkov appealed against the sentence on Monday.");
        var db = Path.Combine(dir, "affair.db");
        Assert.Equal(0, Cli.Cli.Run(["ingest", Path.Combine(dir, "in"), "--db", db], new StringWriter(), new StringWriter(), () => Stream.Null));

        // The store's file and folder are read-only and the commands run as another user (root writes anything),
        // the way a store on a read-only share or file system is read. The corpus entity table is stale (never built).
        foreach (var f in Directory.GetFiles(dir))
        {
            File.SetUnixFileMode(f, (UnixFileMode)0b100_100_100);
        }

        foreach (var d in new[] { _dir, dir })
        {
            File.SetUnixFileMode(d, (UnixFileMode)0b101_101_101);
        }

        var asNobody = Shell.AsAnotherUser();
        var before = File.ReadAllBytes(db);
        foreach (var command in new[] { $"search sentenced --db {Shell.Quote(db)}", $"entities --db {Shell.Quote(db)}", $"entity Volkov --db {Shell.Quote(db)}", $"findings --db {Shell.Quote(db)}", $"timeline --db {Shell.Quote(db)}" })
        {
            var run = Shell.Run("bash", "-c", $"{asNobody}{Shell.Cli()} {command}", TimeSpan.FromSeconds(120));
            Assert.True(run.Exit == 0, $"{command}: exit {run.Exit}: {run.Err}");
            Assert.DoesNotContain("CF2802", run.Err, StringComparison.Ordinal);
            if (command.StartsWith("entities", StringComparison.Ordinal))
            {
                Assert.Contains("Sergei Volkov", run.Out, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void Tokenizing_a_window_gives_the_whole_texts_tokens_inside_it()
    {
        var text = "First part here.\n\nSecond part, with $3.5m.";
        var all = Segmentation.Tokenizer.Tokenize(text);
        var window = new Span(18, text.Length);
        Assert.Equal(all.Where(t => t.Start >= 18).ToArray(), Segmentation.Tokenizer.Tokenize(text, window).ToArray());
    }

    [Fact]
    public void A_jsonl_line_with_a_lone_surrogate_escape_is_an_error_for_that_line_alone()
    {
        // System.Text.Json refuses invalid UTF-16 in a string: the line is CF1201 and the next line is read.
        var path = Path.Combine(_dir, "s.jsonl");
        File.WriteAllText(path, "{\"id\":\"a\",\"text\":\"Anna\\ud800 Petrova left.\"}\n{\"id\":\"b\",\"text\":\"Oleg left.\"}\n", new UTF8Encoding(false));
        var items = Ingestor.Read(path, new IngestOptions()).ToList();
        Assert.Equal(ErrorCodes.MalformedJsonl, items[0].Error!.Code);
        Assert.Equal("Oleg left.", items[1].Document!.Text);
    }
}

/// <summary>A command run to its end with what it printed (for the tests that need a real process: closed stdin, another user).</summary>
internal static class Shell
{
    public static (int Exit, string Out, string Err) Run(string file, params string[] args) => Run(file, args, TimeSpan.FromSeconds(60));

    public static (int Exit, string Out, string Err) Run(string file, string a, string b, TimeSpan timeout) => Run(file, [a, b], timeout);

    public static (int Exit, string Out, string Err) Run(string file, string[] args, TimeSpan timeout)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var p = System.Diagnostics.Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in {timeout}");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// A prefix that runs a command as nobody when the tests run as root (root reads and writes anything, so
    /// permission tests would pass vacuously); empty otherwise. Skips the test when setpriv is missing.
    /// </summary>
    public static string AsAnotherUser()
    {
        if (Environment.UserName != "root")
        {
            return "";
        }

        if (Run("bash", "-c", "command -v setpriv", TimeSpan.FromSeconds(30)).Exit != 0)
        {
            Assert.Skip("setpriv (util-linux) is needed to drop root for this test.");
        }

        return "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    }

    /// <summary>The casefile command of this build: dotnet and the CLI's assembly beside the tests.</summary>
    public static string Cli() => "dotnet " + Quote(Path.Combine(AppContext.BaseDirectory, "Casefile.Cli.dll"));

    public static string Quote(string s) => s.StartsWith("dotnet ", StringComparison.Ordinal) ? s : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
