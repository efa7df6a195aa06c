// Select-all for the queue's bulk actions. Without JavaScript the box stays hidden
// and each case is ticked on its own; the form works either way.
(function () {
  "use strict";
  // On a phone the filters fold away (unless some are set), so the cases come first.
  var filters = document.getElementById("filter-box");
  if (filters && !filters.hasAttribute("data-active") &&
      window.matchMedia("(max-width: 700px)").matches) {
    filters.open = false;
  }
  var all = document.getElementById("select-all");
  var form = document.getElementById("bulk");
  if (!all || !form) { return; }
  var boxes = function () { return form.querySelectorAll('input[name="case"]'); };
  if (!boxes().length) { return; }
  var row = document.getElementById("select-all-row");
  if (row) { row.hidden = false; }
  var sync = function () {
    var list = boxes(), ticked = 0;
    for (var i = 0; i < list.length; i++) { if (list[i].checked) { ticked++; } }
    all.checked = ticked === list.length;
    all.indeterminate = ticked > 0 && ticked < list.length;
  };
  all.addEventListener("change", function () {
    var list = boxes();
    for (var i = 0; i < list.length; i++) { list[i].checked = all.checked; }
    all.indeterminate = false;
  });
  form.addEventListener("change", function (event) {
    if (event.target !== all && event.target.name === "case") { sync(); }
  });
  sync();
}());
