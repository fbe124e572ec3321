// A paper's page: when the paper's live region is pushed again (a signature, an amendment, a
// new version), what this delegation may do with it is asked for again, and so is the
// amendment form's preview (which brings the clause list again if the text was renumbered).
// Elements that want this carry data-paper-refresh="<document id>" and listen for the
// "paper-changed" event (templates/delegates/papers/_actions.html, _amendment_form.html).
(function () {
  "use strict";

  // Many phones read the same paper: spread their requests over a moment.
  var MAX_JITTER_MS = 800;
  var DOCUMENT_REGION = /id="document-(\d+)"/;

  document.addEventListener("htmx:wsAfterMessage", function (evt) {
    var match = DOCUMENT_REGION.exec(evt.detail.message || "");
    if (!match) return;
    var selector = '[data-paper-refresh="' + match[1] + '"]';
    window.setTimeout(function () {
      document.querySelectorAll(selector).forEach(function (element) {
        window.htmx.trigger(element, "paper-changed");
      });
    }, Math.random() * MAX_JITTER_MS);
  });

  // Such a redraw may come while a sponsor is choosing the delegation to ask: the choice is
  // put back in the redrawn actions (if that delegation is still offered), or the push would
  // undo it without a word.
  var chosen = {};

  document.addEventListener("htmx:beforeSwap", function (evt) {
    var target = evt.detail.target;
    if (!target || !target.matches || !target.matches("[data-paper-refresh]")) return;
    chosen = {};
    if (!evt.detail.shouldSwap || evt.detail.requestConfig.verb !== "get") return;
    target.querySelectorAll("select[id]").forEach(function (select) {
      if (select.value) chosen[select.id] = select.value;
    });
  });

  document.addEventListener("htmx:load", function (evt) {
    Object.keys(chosen).forEach(function (id) {
      var select = document.getElementById(id);
      if (!select || !evt.detail.elt.contains(select)) return;
      var value = chosen[id];
      delete chosen[id];
      var offered = Array.prototype.some.call(select.options, function (option) {
        return option.value === value;
      });
      if (offered) select.value = value;
    });
  });
})();
