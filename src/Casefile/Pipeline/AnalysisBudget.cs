using System.Diagnostics;

namespace Casefile.Pipeline;

/// <summary>Thrown by <see cref="AnalysisBudget.ThrowIfExceeded"/>; the pipeline turns it into warning CF1401.</summary>
public sealed class AnalysisBudgetExceededException : Exception
{
    public AnalysisBudgetExceededException()
        : base("the analysis budget per document is exhausted") { }

    public AnalysisBudgetExceededException(string message)
        : base(message) { }

    public AnalysisBudgetExceededException(string message, Exception inner)
        : base(message, inner) { }
}

/// <summary>
/// The per-document time budget of the running analysis on this thread. Loops whose trip count grows
/// with the document call <see cref="ThrowIfExceeded"/> (a clock read, no allocation); components run
/// synchronously on the pipeline's thread, so the deadline is thread-local.
/// </summary>
public static class AnalysisBudget
{
    [ThreadStatic]
    private static long _deadline;

    [ThreadStatic]
    private static int _countdown;

    /// <summary>Arms the budget for the current thread until the returned scope is disposed (none for an infinite, non-positive or over-a-year budget).</summary>
    public static Scope Start(TimeSpan budget)
    {
        var previous = _deadline;
        _deadline = budget == Timeout.InfiniteTimeSpan || budget <= TimeSpan.Zero || budget.TotalDays > 365
            ? 0
            : Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        return new Scope(previous);
    }

    /// <summary>Throws <see cref="AnalysisBudgetExceededException"/> once the deadline has passed; reads the clock every 64th call (every call with <paramref name="force"/>).</summary>
    public static void ThrowIfExceeded(bool force = false)
    {
        if (_deadline == 0 || (--_countdown > 0 && !force))
        {
            return;
        }

        _countdown = 64;
        if (Stopwatch.GetTimestamp() > _deadline)
        {
            throw new AnalysisBudgetExceededException();
        }
    }

    public readonly struct Scope(long previous) : IDisposable
    {
        public void Dispose() => _deadline = previous;
    }
}
