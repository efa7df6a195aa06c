// Map pin for the request form, on top of the address field (which always works).
// Tiles come from the city's tile server (data-tiles, CIVICDESK_MAP_TILES); with none, or
// when they cannot load, the map still takes a pin on a blank canvas. When a pin is placed
// (or coordinates typed), open reports of this service nearby are shown ("already
// reported nearby"): the same offers the server's confirmation step makes without JS.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var lat = document.getElementById("id_lat");
  var lng = document.getElementById("id_long");
  if (!box || !lat || !lng) { return; }
  var nearbyUrl = box.getAttribute("data-nearby-url");
  var nearby = document.getElementById(box.getAttribute("data-nearby-target") || "nearby");
  var controller = null;
  var lastAsked = "";
  function askNearby() {
    if (!nearbyUrl || !nearby || !lat.value || !lng.value) { return; }
    var key = lat.value + "," + lng.value;
    if (key === lastAsked) { return; }
    lastAsked = key;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch(nearbyUrl + "?lat=" + encodeURIComponent(lat.value) + "&long=" + encodeURIComponent(lng.value), {
      headers: { "Accept": "text/html" },
      credentials: "same-origin",
      signal: controller.signal
    }).then(function (response) {
      return response.ok ? response.text() : "";
    }).then(function (html) {
      // Rendered by our server with every text escaped; it carries duplicates_seen when
      // it shows offers, so the server does not ask again on sending.
      nearby.innerHTML = html;
    }).catch(function () { /* offline or aborted: the server asks on sending */ });
  }
  lat.addEventListener("change", askNearby);
  lng.addEventListener("change", askNearby);

  if (typeof window.L === "undefined") { return; }
  var center = (box.getAttribute("data-center") || "").split(",").map(parseFloat);
  if (center.length !== 2 || isNaN(center[0]) || isNaN(center[1])) { return; }
  box.hidden = false;
  var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : center;
  var map = window.L.map("map-canvas", { scrollWheelZoom: false }).setView(start, 13);
  var tiles = box.getAttribute("data-tiles");
  if (tiles) {
    window.L.tileLayer(tiles, {
      maxZoom: 19,
      attribution: box.getAttribute("data-attribution") || ""
    }).addTo(map);
  }
  var marker = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = window.L.marker(latlng, { alt: box.getAttribute("data-pin-label") || "" }).addTo(map); }
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
    askNearby();
  }
  if (lat.value && lng.value) { place(window.L.latLng(start[0], start[1])); }
  map.on("click", function (event) { place(event.latlng); });
})();
