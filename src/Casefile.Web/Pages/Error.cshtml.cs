using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>The error page: a code and what to do, never a stack trace (those go to the server's log).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(WebOptions options) : PageModel
{
    public int Status { get; private set; }

    public string Code { get; private set; } = WebErrors.Internal;

    public string Message { get; private set; } = "";

    public string? RequestId { get; private set; }

    public void OnGet(int? status) => Set(status);

    private void Set(int? status)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        // Only error statuses are rendered: /error?status=204 or =999 is a page that does not exist.
        Status = failed ? 500 : status ?? Response.StatusCode;
        if (Status is < 400 or > 599)
        {
            Status = 404;
        }

        (Code, Message) = Status switch
        {
            404 => (WebErrors.NotFound, "There is no such page, document or entity. It may have been a different version of a document; start from the corpus page."),
            413 => (WebErrors.UploadTooLarge, $"The request is larger than this server accepts: the limit for a text is {options.MaxUploadBytes:N0} bytes. Split it, or ingest it with casefile ingest (--max-bytes)."),
            400 => (WebErrors.BadRequest, "The request could not be understood (a form sent twice or from another page is refused). Reload the page and try again."),
            _ => (WebErrors.Internal, "Something failed on the server; the error is in the server's log under the request id below."),
        };
        Response.StatusCode = Status;
    }
}
