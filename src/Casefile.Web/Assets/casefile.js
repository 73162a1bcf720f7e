// Casefile web app: layer toggles, and "show me" for findings, claims, events and entities
// (their data-spans name character ranges of the text; the text is cut into pieces with data-s/data-e).
"use strict";
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const pieces = Array.from(text.querySelectorAll("[data-s]")).map(el => ({ el, s: +el.dataset.s, e: +el.dataset.e }));

  document.querySelectorAll("#toggles input[data-layer]").forEach(box => {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.layer, !box.checked));
  });

  function show(item) {
    document.querySelectorAll(".evidence").forEach(el => el.classList.remove("evidence"));
    document.querySelectorAll("[aria-current]").forEach(el => el.removeAttribute("aria-current"));
    item.setAttribute("aria-current", "true");
    let first = null;
    for (const pair of (item.dataset.spans || "").split(" ").filter(Boolean)) {
      const [s, e] = pair.split("-").map(Number);
      for (const p of pieces) {
        if (p.s >= s && p.e <= e && p.e > p.s) {
          p.el.classList.add("evidence");
          first = first || p.el;
        }
      }
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "instant" });
  }

  document.querySelectorAll("[data-spans]").forEach(item => {
    item.addEventListener("click", ev => { if (!ev.target.closest("a, button, form")) show(item); });
    item.addEventListener("keydown", ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(item); } });
  });
})();
