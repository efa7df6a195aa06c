// Move focus to the error summary so screen-reader and keyboard users start there.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
