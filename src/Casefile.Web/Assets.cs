using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Casefile.Web;

/// <summary>
/// The app's CSS and JavaScript, embedded in the assembly and served from memory under <c>/assets/{name}</c>: a fixed
/// list, so no part of a request ever names a file. Each has a content hash for its ETag and the cache-busting query.
/// </summary>
internal static class Assets
{
    private sealed record Asset(byte[] Bytes, string ContentType, string Hash);

    private static readonly FrozenDictionary<string, Asset> All = Load();

    private static FrozenDictionary<string, Asset> Load()
    {
        var asm = typeof(Assets).Assembly;
        var d = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in asm.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(resource)!;
            using var m = new MemoryStream();
            s.CopyTo(m);
            var bytes = m.ToArray();
            var name = resource["assets/".Length..];
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            d[name] = new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The URL of an asset with its content hash (pages link to this).</summary>
    public static string Url(string name) => $"/assets/{name}?v={All[name].Hash}";

    public static void Map(IEndpointRouteBuilder e) =>
        e.MapGet("/assets/{name}", (string name, HttpContext context) =>
        {
            if (!All.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            var etag = $"\"{asset.Hash}\"";
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            context.Response.Headers.ETag = etag;
            return context.Request.Headers.IfNoneMatch == etag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(asset.Bytes, asset.ContentType);
        });
}
