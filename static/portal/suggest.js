// Answers before asking: while the resident describes the problem, show knowledge-base
// answers that may help. Progressive enhancement: without JS the next step shows them.
(function () {
  "use strict";
  var fields = document.querySelectorAll("textarea[data-suggest-url]");
  Array.prototype.forEach.call(fields, function (field) {
    var target = document.getElementById(field.getAttribute("data-suggest-target"));
    var url = field.getAttribute("data-suggest-url");
    if (!target || !url) { return; }
    var timer = null;
    // Text already there (typed before this script ran, or kept by the browser) counts
    // too, unless the server has already shown the answers for it.
    var last = target.innerHTML.trim() ? field.value.trim() : "";
    var controller = null;
    function update() {
      var text = field.value.trim();
      if (text === last) { return; }
      last = text;
      if (text.length < 3) { target.innerHTML = ""; return; }
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { "Accept": "text/html" },
        credentials: "same-origin",
        signal: controller.signal
      }).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (html) {
        // The fragment is rendered by our server with every user text escaped.
        target.innerHTML = html;
      }).catch(function () { /* offline or aborted: the form still works */ });
    }
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 350);
    });
    update();
  });
})();
