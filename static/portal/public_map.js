// The public map: the reports of the list below as markers on the city's tiles.
// Progressive: without JS, or without tiles, the page keeps its static outline and the
// list. If the tiles cannot load (offline, tile server down), the outline comes back
// with a note, so the page never shows a grey box.
(function () {
  "use strict";
  var box = document.getElementById("public-map");
  if (!box || typeof window.L === "undefined") { return; }
  var tiles = box.getAttribute("data-tiles");
  var list = document.getElementById(box.getAttribute("data-list"));
  var outline = document.getElementById(box.getAttribute("data-outline"));
  var failed = document.getElementById(box.getAttribute("data-failed"));
  if (!tiles || !list) { return; }
  var items = list.querySelectorAll("li[data-lat]");
  if (!items.length) { return; }
  box.hidden = false;
  var map = window.L.map(box, { scrollWheelZoom: false });
  var bounds = [];
  Array.prototype.forEach.call(items, function (item) {
    var point = [parseFloat(item.getAttribute("data-lat")), parseFloat(item.getAttribute("data-long"))];
    if (isNaN(point[0]) || isNaN(point[1])) { return; }
    bounds.push(point);
    var link = item.querySelector("a");
    var marker = window.L.marker(point, { alt: item.getAttribute("data-label") || "" }).addTo(map);
    if (link) { marker.on("click", function () { window.location.href = link.href; }); }
  });
  if (!bounds.length) { box.hidden = true; return; }
  map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] });
  var layer = window.L.tileLayer(tiles, { maxZoom: 19, attribution: box.getAttribute("data-attribution") || "" });
  var gaveUp = false;
  layer.on("tileerror", function () {
    if (gaveUp) { return; }
    gaveUp = true;
    map.remove();
    box.hidden = true;
    if (outline) { outline.removeAttribute("hidden"); }
    if (failed) { failed.hidden = false; }
  });
  layer.on("load", function () { if (outline && !gaveUp) { outline.setAttribute("hidden", ""); } });
  layer.addTo(map);
})();
