/*
  Choice filters that depend on an answer of the same page (cascading selects). The page
  renders every option of such a question with the values of the controlling question for
  which it is offered (data-filter-by, data-offered-for, data-offered-unanswered; see
  guild/questionnaires/answering/page.py). Without JavaScript every option stays on show
  and the server checks the choice on submission; with it, the options not offered are
  hidden and unchecked as the person answers.
*/
(function () {
  "use strict";

  function chosen(form, name) {
    var inputs = form.querySelectorAll("input[type='radio']");
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].name === name && inputs[i].checked) {
        return inputs[i].value;
      }
    }
    return null;
  }

  function apply(form) {
    // In document order, so that a filter whose controller was just cleared sees it empty.
    var inputs = form.querySelectorAll("input[data-filter-by]");
    Array.prototype.forEach.call(inputs, function (input) {
      var value = chosen(form, input.getAttribute("data-filter-by"));
      var isOffered =
        value === null
          ? input.getAttribute("data-offered-unanswered") === "true"
          : (input.getAttribute("data-offered-for") || "").split(" ").indexOf(value) >= 0;
      var label = input.closest("label");
      var holder = label && label.parentElement ? label.parentElement : input;
      holder.hidden = !isOffered;
      input.disabled = !isOffered;
      if (!isOffered) {
        input.checked = false;
      }
    });
  }

  function ready() {
    var forms = document.querySelectorAll("form");
    Array.prototype.forEach.call(forms, function (form) {
      if (!form.querySelector("input[data-filter-by]")) {
        return;
      }
      apply(form);
      form.addEventListener("change", function () {
        apply(form);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
