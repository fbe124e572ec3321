// The dais's speakers' list: reorder entries by drag and drop, or with the arrow buttons next
// to each name, and take a name off with its ✕.
// Events are delegated from the document, so the list keeps working after every websocket
// swap replaces it, and a list of 193 names carries no request details per name (only the
// list says where to POST). Each change is an ordinary POST (htmx.ajax, with the page's CSRF
// header); the websocket push that follows redraws the list on every screen.
(function () {
  "use strict";

  var dragged = null; // the <li> being dragged

  function entryOf(node) {
    return node && node.closest ? node.closest("[data-speakers-list] > li[data-position]") : null;
  }

  function clearMarks(list) {
    var marked = list.querySelectorAll(".is-drop-target");
    for (var i = 0; i < marked.length; i++) marked[i].classList.remove("is-drop-target");
  }

  document.addEventListener("dragstart", function (evt) {
    var entry = entryOf(evt.target);
    if (!entry) return;
    dragged = entry;
    entry.classList.add("is-dragged");
    evt.dataTransfer.effectAllowed = "move";
    evt.dataTransfer.setData("text/plain", entry.dataset.position);
  });

  document.addEventListener("dragover", function (evt) {
    var entry = entryOf(evt.target);
    if (!dragged || !entry || entry.parentNode !== dragged.parentNode) return;
    evt.preventDefault(); // allows the drop
    evt.dataTransfer.dropEffect = "move";
    clearMarks(entry.parentNode);
    if (entry !== dragged) entry.classList.add("is-drop-target");
  });

  document.addEventListener("drop", function (evt) {
    var entry = entryOf(evt.target);
    if (!dragged || !entry || entry.parentNode !== dragged.parentNode) return;
    evt.preventDefault();
    var list = entry.parentNode;
    clearMarks(list);
    if (entry === dragged) return;
    // The dragged entry takes the place of the one it is dropped on.
    window.htmx.ajax("POST", list.dataset.moveUrl, {
      source: list,
      swap: "none",
      values: {
        delegation: dragged.dataset.delegation,
        from: dragged.dataset.position,
        to: entry.dataset.position,
      },
    });
  });

  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest("[data-speakers-move], [data-speakers-remove]");
    var entry = entryOf(button);
    if (!entry) return;
    var list = entry.parentNode;
    var position = parseInt(entry.dataset.position, 10);
    if (button.hasAttribute("data-speakers-remove")) {
      window.htmx.ajax("POST", list.dataset.removeUrl, {
        source: button,
        swap: "none",
        values: { delegation: entry.dataset.delegation },
      });
      return;
    }
    window.htmx.ajax("POST", list.dataset.moveUrl, {
      source: button,
      swap: "none",
      values: {
        delegation: entry.dataset.delegation,
        from: position,
        to: position + parseInt(button.dataset.speakersMove, 10),
      },
    });
  });

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("is-dragged");
    if (dragged.parentNode) clearMarks(dragged.parentNode);
    dragged = null;
  });
})();
