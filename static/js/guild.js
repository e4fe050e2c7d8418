/*
  Guild: the little JavaScript the pages need. The Content Security Policy is
  script-src 'self', so there are no inline scripts or event-handler attributes anywhere:
  behaviour lives here (or in another static file loaded with <script src defer>).
*/
(function () {
  "use strict";

  // After a failed submission, move focus to the error summary (as the GC Design System
  // does for its own form components) so keyboard and screen reader users land on the
  // list of problems. The summary is a web component: wait until it is defined.
  function focusErrorSummary() {
    var summary = document.querySelector("gcds-error-summary[data-guild-autofocus]");
    if (!summary || !window.customElements) {
      return;
    }
    window.customElements.whenDefined("gcds-error-summary").then(function () {
      var tries = 0;
      (function attempt() {
        var target = summary.shadowRoot && summary.shadowRoot.querySelector("[role='alert']");
        if (target) {
          target.focus();
          return;
        }
        if (tries++ < 20) {
          window.setTimeout(attempt, 50);
        }
      })();
    });
  }

  // Confirmation steps (templates/includes/confirm.html) are <details>: they work without
  // JavaScript; with it, "Cancel" closes the question and gives focus back to the button.
  function enableConfirmCancel() {
    var buttons = document.querySelectorAll(".guild-confirm__cancel");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var details = button.closest("details");
        if (details) {
          details.open = false;
          details.querySelector("summary").focus();
        }
      });
    });
  }

  function ready() {
    focusErrorSummary();
    enableConfirmCancel();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
