/*
  `${code}` references in a section's texts to a question of the same page. The page shows
  them with the answer saved so far, each in a <span data-guild-ref="code"> (see
  guild/questionnaires/answering/forms.py, SectionForm.live_text); this script puts there
  what the person types or chooses, as the page would show it once saved: the text typed,
  or the labels of the options chosen, separated by commas. Without JavaScript the saved
  answer stays until the page is saved.
*/
(function () {
  "use strict";

  function optionLabel(input) {
    var label = input.closest("label") || (input.id && document.querySelector("label[for='" + input.id + "']"));
    return label ? label.textContent.trim() : input.value;
  }

  // The answer to `code` as text, or null when the page has no field for it.
  function answerOf(form, code) {
    var found = false;
    var chosen = [];
    for (var i = 0; i < form.elements.length; i++) {
      var field = form.elements[i];
      if (field.name !== code) {
        continue;
      }
      found = true;
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) {
          chosen.push(optionLabel(field));
        }
      } else {
        return field.value.trim();
      }
    }
    return found ? chosen.join(", ") : null;
  }

  function update(form) {
    var spans = form.querySelectorAll("[data-guild-ref]");
    Array.prototype.forEach.call(spans, function (span) {
      var answer = answerOf(form, span.getAttribute("data-guild-ref"));
      if (answer !== null && span.textContent !== answer) {
        span.textContent = answer;
      }
    });
  }

  function ready() {
    var forms = document.querySelectorAll("form");
    Array.prototype.forEach.call(forms, function (form) {
      if (!form.querySelector("[data-guild-ref]")) {
        return;
      }
      // The fields may hold more than the saved answers (a default, or what was sent
      // with an error): the texts start from what the fields hold.
      update(form);
      form.addEventListener("input", function () {
        update(form);
      });
      form.addEventListener("change", function () {
        update(form);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
