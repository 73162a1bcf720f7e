using Casefile.Ingest;
using Casefile.Pipeline;
using Casefile.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>Paste a text or upload a .txt/.html file: it is analysed, stored and shown.</summary>
public sealed class AnalyzeModel(CaseStore store, WebOptions options) : PageModel
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

        var entry = IngestRunner.IngestOne(store, options.Pipeline ?? CasefileAnalyzer.DefaultPipeline, bytes, source, format,
            new IngestOptions { MaxBytes = options.MaxUploadBytes, Published = published }, string.IsNullOrWhiteSpace(Title) ? null : Title.Trim());
        if (entry.Status == LogStatus.Failed || entry.DocumentId is null)
        {
            return Fail(entry.Code ?? WebErrors.Internal, StatusCodes.Status422UnprocessableEntity, entry.Message ?? "The text could not be analysed.");
        }

        return Redirect("/documents/" + entry.DocumentId);
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
