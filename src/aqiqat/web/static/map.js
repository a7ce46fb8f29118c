// Map page: country borders from world-atlas (TopoJSON, served locally), events as circles sized by deaths.
// No tile server: everything comes from this site.
"use strict";
(function () {
  const el = document.getElementById("map");
  if (!el || !window.L || !window.topojson) return;
  const PREC = JSON.parse(el.dataset.precisionLabels || "{}");
  const STYLE = {
    exact: { color: "#9b1c1c", fillColor: "#c53030", fillOpacity: 0.75, weight: 1.5, dashArray: null },
    town: { color: "#9b1c1c", fillColor: "#e05a47", fillOpacity: 0.55, weight: 1.5, dashArray: null },
    district: { color: "#b7791f", fillColor: "#ecc94b", fillOpacity: 0.35, weight: 1.5, dashArray: "4 3" },
    region: { color: "#b7791f", fillColor: "#ecc94b", fillOpacity: 0.3, weight: 1.5, dashArray: "4 3" },
    country: { color: "#4a5568", fillColor: "#a0aec0", fillOpacity: 0.15, weight: 1.5, dashArray: "2 4" },
    unknown: { color: "#4a5568", fillColor: "#a0aec0", fillOpacity: 0.15, weight: 1.5, dashArray: "2 4" },
  };
  const map = L.map(el, { zoomSnap: 0.25, attributionControl: false, worldCopyJump: false }).setView([48.0, 67.0], 4);

  function escape(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  }

  fetch(el.dataset.borders).then((r) => r.json()).then((topo) => {
    const countries = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(countries, {
      style: (f) => ({
        color: "#8a94a6", weight: 0.8, fillColor: f.properties && f.properties.name === "Kazakhstan" ? "#f4efe6" : "#eceff3",
        fillOpacity: 1,
      }),
      interactive: false,
    }).addTo(map).bringToBack();
  }).catch(() => {});

  fetch(el.dataset.points, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((r) => r.json())
    .then((data) => {
      const points = Array.isArray(data) ? data : data.points || [];
      const count = document.getElementById("map-count");
      if (count) count.textContent = el.dataset.eventsLabel + ": " + points.length;
      if (!points.length) {
        const note = L.control({ position: "topright" });
        note.onAdd = () => { const d = L.DomUtil.create("div", "map-note"); d.textContent = el.dataset.labelNone; return d; };
        note.addTo(map);
        return;
      }
      // events at the same place are spread on a small ring so that each stays clickable
      const seen = {};
      const layers = [];
      points.sort((a, b) => (b.killed_max || b.killed_min || 0) - (a.killed_max || a.killed_min || 0));
      points.forEach((p) => {
        const key = p.lat.toFixed(3) + "," + p.lon.toFixed(3);
        const n = (seen[key] = (seen[key] || 0) + 1) - 1;
        const angle = n * 2.4, r = n ? 0.05 * Math.sqrt(n) : 0;
        const lat = p.lat + r * Math.sin(angle), lon = p.lon + r * Math.cos(angle);
        const killed = p.killed_max != null ? p.killed_max : p.killed_min || 0;
        const prec = STYLE[p.location_precision] ? p.location_precision : "unknown";
        const radius = 5 + 3.2 * Math.sqrt(killed);
        const marker = L.circleMarker([lat, lon], Object.assign({ radius: radius }, STYLE[prec]));
        if (prec === "district" || prec === "region" || prec === "country" || prec === "unknown") {
          // the area the event may be anywhere in: a faint halo in kilometres
          const km = { district: 25, region: 120, country: 400, unknown: 400 }[prec];
          layers.push(L.circle([lat, lon], { radius: km * 1000, color: STYLE[prec].color, weight: 0.5, dashArray: "3 4", fillOpacity: 0.05, interactive: false }));
        }
        const range = p.killed_min === p.killed_max || p.killed_max == null ? (p.killed_min || 0) : p.killed_min + "–" + p.killed_max;
        marker.bindPopup(
          '<a href="/events/' + encodeURIComponent(p.event_id) + '"><b>' + escape(p.title) + "</b></a><br>" +
          escape(p.date || "") + " · " + escape(p.place) + "<br>" + escape(el.dataset.labelKilled) + ": " + escape(range) +
          "<br>" + escape(el.dataset.labelPrecision) + ": " + escape(PREC[prec] || prec)
        );
        marker.options.className = "ev-marker";
        layers.push(marker);
      });
      const group = L.featureGroup(layers).addTo(map);
      const bounds = group.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds.pad(0.8), { maxZoom: 5 });
    });
})();
