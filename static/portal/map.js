// Map pin for the request form, on top of the address field (which always works).
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || typeof window.L === "undefined") { return; }
  var lat = document.getElementById("id_lat");
  var lng = document.getElementById("id_long");
  var center = (box.getAttribute("data-center") || "").split(",").map(parseFloat);
  if (center.length !== 2 || isNaN(center[0]) || isNaN(center[1])) { return; }
  box.hidden = false;
  var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : center;
  var map = window.L.map("map-canvas", { scrollWheelZoom: false }).setView(start, 13);
  window.L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
  }).addTo(map);
  var marker = null;
  function place(latlng) {
    if (marker) { marker.setLatLng(latlng); } else { marker = window.L.marker(latlng, { alt: box.getAttribute("data-pin-label") || "" }).addTo(map); }
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
  }
  if (lat.value && lng.value) { place(window.L.latLng(start[0], start[1])); }
  map.on("click", function (event) { place(event.latlng); });
})();
