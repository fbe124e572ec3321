// The dais's speakers' list: reorder entries by drag and drop.
// Events are delegated from the document, so the list keeps working after every websocket
// swap replaces it. The move is an ordinary POST (htmx.ajax, with the page's CSRF header);
// the websocket push that follows redraws the list on every screen. The arrow buttons next
// to each name do the same for keyboard users.
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

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    dragged.classList.remove("is-dragged");
    if (dragged.parentNode) clearMarks(dragged.parentNode);
    dragged = null;
  });
})();
