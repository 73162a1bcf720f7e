using System.Data.Common;
using System.Globalization;
using Casefile.Model;
using Casefile.Pipeline;
using Casefile.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Casefile.Web;

/// <summary>How the in-process worker of <c>casefile serve</c> runs the analysis jobs.</summary>
public sealed record JobWorkerOptions
{
    /// <summary>Analyses at a time (each on a thread of its own).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>How often the queue is looked at when nothing was signalled (jobs of another server, expired leases).</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim holds without renewal (renewed every third of it): a dead server's job is taken again after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No worker runs (tests: a server that stops before it processes anything).</summary>
    public bool Paused { get; init; }
}

/// <summary>Wakes the worker when the Analyse page has enqueued a job.</summary>
public sealed class JobSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Dispose() => _signal.Dispose();

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancel) => _signal.WaitAsync(timeout, cancel);
}

/// <summary>
/// The background worker of <c>casefile serve</c>: takes the web app's jobs from the store's queue (<see cref="AnalysisJobs"/>),
/// analyses each with the server's pipeline (its time budget included) and stores it. Started with the server, it
/// first takes what a stopped server left behind. A stop during an analysis gives the job back unfinished.
/// </summary>
internal sealed class JobWorker(WebOptions web, JobWorkerOptions options, JobSignal signal, ILogger<JobWorker> log) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<JobSignal>();
        services.AddSingleton(new JobWorkerOptions());
        services.AddHostedService<JobWorker>();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Paused ? Task.CompletedTask : Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(() => Loop(stoppingToken), CancellationToken.None)));

    private async Task Loop(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await TakeOne(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store unreachable, say: the jobs stay queued and are tried again on the next round.
                log.LogError(e, "the analysis job worker failed; trying again in {Poll}", options.Poll);
            }

            if (!worked)
            {
                try
                {
                    await signal.WaitAsync(options.Poll, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> TakeOne(CancellationToken stop)
    {
        ClaimedJob? job = null;
        using (var store = CaseStore.Open(web.Store))
        {
            foreach (var id in AnalysisJobs.Pending(store))
            {
                job = AnalysisJobs.TryClaim(store, id, _owner, options.Lease);
                if (job is not null)
                {
                    break;
                }
            }
        }

        if (job is null)
        {
            return false;
        }

        var stage = new StageBox(AnalysisJobs.Analysing(job.Text.Length)); // what the claim wrote
        using var renewal = new Timer(_ => Renew(job, Volatile.Read(ref stage.Value)), null, options.Lease / 3, options.Lease / 3);
        var analysis = Task.Factory.StartNew(() => Run(job, stage, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await analysis.WaitAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The analysis cannot be interrupted; it finishes without writing (Run checks the token), and the job is
            // given back so the next start takes it at once.
            await renewal.DisposeAsync();
            using var store = CaseStore.Open(web.Store);
            AnalysisJobs.Release(store, job.Id, _owner);
            throw;
        }

        return true;
    }

    private void Renew(ClaimedJob job, string stage)
    {
        try
        {
            using var store = CaseStore.Open(web.Store);
            AnalysisJobs.Progress(store, job, _owner, stage, options.Lease);
        }
        catch (Exception e) when (e is DbException or CasefileException)
        {
            log.LogWarning(e, "renewing the lease of job {Id} failed", job.Id);
        }
    }

    private void Run(ClaimedJob job, StageBox stage, CancellationToken stop)
    {
        using var store = CaseStore.Open(web.Store);
        var pipeline = web.Pipeline ?? CasefileAnalyzer.DefaultPipeline;
        StoredInput input;
        try
        {
            var hash = Document.HashId(job.Text);
            var analyzed = pipeline.Run(new Document(job.Text, job.Title, job.Published, job.Source), job.Warnings);
            input = StoredInput.Prepare(hash, job.DocKey, job.Text, CasefileAnalyzer.ToCaseFile(analyzed));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!stop.IsCancellationRequested)
            {
                AnalysisJobs.Fail(store, job, StoreErrors.AnalysisFailed, $"analysis failed: {e.GetType().Name}: {e.Message}");
            }

            return;
        }

        if (stop.IsCancellationRequested)
        {
            return; // the server is stopping: the job stays queued for its next start
        }

        Volatile.Write(ref stage.Value, "storing");
        AnalysisJobs.Progress(store, job, _owner, "storing", options.Lease);
        try
        {
            AnalysisJobs.Complete(store, job, input);
        }
        catch (DbException e)
        {
            AnalysisJobs.RecordError(store, job, _owner, e.Message);
            log.LogWarning(e, "storing job {Id} failed; it is tried again", job.Id);
        }
    }

    /// <summary>The stage the analysis thread is in, read by the lease renewal.</summary>
    private sealed class StageBox(string value)
    {
        public string Value = value;
    }
}

/// <summary>A job's status as <c>/api/jobs/{id}</c> gives it (what the job page polls).</summary>
public sealed record JobStatusBody(
    string Id, string State, string Detail, string? Title, string? Source, int Chars, string? EnqueuedAt, string? Stage, string? StartedAt,
    double? ElapsedSeconds, double? BudgetSeconds, int Ahead, string? Document, string? Url, string? Code, string? Error);

[System.Text.Json.Serialization.JsonSerializable(typeof(JobStatusBody))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class JobJson : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>What the job page and its JSON say about a job.</summary>
internal static class JobView
{
    public static void Map(IEndpointRouteBuilder e) =>
        e.MapGet("/api/jobs/{id}", (CaseStore store, WebOptions options, string id, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return AnalysisJobs.Status(store, id) is { } status
                ? Results.Json(Body(status, options), JobJson.Default.JobStatusBody)
                : Results.Json(new ApiErrorBody(WebErrors.NotFound, $"no analysis job {id}: jobs are made by the Analyse page (/analyze)"), WebJson.Default.ApiErrorBody, statusCode: 404);
        });

    public static JobStatusBody Body(JobStatus s, WebOptions options)
    {
        var elapsed = s.StartedAt is { } started && DateTime.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? Math.Max(0, (DateTime.UtcNow - t).TotalSeconds) : (double?)null;
        var budget = (options.Pipeline ?? CasefileAnalyzer.DefaultPipeline).Budget ?? AnalysisPipeline.DefaultBudget(s.Chars);
        double? budgetSeconds = s.State is JobStates.Queued or JobStates.Analysing && budget != Timeout.InfiniteTimeSpan ? budget.TotalSeconds : null;
        return new JobStatusBody(s.Id, s.State, Detail(s, elapsed, budgetSeconds), s.Title, s.Source, s.Chars, s.EnqueuedAt, s.Stage, s.StartedAt,
            elapsed is null ? null : Math.Round(elapsed.Value, 1), budgetSeconds, s.Ahead, s.DocumentId, s.DocumentId is null ? null : "/documents/" + s.DocumentId, s.Code, s.Message);
    }

    /// <summary>One line for a person: where the job is and what comes next.</summary>
    public static string Detail(JobStatus s, double? elapsed, double? budget) => s.State switch
    {
        JobStates.Queued => string.Create(CultureInfo.InvariantCulture,
            $"waiting for the analyser: {(s.Ahead == 0 ? "next in line" : $"{s.Ahead} job{(s.Ahead == 1 ? "" : "s")} ahead")}; {s.Chars:N0} characters{(s.Attempts > 0 ? $" (interrupted {s.Attempts} time{(s.Attempts == 1 ? "" : "s")}; taken again)" : "")}."),
        JobStates.Analysing => string.Create(CultureInfo.InvariantCulture,
            $"{s.Stage}{(elapsed is { } e ? $", {e:0} s so far" : "")}{(budget is { } b ? $" (at most {b:0} s: the analysis budget)" : "")}."),
        JobStates.Stored => s.Outcome switch
        {
            LogStatus.Unchanged => "this text was stored already: nothing new to analyse.",
            LogStatus.NewVersion => "stored as a new version of the document.",
            _ => "stored.",
        },
        _ => "the text could not be analysed.",
    };
}
