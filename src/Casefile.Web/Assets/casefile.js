// Casefile web app: layer toggles; "show in text" for findings, claims, events and entities (their data-spans name
// character ranges of the text); and the description of a highlighted piece for touch and keyboard (the box under the
// toggles shows what the piece's title says). The text is cut into pieces: <span data-s data-a title> for records,
// bare text nodes between them; a piece's offsets are the lengths of the text before it.
"use strict";
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const pieces = [];
  let at = 0;
  for (const node of Array.from(text.childNodes)) {
    if (node.nodeType !== Node.TEXT_NODE && node.nodeType !== Node.ELEMENT_NODE) continue;
    const len = node.textContent.length;
    if (len > 0) pieces.push({ node, s: at, e: at + len });
    at += len;
  }

  document.querySelectorAll("#toggles input[data-layer]").forEach(box => {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.layer, !box.checked));
  });

  // A bare text piece becomes a span when it has to be marked.
  function element(p) {
    if (p.node.nodeType === Node.TEXT_NODE) {
      const span = document.createElement("span");
      p.node.replaceWith(span);
      span.appendChild(p.node);
      p.node = span;
    }
    return p.node;
  }

  function first(s) { // index of the first piece ending after s
    let lo = 0, hi = pieces.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (pieces[mid].e <= s) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function show(item) {
    document.querySelectorAll("#text .evidence").forEach(el => el.classList.remove("evidence"));
    document.querySelectorAll("[aria-current]").forEach(el => el.removeAttribute("aria-current"));
    item.setAttribute("aria-current", "true");
    let firstEl = null;
    for (const pair of (item.dataset.spans || "").split(" ").filter(Boolean)) {
      const [s, e] = pair.split("-").map(Number);
      for (let i = first(s); i < pieces.length && pieces[i].s < e; i++) {
        const p = pieces[i];
        if (p.s >= s && p.e <= e) {
          const el = element(p);
          el.classList.add("evidence");
          firstEl = firstEl || el;
        }
      }
    }
    if (firstEl) firstEl.scrollIntoView({ block: "center", behavior: "instant" });
  }

  document.querySelectorAll("[data-spans]").forEach(item => {
    item.addEventListener("click", ev => { if (!ev.target.closest("a, button, form, summary")) show(item); });
  });
  document.querySelectorAll("button.show").forEach(button => {
    const item = button.closest("[data-spans]");
    if (item) button.addEventListener("click", () => show(item));
  });

  // What a highlighted piece is: tap or click it, or step through the pieces with the buttons.
  const box = document.getElementById("record");
  if (!box) return;
  const out = box.querySelector("output");
  const marked = () => Array.from(text.querySelectorAll("[data-a]"));
  let current = -1;
  function describe(el, list) {
    document.querySelectorAll("#text .selected").forEach(x => x.classList.remove("selected"));
    el.classList.add("selected");
    out.textContent = "“" + el.textContent + "”: " + (el.getAttribute("title") || "").split("\n").join("; ");
    current = (list || marked()).indexOf(el);
  }
  box.hidden = false;
  text.addEventListener("click", ev => {
    const el = ev.target.closest("[data-a]");
    if (el && text.contains(el)) describe(el);
  });
  box.querySelectorAll("button[data-step]").forEach(button => button.addEventListener("click", () => {
    const list = marked();
    if (list.length === 0) return;
    const step = Number(button.dataset.step);
    current = current < 0 ? (step > 0 ? 0 : list.length - 1) : (current + step + list.length) % list.length;
    describe(list[current], list);
    list[current].scrollIntoView({ block: "nearest", behavior: "instant" });
  }));
})();
