// Aqiqat workbench: small helpers shared by every page (no inline scripts: the CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // a table wider than a phone scrolls sideways; it is a Tab stop so that keyboards can scroll it too
  document.querySelectorAll("table.grid").forEach(function (t) {
    if (t.scrollWidth > t.clientWidth + 1 && !t.hasAttribute("tabindex")) {
      t.setAttribute("tabindex", "0");
    }
  });
  if (window.htmx) {
    // show the server's one-line error (403, 404, 409, 422) instead of ignoring it
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "[45]..", swap: true, error: false },
    ];
  }
});
