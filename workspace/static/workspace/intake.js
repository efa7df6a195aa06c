// Phone intake: choosing "new request" or "existing case" opens that section and
// folds the other. Without JavaScript both can be opened by hand; nothing is lost.
(function () {
  "use strict";
  var form = document.getElementById("intake");
  if (!form) { return; }
  var sections = { "new": document.getElementById("section-new"),
                   "existing": document.getElementById("section-existing") };
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name !== "mode" || !sections[target.value]) { return; }
    Object.keys(sections).forEach(function (key) {
      if (sections[key]) { sections[key].open = key === target.value; }
    });
  });
  // Enter in the sidebar's search box searches rather than logging the call.
  var kb = document.getElementById("kb");
  var search = document.getElementById("kb-search");
  if (kb && search) {
    kb.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); search.click(); }
    });
  }
}());
