using Casefile.Store;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Casefile.Web.Pages;

/// <summary>
/// An analysis job (a pasted or uploaded text): queued, analysing (with its stage and time), stored (a link to the
/// document; with JavaScript, the page goes there) or failed (the code and message). It follows the job by polling
/// <c>/api/jobs/{id}</c> (jobs.js), or without JavaScript by reloading itself.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class JobModel(CaseStore store, WebOptions options) : PageModel
{
    public JobStatus Status { get; private set; } = null!;

    public JobStatusBody Body { get; private set; } = null!;

    public bool Finished => Status.State is JobStates.Stored or JobStates.Failed;

    public IActionResult OnGet(string id)
    {
        if (AnalysisJobs.Status(store, id) is not { } status)
        {
            return NotFound();
        }

        Status = status;
        Body = JobView.Body(status, options);
        return Page();
    }
}
