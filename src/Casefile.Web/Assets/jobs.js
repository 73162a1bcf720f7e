// Casefile web app: the job page follows its analysis job through /api/jobs/{id} and opens the document once stored.
"use strict";
(function () {
  const job = document.getElementById("job");
  if (!job) return;
  if (job.dataset.state === "stored" && job.dataset.document) {
    location.replace(job.dataset.document);
    return;
  }
  if (job.dataset.state === "failed") return;
  const state = document.getElementById("job-state");
  const detail = document.getElementById("job-detail");

  async function poll() {
    try {
      const response = await fetch(job.dataset.status, { cache: "no-store", headers: { Accept: "application/json" } });
      if (response.ok) {
        const s = await response.json();
        if (s.state === "stored" && s.url) { location.replace(s.url); return; }
        if (s.state === "failed") { location.reload(); return; } // the server renders the error with its code
        job.dataset.state = s.state;
        job.className = "job job-" + s.state;
        state.textContent = s.state;
        detail.textContent = s.detail;
      }
    } catch (e) {
      // the server is restarting: the job waits in the store, ask again
    }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 300);
})();
