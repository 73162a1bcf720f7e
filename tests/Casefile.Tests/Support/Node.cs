using System.Diagnostics;

namespace Casefile.Tests.Support;

/// <summary>
/// Runs the Node checks in tests/js (FtM validation, the report in headless Chromium). test.sh installs their
/// packages (npm ci) and Debian's chromium; when they are missing the tests skip with the reason, except under
/// CI=true, where a missing tool is a failure.
/// </summary>
internal static class Node
{
    public static readonly string Folder = Repo.Path("tests", "js");

    public static void Require(bool chromium = false)
    {
        string? missing = null;
        if (!File.Exists(Path.Combine(Folder, "node_modules", "@alephdata", "followthemoney", "package.json"))
            || !File.Exists(Path.Combine(Folder, "node_modules", "playwright-core", "package.json")))
        {
            missing = "tests/js/node_modules is missing: run ./test.sh (it runs npm ci in tests/js)";
        }
        else if (chromium && !File.Exists(Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium"))
        {
            missing = "/usr/bin/chromium is missing: run ./test.sh (it installs Debian's chromium)";
        }

        if (missing is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(missing + " — required in CI.");
        }

        Assert.Skip(missing + "; skipped.");
    }

    /// <summary>Runs <c>node script args…</c> in tests/js; returns the exit code and what it printed.</summary>
    public static (int Exit, string Out, string Err) Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not finish in 2 minutes");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
