using System.Net;
using System.Text.Json;
using Casefile.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Casefile.Tests.Support;

/// <summary>Following the analysis jobs the Analyse page makes (its POST answers 303 to /jobs/{id}).</summary>
internal static class Jobs
{
    /// <summary>The job id of an Analyse POST's answer: a 303 to /jobs/{id} (asserted).</summary>
    public static string IdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.StartsWith("/jobs/web-", location, StringComparison.Ordinal);
        return location["/jobs/".Length..];
    }

    /// <summary>Polls /api/jobs/{id} until the job is stored or failed (or <paramref name="timeout"/>, default 60 s, passes) and returns its last status.</summary>
    public static async Task<JsonElement> Finish(HttpClient client, string id, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var json = JsonDocument.Parse(await client.GetStringAsync($"/api/jobs/{id}", TestContext.Current.CancellationToken)).RootElement.Clone();
            var state = json.GetProperty("state").GetString();
            if (state is "stored" or "failed" || DateTime.UtcNow > until)
            {
                return json;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Follows the POST's job to its end and returns the stored document's id (the job must be stored).</summary>
    public static async Task<string> Stored(HttpClient client, HttpResponseMessage response)
    {
        var status = await Finish(client, IdOf(response));
        Assert.Equal("stored", status.GetProperty("state").GetString());
        return status.GetProperty("document").GetString()!;
    }
}

/// <summary>The app in memory with its job worker configured (or paused: a server that processes nothing before it stops).</summary>
internal sealed class JobWebFactory(WebOptions options, JobWorkerOptions worker) : WebApplicationFactory<Program>
{
    protected override IHostBuilder CreateHostBuilder() => WebApp.CreateHostBuilder(options).ConfigureServices(s => s.AddSingleton(worker));
}
