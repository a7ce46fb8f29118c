// Merge queue: j/k move between pairs, a / r / u judge the selected one (same person, different, unsure).
"use strict";
(function () {
  const list = document.getElementById("pairs");
  if (!list) return;
  let current = null;

  function pairs() { return Array.from(list.querySelectorAll("li.pair")); }

  function select(li) {
    pairs().forEach((p) => p.classList.toggle("sel", p === li));
    current = li ? li.dataset.id : null;
    if (li) li.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function selected() { return current ? document.getElementById("pair-" + current) : null; }

  function step(delta) {
    const all = pairs();
    if (!all.length) return;
    let i = all.findIndex((p) => p.dataset.id === current);
    for (let n = 0; n < all.length; n++) {  // prefer pairs still pending
      i = (i + delta + all.length) % all.length;
      if (all[i].dataset.judgement === "pending") break;
    }
    select(all[i]);
  }

  list.addEventListener("click", function (ev) {
    const li = ev.target.closest("li.pair");
    if (li && !ev.target.closest("a, button, input")) select(li);
  });

  // after a decision htmx swaps in the decided pair (a new id); move on to the next pending pair
  document.body.addEventListener("htmx:afterSettle", function () {
    const done = list.querySelector("li.pair.just:not(.seen)");
    if (!done) return;
    done.classList.add("seen");
    current = done.dataset.id;
    step(1);
  });

  document.addEventListener("keydown", function (ev) {
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || ev.ctrlKey || ev.metaKey || ev.altKey) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.key === "j") { step(1); ev.preventDefault(); return; }
    if (ev.key === "k") { step(-1); ev.preventDefault(); return; }
    const li = selected();
    if (!li) return;
    const button = li.querySelector("button[data-key='" + ev.key + "']");
    if (button) { button.click(); ev.preventDefault(); }
  });
})();
