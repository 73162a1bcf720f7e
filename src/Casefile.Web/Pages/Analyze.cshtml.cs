using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>
/// Paste a text or upload a .txt/.html file: it is read (decoded, the article found in HTML) and put in the store's
/// queue as a job, and the answer (303) is the job's page at once; the server's worker analyses and stores it.
/// </summary>
public sealed class AnalyzeModel(CaseStore store, WebOptions options, JobSignal signal) : PageModel
{
    private static readonly string[] Extensions = [".txt", ".text", ".html", ".htm"];

    public long Limit => options.MaxUploadBytes;

    public string? Error { get; private set; }

    public string? ErrorCode { get; private set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    /// <summary>YYYY-MM-DD (what a date input sends); fills in a document that states no date of its own.</summary>
    [BindProperty]
    public string? Published { get; set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost(IFormFile? file)
    {
        byte[] bytes;
        string source;
        string? format = null;
        if (file is { Length: > 0 })
        {
            var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
            if (!Extensions.Contains(ext))
            {
                return Fail(WebErrors.UploadType, StatusCodes.Status415UnsupportedMediaType,
                    $"“{file.FileName}” is not a .txt or .html file. Upload plain text or HTML, or paste the text.");
            }

            if (file.Length > options.MaxUploadBytes)
            {
                return TooLarge(file.Length);
            }

            using var m = new MemoryStream();
            file.CopyTo(m);
            bytes = m.ToArray();
            source = "upload:" + Path.GetFileName(file.FileName);
            format = ext.StartsWith(".htm", StringComparison.Ordinal) ? "html" : "txt";
        }
        else if (!string.IsNullOrWhiteSpace(Text))
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(Text);
            if (bytes.LongLength > options.MaxUploadBytes)
            {
                return TooLarge(bytes.LongLength);
            }

            // Each pasted text is a document of its own (its key names its hash), so two pastes are never versions of one another.
            source = "pasted:" + Casefile.Model.Document.HashId(Text);
            format = "txt";
        }
        else
        {
            return Fail(WebErrors.UploadEmpty, StatusCodes.Status400BadRequest, "Nothing to analyse: paste a text or choose a .txt or .html file.");
        }

        DateOnly? published = null;
        if (!string.IsNullOrWhiteSpace(Published))
        {
            if (!DateOnly.TryParseExact(Published.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                return Fail(ErrorCodes.BadPublishedDate, StatusCodes.Status400BadRequest, $"The publication date “{Published}” is not a date; write it as YYYY-MM-DD, e.g. 2023-05-02, or leave it empty.");
            }

            published = date;
        }

        // Reading is quick and its errors (binary, undecodable) are the user's to fix now; the analysis is the job's.
        var item = Ingestor.FromBytes(bytes, source, format, new IngestOptions { MaxBytes = options.MaxUploadBytes, Published = published });
        if (item.Error is not null || item.Document is null)
        {
            return Fail(item.Error?.Code ?? WebErrors.Internal, StatusCodes.Status422UnprocessableEntity, item.Error?.Message ?? "The text could not be read.");
        }

        if (!string.IsNullOrWhiteSpace(Title))
        {
            var d = item.Document;
            item = item with { Document = new Casefile.Model.Document(d.Text, Title.Trim(), d.Published, d.Source, d.Language) };
        }

        var job = AnalysisJobs.Enqueue(store, item);
        signal.Notify();
        Response.Headers.Location = "/jobs/" + job;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    private PageResult TooLarge(long length) =>
        Fail(WebErrors.UploadTooLarge, StatusCodes.Status413PayloadTooLarge,
            $"The text is {length:N0} bytes; the limit is {options.MaxUploadBytes:N0} bytes. Split it, or ingest it with casefile ingest (--max-bytes).");

    private PageResult Fail(string code, int status, string message)
    {
        ErrorCode = code;
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}
