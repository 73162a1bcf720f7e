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
    public const string HostRefused = "CF2909";
    public const string CrossOrigin = "CF2910";
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

    /// <summary>
    /// Host names (without port) the server answers to, besides localhost, 127.0.0.1, [::1] and the address it
    /// listens on: the names of a reverse proxy in front of it (<c>--allowed-host</c>). Any other Host header is
    /// refused (CF2909), so a web page that rebinds its own name to this machine's address cannot read the corpus.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>A host name as compared: an IPv6 address in brackets ("[::1]"), whether it came with them or not.</summary>
    internal static string HostKey(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host.Trim('[', ']')}]" : host;

    /// <summary>The host names served: loopback names, the listening address (unless it is every interface) and <see cref="AllowedHosts"/>.</summary>
    public IReadOnlySet<string> ServedHosts()
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost", "127.0.0.1", "[::1]" };
        if (!Listen.Equals(IPAddress.Any) && !Listen.Equals(IPAddress.IPv6Any))
        {
            hosts.Add(HostKey(Listen.ToString()));
        }

        foreach (var h in AllowedHosts)
        {
            hosts.Add(HostKey(h.Trim()));
        }

        return hosts;
    }

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
        JobWorker.Register(services); // analysis jobs of the Analyse page (Jobs.cs)
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

        var served = app.ApplicationServices.GetRequiredService<WebOptions>().ServedHosts();
        app.Use(async (context, next) =>
        {
            // DNS rebinding: a page on another site whose name now resolves here sends its own name as Host.
            var host = context.Request.Host.Host;
            if (!context.Request.Host.HasValue || !served.Contains(WebOptions.HostKey(host)))
            {
                await Refuse(context, StatusCodes.Status400BadRequest, WebErrors.HostRefused,
                    $"this server answers to {string.Join(", ", served.Order(StringComparer.Ordinal))}, not to the host '{context.Request.Host}'. Open it by one of those names, or start it with --allowed-host NAME behind a proxy.");
                return;
            }

            // A request that changes something must come from one of our own pages: a browser says where it comes from.
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
                && ForeignOrigin(context.Request, served) is { } origin)
            {
                await Refuse(context, StatusCodes.Status403Forbidden, WebErrors.CrossOrigin,
                    $"a {context.Request.Method} from {origin} was refused: forms are accepted only from this server's own pages. Reload the page here and send it again.");
                return;
            }

            await next();
        });
        // The API answers in JSON, errors too (a wrong method, a bad parameter, a failure); pages get the error page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.Use(async (context, next) =>
            {
                try
                {
                    await next();
                }
                catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
                {
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Casefile.Web.Api").LogError(e, "API request {Id} failed", context.TraceIdentifier);
                    context.Response.Clear();
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    await ApiError(context, WebErrors.Internal, $"the server failed; the error is in its log under request id {context.TraceIdentifier}.");
                }
            });
            api.UseStatusCodePages(async status =>
            {
                var c = status.HttpContext;
                var (code, message) = c.Response.StatusCode switch
                {
                    404 => (WebErrors.NotFound, $"no such API endpoint: {c.Request.Path}. See docs/web.md for the endpoints."),
                    405 => (WebErrors.BadRequest, $"{c.Request.Method} is not allowed on {c.Request.Path}: the API is read-only (GET)."),
                    _ => (WebErrors.BadRequest, $"the request could not be understood (HTTP {c.Response.StatusCode}): check its parameters, e.g. limit must be a whole number."),
                };
                await ApiError(c, code, message);
            });
        });
        var limit = app.ApplicationServices.GetRequiredService<WebOptions>().MaxUploadBytes;
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
        {
            pages.UseStatusCodePagesWithReExecute("/error", "?status={0}");
            pages.Use((context, next) =>
            {
                // A body well over the limit is refused before the form is read: reading it would fail inside the
                // antiforgery check and say "a form sent twice" (CF2908) instead of the size (CF2903).
                var request = context.Request;
                var allowance = request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                    ? limit + (64 * 1024)
                    : (limit * 3) + (64 * 1024);
                if (HttpMethods.IsPost(request.Method) && request.ContentLength > allowance && request.Path != "/error")
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return Task.CompletedTask;
                }

                return next();
            });
        });
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
            h.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "no-referrer";
            await next();
        });
        app.UseRouting();
        app.UseEndpoints(e =>
        {
            Assets.Map(e);
            Api.Map(e);
            JobView.Map(e); // /api/jobs/{id}
            e.MapRazorPages();
        });
    }

    /// <summary>Where a state-changing request comes from when that is not this server: Sec-Fetch-Site says another site, or Origin names another host.</summary>
    private static string? ForeignOrigin(HttpRequest request, IReadOnlySet<string> served)
    {
        // Browsers say where a request comes from in Sec-Fetch-Site; our pages send "same-origin" (a typed URL "none").
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return request.Headers.Origin.ToString() is { Length: > 0 } o && o != "null" ? o : $"another site (Sec-Fetch-Site: {site})";
        }

        // Origin is "null" for our own forms (the pages send Referrer-Policy: no-referrer), and absent from non-browser
        // clients: then the antiforgery token decides. A named origin must be this server.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return null;
        }

                return served.Contains(WebOptions.HostKey(uri.Host)) && uri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80)) ? null : origin;
    }

    private static Task ApiError(HttpContext context, string code, string message)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new ApiErrorBody(code, message), WebJson.Default.ApiErrorBody));
    }

    private static async Task Refuse(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"error {code}: {message}\n");
    }
}

/// <summary>An API error: the stable code and what to do (docs/errors.md).</summary>
internal sealed record ApiErrorBody(string Code, string Error);

[System.Text.Json.Serialization.JsonSerializable(typeof(ApiErrorBody))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class WebJson : System.Text.Json.Serialization.JsonSerializerContext;
