// "Use my location" on the request form: the device's position fills the coordinates
// (the map and the address field keep working without it).
(function () {
  "use strict";
  var button = document.getElementById("use-my-location");
  var lat = document.getElementById("id_lat");
  var lng = document.getElementById("id_long");
  var status = document.getElementById("location-status");
  if (!button || !lat || !lng || !("geolocation" in navigator)) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lng.value = position.coords.longitude.toFixed(6);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
      status.textContent = button.getAttribute("data-found");
    }, function () {
      status.textContent = button.getAttribute("data-failed");
    }, { enableHighAccuracy: true, timeout: 10000 });
  });
})();
