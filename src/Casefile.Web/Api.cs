using Casefile.Model;
using Casefile.Output;
using Casefile.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Casefile.Web;

/// <summary>
/// The JSON API, mirroring the CLI's JSON (snake_case, the case-file contract for documents): read-only; corrections
/// are made on the entity page (forms with antiforgery tokens).
/// </summary>
internal static class Api
{
    public static void Map(IEndpointRouteBuilder e)
    {
        var api = e.MapGroup("/api");
        api.MapGet("/documents", (CaseStore store, string? entity, string? check, string? q, int? limit, int? offset) =>
            offset < 0 ? BadPaging("offset") : Json(CaseStore.ToJson(store.Documents(Blank(entity), Blank(check), Math.Clamp(limit ?? 200, 1, 10_000), offset ?? 0, Blank(q)))));
        api.MapGet("/documents/{id}", (CaseStore store, string id) =>
            store.Document(id) is { } d ? Json(CaseFileJson.Serialize(d.CaseFile)) : NotFound($"no document with id {id}"));
        api.MapGet("/documents/{id}/text", (CaseStore store, string id) =>
            store.Document(id) is { } d ? Results.Text(d.Text, "text/plain; charset=utf-8") : NotFound($"no document with id {id}"));
        api.MapGet("/search", (CaseStore store, string? q, string? entity, string? check, int? limit, int? offset, int? sentences) =>
            string.IsNullOrWhiteSpace(q) ? Results.Json(new ApiErrorBody(WebErrors.BadRequest, "give the words to search for: /api/search?q=…"), WebJson.Default.ApiErrorBody, statusCode: 400)
                : offset < 0 ? BadPaging("offset")
                : Json(CaseStore.ToJson(store.Search(q, Math.Clamp(limit ?? 20, 1, 500), offset ?? 0, Blank(entity), Blank(check), Math.Clamp(sentences ?? 3, 0, 50)))));
        api.MapGet("/entities", (HttpContext http, CaseStore store, string? type, string? name, int? limit, int? offset) =>
        {
            if (offset < 0)
            {
                return BadPaging("offset");
            }

            var page = store.EntitiesPage(Blank(type), Blank(name), Math.Clamp(limit ?? 1000, 1, 100_000), offset ?? 0);
            http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Json(CaseStore.ToJson(page.Entities));
        });
        api.MapGet("/entities/{id}", (CaseStore store, string id) => store.Lookup(id) switch
        {
            { Kind: EntityLookupKind.Found } => Json(CaseStore.ToJson(store.Entity(id)!)),
            { Kind: EntityLookupKind.Moved } found => Results.Redirect("/api/entities/" + Uri.EscapeDataString(found.Id!)),
            { Kind: EntityLookupKind.Gone } gone => Results.Json(new ApiErrorBody(StoreErrors.EntityGone, gone.Message), WebJson.Default.ApiErrorBody, statusCode: 410),
            { Kind: EntityLookupKind.Ambiguous } several => Results.Json(new ApiErrorBody(StoreErrors.AmbiguousName, several.Message), WebJson.Default.ApiErrorBody, statusCode: 409),
            var none => NotFound(none.Message),
        });
        api.MapGet("/findings", (CaseStore store, string? check, string? status) => Json(CaseStore.ToJson(store.CorpusFindings(Blank(check), Blank(status)))));
        api.MapGet("/timeline", (CaseStore store) => Json(CaseFileJson.Serialize(new TimelineFile { Documents = [], Timeline = store.CorpusTimeline() })));
        api.MapGet("/corrections", (CaseStore store) => Json(CaseStore.ToJson(store.Corrections())));
    }

    /// <summary>A paging parameter out of range (a negative offset): 400 with CF2920.</summary>
    internal const string BadPagingCode = "CF2920";

    private static IResult BadPaging(string name) =>
        Results.Json(new ApiErrorBody(BadPagingCode, $"{name} must be 0 or more (the number of results to skip); limit is clamped to its range."), WebJson.Default.ApiErrorBody, statusCode: 400);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");

    private static IResult NotFound(string message) => Results.Json(new ApiErrorBody(WebErrors.NotFound, message), WebJson.Default.ApiErrorBody, statusCode: 404);
}
