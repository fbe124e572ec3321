// Buttons in the dais page's long lists, and the roll call's keys: the attendance roster (absent, present, present and
// voting) and the delegations that have not voted yet in a phone vote (enter Yes or No).
// The buttons carry no request details of their own (193 rows would repeat them in every
// row): a click posts to the URL its list names, with the page's CSRF header (htmx.ajax).
// Events are delegated from the document, so rows swapped in by a push work at once; the push
// that follows redraws what changed on every dais screen.
(function () {
  "use strict";

  function post(url, button, values) {
    window.htmx.ajax("POST", url, { source: button, swap: "none", values: values });
  }

  document.addEventListener("click", function (evt) {
    if (!evt.target.closest) return;
    var mark = evt.target.closest("[data-mark]");
    var markGroup = mark && mark.closest("[data-mark-url]");
    if (markGroup) {
      post(markGroup.dataset.markUrl, mark, { status: mark.dataset.mark });
      return;
    }
    var enter = evt.target.closest("[data-enter]");
    var row = enter && enter.closest("[data-delegation-id]");
    var list = row && row.closest("[data-enter-url]");
    if (list) {
      post(list.dataset.enterUrl, enter, { delegation: row.dataset.delegationId, choice: enter.dataset.enter });
    }
  });

  // At a roll call, the number of an answer records it for the delegation called (one key per
  // answer), unless the dais is typing somewhere.
  document.addEventListener("keydown", function (evt) {
    if (evt.ctrlKey || evt.metaKey || evt.altKey) return;
    var typing = evt.target.closest && evt.target.closest("input, select, textarea, [contenteditable]");
    if (typing) return;
    var button = document.querySelector('#voting [data-roll-key="' + evt.key + '"]');
    if (button && !button.disabled) {
      evt.preventDefault();
      button.click();
    }
  });
})();
