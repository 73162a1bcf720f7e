using System.Net;
using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;
using Casefile.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Casefile.Tests.Support;

/// <summary>A temporary SQLite store holding the repository's samples (what the web tests read).</summary>
public sealed class SampleStore : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("casefile-web-").FullName;

    public StoreLocation Location { get; }

    /// <summary>The upload limit the test servers run with: small, so an oversized file is quick to make.</summary>
    public const long UploadLimit = 64 * 1024;

    public SampleStore()
    {
        Location = StoreLocation.Parse(Path.Combine(Dir, "web.db"));
        using var store = CaseStore.Open(Location);
        var summary = IngestRunner.Run(store, CasefileAnalyzer.DefaultPipeline, [Repo.Path("samples")], new IngestOptions());
        Assert.True(summary.Stored >= 6, $"the samples are stored ({summary.Stored})");
    }

    public CaseStore Open() => CaseStore.Open(Location);

    public WebOptions Options(string environment = "Production") =>
        new() { Store = Location, Port = 0, MaxUploadBytes = UploadLimit, Environment = environment, LogLevel = Microsoft.Extensions.Logging.LogLevel.None };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}

/// <summary>The app in memory (Microsoft.AspNetCore.Mvc.Testing) for plain HTTP tests; the entry point named is the CLI's (casefile serve), the host is ours.</summary>
internal sealed class WebFactory(WebOptions options) : WebApplicationFactory<Program>
{
    protected override IHostBuilder CreateHostBuilder() => WebApp.CreateHostBuilder(options);
}

/// <summary>The app on a free loopback port (Kestrel), for the browser tests.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly IHost _host;

    public Uri Url { get; }

    private LiveServer(IHost host, Uri url)
    {
        _host = host;
        Url = url;
    }

    public static async Task<LiveServer> StartAsync(WebOptions options)
    {
        var host = WebApp.CreateHostBuilder(options with { Listen = IPAddress.Loopback, Port = 0 }).Build();
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LiveServer(host, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
