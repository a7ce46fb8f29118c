// Event edit form: a click on the map sets the event's point (latitude and longitude), and the register's
// nearest place with coordinates is offered instead. Borders from world-atlas, served locally: no map tiles.
"use strict";
(function () {
  const el = document.getElementById("pick-map");
  if (!el || !window.L) return;
  const lat = document.getElementById("lat");
  const lon = document.getElementById("lon");
  const select = document.querySelector("#event-form select[name=place_id]");
  const named = document.querySelector("#event-form input[name=place_name]");
  const offer = document.getElementById("pick-nearest");
  const offerText = document.getElementById("pick-nearest-text");
  const useIt = document.getElementById("pick-use");
  const places = JSON.parse(el.dataset.places || "[]"); // [{id, name, lat, lon}] the reader may see
  const start = JSON.parse(el.dataset.start || "null");
  const map = L.map(el, { zoomSnap: 0.25, attributionControl: false, worldCopyJump: false })
    .setView(start ? [start.lat, start.lon] : [48.0, 67.0], start ? 6 : 4);

  if (window.topojson && el.dataset.borders) {
    fetch(el.dataset.borders).then((r) => r.json()).then((topo) => {
      L.geoJSON(topojson.feature(topo, topo.objects.countries), {
        style: (f) => ({
          color: "#8a94a6", weight: 0.8, fillOpacity: 1,
          fillColor: f.properties && f.properties.name === "Kazakhstan" ? "#f4efe6" : "#eceff3",
        }),
        interactive: false,
      }).addTo(map).bringToBack();
    }).catch(() => {});
  }

  places.forEach((p) => {
    L.circleMarker([p.lat, p.lon], { radius: 4, color: "#4a5568", weight: 1, fillColor: "#a0aec0", fillOpacity: 0.8, interactive: false })
      .addTo(map);
  });

  let point = null;
  function show(latlng) {
    if (point) point.setLatLng(latlng);
    else point = L.circleMarker(latlng, { radius: 7, color: "#9b1c1c", weight: 2, fillColor: "#c53030", fillOpacity: 0.8, interactive: false, className: "picked-point" }).addTo(map);
  }
  if (start) show([start.lat, start.lon]);

  function km(a, b) {
    const rad = Math.PI / 180, dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
    return 12742 * Math.asin(Math.sqrt(h));
  }

  function nearest(at) {
    let best = null, bestKm = Infinity;
    places.forEach((p) => { const d = km(at, p); if (d < bestKm) { best = p; bestKm = d; } });
    return best ? { place: best, km: bestKm } : null;
  }

  map.on("click", (e) => {
    const at = { lat: e.latlng.lat, lon: e.latlng.lng };
    lat.value = at.lat.toFixed(5);
    lon.value = at.lon.toFixed(5);
    if (select) select.value = ""; // the point replaces a place chosen before
    if (named) named.value = "";
    show(e.latlng);
    const found = nearest(at);
    if (!found || !offer) return;
    offerText.textContent = el.dataset.nearestLabel + ": " + found.place.name + ", " +
      el.dataset.kmLabel.replace("%(km)s", found.km < 10 ? found.km.toFixed(1) : Math.round(found.km));
    useIt.dataset.placeId = found.place.id;
    useIt.hidden = false;
    offer.hidden = false;
  });

  if (useIt) {
    useIt.addEventListener("click", () => {
      const chosen = places.find((p) => String(p.id) === useIt.dataset.placeId);
      if (!chosen) return;
      select.value = String(chosen.id);
      lat.value = "";
      lon.value = "";
      show([chosen.lat, chosen.lon]);
      offerText.textContent = el.dataset.chosenLabel + ": " + chosen.name;
      useIt.hidden = true;
    });
  }
})();
