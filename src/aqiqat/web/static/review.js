// Review page: click a highlighted passage or a list item to open its suggestion; keyboard shortcuts.
"use strict";
(function () {
  const text = document.getElementById("doctext");
  const list = document.getElementById("suggestions");
  const panel = document.getElementById("panel");
  if (!text || !list || !panel) return;
  let current = null;

  function items() { return Array.from(list.querySelectorAll("li.sug")); }

  function mark(sid) {
    document.querySelectorAll(".hl.sel").forEach((el) => el.classList.remove("sel"));
    items().forEach((li) => li.classList.toggle("sel", li.dataset.sid === String(sid)));
    let first = null;
    text.querySelectorAll(".hl").forEach((el) => {
      if (el.dataset.sids.split(" ").includes(String(sid))) {
        el.classList.add("sel");
        if (!first) first = el;
      }
    });
    return first;
  }

  function open(sid, scroll) {
    current = String(sid);
    const first = mark(sid);
    if (scroll && first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    const li = document.getElementById("s-" + sid);
    if (li) li.scrollIntoView({ block: "nearest" });
    htmx.ajax("GET", "/suggestions/" + sid, { target: "#panel", swap: "innerHTML" });
  }

  text.addEventListener("click", function (ev) {
    const el = ev.target.closest(".hl");
    if (!el) return;
    const sids = el.dataset.sids.split(" ");
    // a second click on the same passage cycles through the suggestions that cover it (innermost first)
    const i = sids.indexOf(current);
    open(i >= 0 ? sids[(i + 1) % sids.length] : sids[0], false);
  });
  list.addEventListener("click", function (ev) {
    const li = ev.target.closest("li.sug");
    if (li) open(li.dataset.sid, true);
  });
  // keyboard: every suggestion is a Tab stop; Enter or Space opens it
  list.addEventListener("keydown", function (ev) {
    const li = ev.target.closest("li.sug");
    if (li && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); open(li.dataset.sid, true); }
  });
  // single-key shortcuts can be switched off (WCAG 2.1.4); the choice is remembered
  const keysOn = document.getElementById("keys-on");
  if (keysOn) {
    keysOn.checked = localStorage.getItem("aqiqat.keys") !== "off";
    keysOn.addEventListener("change", function () { localStorage.setItem("aqiqat.keys", keysOn.checked ? "on" : "off"); });
  }
  document.querySelectorAll(".legend .chip").forEach((chip) => {
    chip.addEventListener("click", function () {
      chip.classList.toggle("off");
      const off = new Set(Array.from(document.querySelectorAll(".legend .chip.off")).map((c) => c.dataset.kind));
      document.body.classList.toggle("filtered", off.size > 0);
      items().forEach((li) => { li.hidden = off.has(li.dataset.kind); });
      text.querySelectorAll(".hl").forEach((el) => {
        const kinds = Array.from(el.classList).filter((c) => c.startsWith("k-")).map((c) => c.slice(2));
        el.classList.toggle("muted-hl", kinds.every((k) => off.has(k)));
      });
    });
  });

  // after a decision: update the list item and the highlights of that suggestion
  document.body.addEventListener("htmx:afterSwap", function (ev) {
    if (ev.detail.target !== panel) return;
    const box = panel.querySelector(".sugpanel");
    if (!box) return;
    const sid = box.dataset.sid, status = box.dataset.status;
    const li = document.getElementById("s-" + sid);
    if (li && li.dataset.status !== status) {
      li.dataset.status = status;
      li.className = li.className.replace(/st-\w+/, "st-" + status);
      const st = li.querySelector(".status");
      const head = box.querySelector(".sughead .status");
      if (st && head) st.textContent = head.textContent;
      text.querySelectorAll(".hl").forEach((el) => {
        if (el.dataset.sids.split(" ")[0] === sid) {
          el.classList.toggle("s-done", status === "accepted" || status === "edited");
          el.classList.toggle("s-rejected", status === "rejected");
        }
      });
    }
    const next = box.querySelector("#btn-next");
    if (next) next.addEventListener("click", function () { step(1); });
    const field = box.querySelector(".field");
    if (field) {
      box.querySelectorAll(".field").forEach((input) => input.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); document.getElementById("btn-edit").click(); }
      }));
    }
  });

  // focus moves into the panel, and stays there after a decision: once htmx has taken the new form (after
  // the swap settles), so that Enter on Accept posts through htmx and not as a plain form
  document.body.addEventListener("htmx:afterSettle", function (ev) {
    if (ev.detail.target !== panel) return;
    const box = panel.querySelector(".sugpanel");
    if (!box) return;
    const target = box.querySelector("#btn-accept") || box.querySelector("#btn-next") || panel;
    target.focus({ preventScroll: false });
  });

  function step(delta) {
    const visible = items().filter((li) => !li.hidden);
    if (!visible.length) return;
    let i = visible.findIndex((li) => li.dataset.sid === current);
    // prefer pending suggestions when stepping
    for (let n = 0; n < visible.length; n++) {
      i = (i + delta + visible.length) % visible.length;
      if (visible[i].dataset.status === "pending") break;
    }
    open(visible[i].dataset.sid, true);
  }

  document.body.addEventListener("htmx:responseError", function (ev) {
    const box = document.getElementById("panel-error");
    if (box) box.scrollIntoView({ block: "nearest" });
  });

  document.addEventListener("keydown", function (ev) {
    if (keysOn && !keysOn.checked) return;
    const tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || ev.ctrlKey || ev.metaKey || ev.altKey) {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    const button = (id) => document.getElementById(id);
    if (ev.key === "j") { step(1); ev.preventDefault(); }
    else if (ev.key === "k") { step(-1); ev.preventDefault(); }
    else if (ev.key === "a" && button("btn-accept")) { button("btn-accept").click(); ev.preventDefault(); }
    else if (ev.key === "r" && button("btn-reject")) { button("btn-reject").click(); ev.preventDefault(); }
    else if (ev.key === "e") {
      const field = panel.querySelector(".field");
      if (field) { field.focus(); field.select(); ev.preventDefault(); }
    }
  });
})();
