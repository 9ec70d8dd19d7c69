// The application's list of people helped: "Add another person" copies the empty form of
// the formset (its __prefix__ numbered) and counts it in TOTAL_FORMS. Without the script
// the page still sends the people shown.
(function () {
  "use strict";
  function ready() {
    var button = document.querySelector("[data-add-person]");
    var total = document.getElementById("id_people-TOTAL_FORMS");
    var template = document.getElementById("person-template");
    var list = document.querySelector("[data-testid=people]");
    if (!button || !total || !template || !list) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var n = parseInt(total.value, 10);
      list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(n)));
      total.value = String(n + 1);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
