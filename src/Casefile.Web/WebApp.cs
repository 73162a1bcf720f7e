using System.Net;
using System.Text;
using Casefile.Output;
using Casefile.Pipeline;
using Casefile.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Casefile.Web;

/// <summary>Stable codes of the web app's errors (docs/errors.md).</summary>
public static class WebErrors
{
    public const string NotLoopback = "CF2901";
    public const string CannotListen = "CF2902";
    public const string UploadTooLarge = "CF2903";
    public const string UploadEmpty = "CF2904";
    public const string UploadType = "CF2905";
    public const string NotFound = "CF2906";
    public const string Internal = "CF2907";
    public const string BadRequest = "CF2908";
}

/// <summary>How <c>casefile serve</c> runs.</summary>
public sealed record WebOptions
{
    /// <summary>The store (a SQLite path or a postgres:// URL).</summary>
    public required StoreLocation Store { get; init; }

    /// <summary>Address to bind: loopback unless the user says otherwise.</summary>
    public IPAddress Listen { get; init; } = IPAddress.Loopback;

    /// <summary>Port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 5080;

    /// <summary>Largest text accepted on the Analyse page (pasted or uploaded), in bytes.</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>Development shows exception details; anything else shows an error page with a code.</summary>
    public string Environment { get; init; } = Environments.Production;

    /// <summary>Server log messages at this level and above go to the console (tests turn them off).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>The analysis run on pasted and uploaded texts.</summary>
    public AnalysisPipeline? Pipeline { get; init; }

    public const long DefaultMaxUploadBytes = 2L * 1024 * 1024;
}

/// <summary>
/// The web app: Razor Pages rendered on the server (corpus, document, entity, analyse), a JSON API mirroring the CLI's
/// JSON, and our own small CSS/JS served from the assembly. One store connection per request.
/// </summary>
public static class WebApp
{
    /// <summary>A host for <paramref name="options"/>; <c>casefile serve</c> runs it, tests start it on a free port or in memory.</summary>
    public static IHostBuilder CreateHostBuilder(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new HostBuilder()
            .UseEnvironment(options.Environment)
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureLogging(l => l.AddConsole().SetMinimumLevel(options.LogLevel)
                // A start-up failure (port in use) is an exception casefile serve reports with its code; no second report with a stack trace.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None))
            .ConfigureWebHost(web => web
                .UseKestrel(k =>
                {
                    k.Listen(options.Listen, options.Port);
                    k.AddServerHeader = false;
                    // Pasted text arrives form-encoded (up to 3 bytes per byte), an upload as multipart: room for both, then our own limit.
                    k.Limits.MaxRequestBodySize = (options.MaxUploadBytes * 3) + (64 * 1024);
                })
                .ConfigureServices(services => ConfigureServices(services, options))
                .Configure(Configure));
    }

    internal static void ConfigureServices(IServiceCollection services, WebOptions options)
    {
        services.AddSingleton(options);
        services.AddScoped(_ => CaseStore.Open(options.Store));
        services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = options.MaxUploadBytes + (64 * 1024);
            f.ValueLengthLimit = (int)Math.Min(int.MaxValue, options.MaxUploadBytes * 3);
        });
        services.AddRazorPages() // Razor Pages validate the antiforgery token of every POST by default
            .ConfigureApplicationPartManager(m =>
            {
                var asm = typeof(WebApp).Assembly;
                if (!m.ApplicationParts.Any(p => p is AssemblyPart a && a.Assembly == asm))
                {
                    m.ApplicationParts.Add(new AssemblyPart(asm));
                }

                if (!m.ApplicationParts.Any(p => p is CompiledRazorAssemblyPart c && c.Assembly == asm))
                {
                    m.ApplicationParts.Add(new CompiledRazorAssemblyPart(asm));
                }
            });
        // Keys for antiforgery tokens live in memory: nothing is written to the user's profile, and a restart only
        // asks a user to reload a form.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAntiforgery(a => a.Cookie.Name = "casefile.af");
        services.AddRouting(r => r.LowercaseUrls = true);
    }

    internal static void Configure(IApplicationBuilder app)
    {
        var env = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        if (env.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", AllowStatusCode404Response = true });
        }

        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.Use((context, next) =>
        {
            // The error page is rendered for a failed POST too (a form without its token, an upload over the limit): as a
            // GET, so it is never itself refused for want of a token.
            if (context.Request.Path == "/error" && !HttpMethods.IsGet(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next();
        });
        app.Use(async (context, next) =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.UseRouting();
        app.UseEndpoints(e =>
        {
            Assets.Map(e);
            Api.Map(e);
            e.MapRazorPages();
        });
    }
}
