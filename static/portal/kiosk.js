// Kiosk: after a quiet spell, clear the screen and the session for the next person.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseInt(body.getAttribute("data-idle-seconds"), 10) || 90;
  // The "Start over" form (POST with its CSRF token): a link could be fired from anywhere.
  var resetForm = document.querySelector("form[data-kiosk-reset]");
  var timer = null;
  function reset() {
    Array.prototype.forEach.call(document.forms, function (form) { form.reset(); });
    if (!resetForm) { return; }
    // POST the form in the background, then replace this page in the history, so
    // Back cannot bring the last person's form back.
    var home = resetForm.getAttribute("data-home") || "/kiosk/";
    window.fetch(resetForm.action, {
      method: "POST", body: new FormData(resetForm), credentials: "same-origin"
    }).then(function () { window.location.replace(home); },
            function () { resetForm.submit(); });
  }
  function restart() {
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, seconds * 1000);
  }
  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    document.addEventListener(name, restart, { passive: true });
  });
  // Coming back to a page through the history must not show the last person's answers.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { Array.prototype.forEach.call(document.forms, function (f) { f.reset(); }); }
  });
  restart();
})();
// Kiosk receipts: "Print a receipt" appears only where printing works (script running).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
