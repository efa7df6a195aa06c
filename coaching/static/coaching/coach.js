// The reply coach as you type: asks the server to review the draft (debounced) and
// redraws the panel; "Use this suggestion" puts the coach's rewrite into the draft.
// Without JavaScript the same panel is drawn on Preview and on a refused Send.
(function () {
  "use strict";
  var panel = document.getElementById("coach-panel");
  if (!panel) return;
  var form = panel.closest("form");
  var draft = form && form.querySelector("textarea[name=draft]");
  if (!draft) return;
  var timer = null;
  var sequence = 0;

  function token() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function apply(button) {
    var text = draft.value;
    var start = parseInt(button.dataset.start, 10);
    var end = parseInt(button.dataset.end, 10);
    var expect = button.dataset.expect || "";
    if (text.slice(start, end) !== expect) {
      // The draft changed since the review (or line endings differ): find the passage.
      var at = expect ? text.indexOf(expect) : -1;
      if (at < 0 && expect) { refresh(); return; }
      if (at >= 0) { start = at; end = at + expect.length; }
    }
    draft.value = text.slice(0, start) + button.dataset.suggestion + text.slice(end);
    draft.focus();
    refresh();
  }

  function wire() {
    panel.querySelectorAll(".coach-apply").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { apply(button); });
    });
  }

  function refresh() {
    var mine = ++sequence;
    var reason = panel.querySelector("#id_override_reason");
    var kept = reason ? reason.value : "";
    var body = new URLSearchParams({ text: draft.value, "case": panel.dataset.case, override_reason: kept });
    fetch(panel.dataset.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token(), "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (response) {
      return response.ok ? response.text() : Promise.reject(response.status);
    }).then(function (html) {
      if (mine !== sequence) return; // an older answer arriving late
      panel.innerHTML = html;
      wire();
    }).catch(function () { /* the coach is advice; the server checks again on Send */ });
  }

  draft.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  });
  wire();
  if (draft.value.trim() && !panel.querySelector(".coach-score")) refresh();
})();
