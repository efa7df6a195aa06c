// Select-all for the queue's bulk actions. Without JavaScript the box stays hidden
// and each case is ticked on its own; the form works either way.
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  var form = document.getElementById("bulk");
  if (!all || !form) { return; }
  var boxes = function () { return form.querySelectorAll('input[name="case"]'); };
  if (!boxes().length) { return; }
  all.hidden = false;
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
