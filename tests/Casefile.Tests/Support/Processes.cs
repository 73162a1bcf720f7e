using System.Diagnostics;
using Casefile.Store;
using Npgsql;

namespace Casefile.Tests.Support;

/// <summary>The casefile command as a child process (for SIGKILL tests and several workers at once).</summary>
internal static class CliProcess
{
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Casefile.Cli.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var p = Process.Start(start)!;
        p.StandardError.ReadToEndAsync(); // drain, so the child never blocks on a full pipe
        return p;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up (Process.Kill sends SIGKILL on Unix).</summary>
    public static void Kill9(Process p)
    {
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    /// <summary>Waits for a child to exit with status 0 and returns what it printed.</summary>
    public static string Finish(Process p, TimeSpan timeout)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            Kill9(p);
            Assert.Fail($"casefile did not finish in {timeout}");
        }

        Assert.True(p.ExitCode == 0, $"casefile exited with {p.ExitCode}: {stdout.Result}");
        return stdout.Result;
    }
}

/// <summary>
/// The PostgreSQL cluster that test.sh starts (CASEFILE_TEST_PG). Each test gets a database of its own. Without it the
/// tests skip with the reason, except under CI=true, where that is a failure.
/// </summary>
internal static class Postgres
{
    public static string NewDatabase()
    {
        var url = Environment.GetEnvironmentVariable("CASEFILE_TEST_PG");
        if (string.IsNullOrEmpty(url))
        {
            const string why = "CASEFILE_TEST_PG is not set: run ./test.sh, which starts a throwaway PostgreSQL on 127.0.0.1";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(why + " — required in CI.");
            }

            Assert.Skip(why + "; PostgreSQL test skipped.");
        }

        var name = "cf_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(StoreLocation.Parse(url).ConnectionString))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            cmd.ExecuteNonQuery();
        }

        var uri = new Uri(url);
        return new UriBuilder(uri) { Path = "/" + name }.Uri.ToString();
    }
}
