// The working-paper editor: the clause tree lives in the page as nested lists of textareas,
// each clause an <li data-clause> (data-clause-id once the server has given it an id). Every
// change relabels the tree ("PP1", "1", "1(a)", "1(a)(i)"), writes it as JSON into the form's
// hidden `body` input and sends "editor-changed" on the form, which htmx turns into an
// autosave two seconds after the last one. A new clause carries a key ("n3") until the
// answer to a save says which id the server gave it ("editor-saved" event).
// Events are delegated from the document, so an editor swapped in by htmx works at once.
(function () {
  "use strict";

  var nextKey = 0;

  function editorOf(node) {
    return node && node.closest ? node.closest("[data-editor]") : null;
  }

  function clausesIn(list) {
    if (!list) return [];
    return Array.prototype.filter.call(list.children, function (child) {
      return child.hasAttribute("data-clause");
    });
  }

  function ownPart(clause, selector) {
    // The element of this clause itself, not of one of its sub-clauses.
    var found = clause.querySelectorAll(selector);
    for (var i = 0; i < found.length; i++) {
      if (found[i].closest("[data-clause]") === clause) return found[i];
    }
    return null;
  }

  function childList(clause) {
    return ownPart(clause, "[data-children]");
  }

  function textOf(clause) {
    return ownPart(clause, "[data-clause-text]");
  }

  function partOf(node) {
    return node.closest("[data-part]").getAttribute("data-part");
  }

  function maxDepth(editor) {
    return parseInt(editor.getAttribute("data-max-depth") || "3", 10);
  }

  // How many levels a clause and its sub-clauses take.
  function height(clause) {
    var tallest = 0;
    clausesIn(childList(clause)).forEach(function (child) {
      tallest = Math.max(tallest, height(child));
    });
    return 1 + tallest;
  }

  function letter(n) {
    var out = "";
    while (n > 0) {
      var rest = (n - 1) % 26;
      out = String.fromCharCode(97 + rest) + out;
      n = Math.floor((n - 1) / 26);
    }
    return out;
  }

  function roman(n) {
    var values = [[10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];
    var out = "";
    values.forEach(function (pair) {
      while (n >= pair[0]) {
        out += pair[1];
        n -= pair[0];
      }
    });
    return out;
  }

  function labelFor(part, depth, index, parentLabel) {
    if (part === "preambular") return "PP" + index;
    if (depth === 1) return String(index);
    return parentLabel + "(" + (depth === 2 ? letter(index) : roman(index)) + ")";
  }

  function setDisabled(clause, action, disabled) {
    var button = ownPart(clause, '[data-editor-action="' + action + '"]');
    if (button) button.disabled = disabled;
  }

  function countText(textarea) {
    var holder = textarea.closest("[data-clause]") || textarea.closest(".field");
    var counter = holder && holder.querySelector("[data-count]");
    var limit = parseInt(textarea.getAttribute("data-limit"), 10);
    var length = textarea.value.length;
    if (counter) {
      counter.textContent = length + " / " + limit;
      counter.classList.toggle("is-over", length > limit);
    }
    if (length > limit) textarea.setAttribute("aria-invalid", "true");
    else textarea.removeAttribute("aria-invalid");
  }

  function relabelList(editor, list, part, depth, parentLabel) {
    var clauses = clausesIn(list);
    var deepest = maxDepth(editor);
    clauses.forEach(function (clause, i) {
      var label = labelFor(part, depth, i + 1, parentLabel);
      clause.setAttribute("data-depth", String(depth));
      ownPart(clause, "[data-label]").textContent = label;
      textOf(clause).setAttribute("aria-label", editor.getAttribute("data-text-clause") + " " + label);
      setDisabled(clause, "up", i === 0);
      setDisabled(clause, "down", i === clauses.length - 1);
      setDisabled(clause, "child", depth >= deepest);
      setDisabled(clause, "indent", i === 0 || depth + height(clause) > deepest);
      setDisabled(clause, "outdent", depth === 1);
      var sub = childList(clause);
      if (sub) relabelList(editor, sub, part, depth + 1, label);
    });
  }

  function relabel(editor) {
    editor.querySelectorAll("[data-part]").forEach(function (part) {
      relabelList(editor, part.querySelector("[data-clauses]"), part.getAttribute("data-part"), 1, "");
    });
  }

  function clauseJson(clause, withChildren) {
    var item = {};
    var id = clause.getAttribute("data-clause-id");
    if (id) {
      item.id = id;
    } else {
      if (!clause.getAttribute("data-key")) clause.setAttribute("data-key", "n" + (nextKey += 1));
      item.key = clause.getAttribute("data-key");
    }
    item.text = textOf(clause).value;
    if (withChildren) {
      item.children = clausesIn(childList(clause)).map(function (child) {
        return clauseJson(child, true);
      });
    }
    return item;
  }

  function serialise(editor) {
    var body = {};
    editor.querySelectorAll("[data-part]").forEach(function (part) {
      var name = part.getAttribute("data-part");
      body[name] = clausesIn(part.querySelector("[data-clauses]")).map(function (clause) {
        return clauseJson(clause, name === "operative");
      });
    });
    var input = editor.querySelector("[data-editor-body]");
    if (input) input.value = JSON.stringify(body);
    return input ? input.value : "";
  }

  // Tell htmx (autosave) and the delegate that the text has changed since the last save. The
  // JSON itself is written when a request leaves (see "submit" and "htmx:configRequest").
  function changed(editor) {
    var status = editor.querySelector("#editor-status");
    if (status && editor.getAttribute("data-text-unsaved")) {
      status.textContent = editor.getAttribute("data-text-unsaved");
    }
    editor.dispatchEvent(new CustomEvent("editor-changed", { bubbles: true }));
  }

  function blankClause(editor, part) {
    var template = editor.querySelector('template[data-clause-template="' + part + '"]');
    return template.content.firstElementChild.cloneNode(true);
  }

  function hasText(clause) {
    return Array.prototype.some.call(clause.querySelectorAll("[data-clause-text]"), function (box) {
      return box.value.trim() !== "";
    });
  }

  function act(editor, button) {
    var action = button.getAttribute("data-editor-action");
    var focus = null;
    if (action === "append") {
      var part = button.closest("[data-part]");
      focus = blankClause(editor, part.getAttribute("data-part"));
      part.querySelector("[data-clauses]").appendChild(focus);
      return focus;
    }
    var clause = button.closest("[data-clause]");
    var list = clause.parentElement;
    var previous = clause.previousElementSibling;
    var next = clause.nextElementSibling;
    if (action === "after") {
      focus = blankClause(editor, partOf(clause));
      list.insertBefore(focus, next);
    } else if (action === "child") {
      focus = blankClause(editor, partOf(clause));
      childList(clause).appendChild(focus);
    } else if (action === "up" && previous) {
      list.insertBefore(clause, previous);
      focus = clause;
    } else if (action === "down" && next) {
      list.insertBefore(next, clause);
      focus = clause;
    } else if (action === "indent" && previous && childList(previous)) {
      childList(previous).appendChild(clause);
      focus = clause;
    } else if (action === "outdent") {
      var parent = list.closest("[data-clause]");
      if (!parent) return null;
      parent.parentElement.insertBefore(clause, parent.nextElementSibling);
      focus = clause;
    } else if (action === "remove") {
      if (hasText(clause) && !window.confirm(editor.getAttribute("data-text-remove"))) return null;
      focus = next || previous || list.closest("[data-clause]");
      clause.remove();
    }
    return focus;
  }

  document.addEventListener("click", function (evt) {
    var button = evt.target.closest && evt.target.closest("[data-editor-action]");
    var editor = editorOf(button);
    if (!editor || button.disabled) return;
    var focus = act(editor, button);
    relabel(editor);
    serialise(editor);
    changed(editor);
    if (focus) {
      var box = focus.hasAttribute("data-clause") ? textOf(focus) : null;
      if (box) box.focus();
    }
  });

  document.addEventListener("click", function (evt) {
    if (!evt.target.closest || !evt.target.closest("[data-editor-close-conflict]")) return;
    var panel = document.getElementById("editor-conflict");
    if (panel) panel.textContent = "";
  });

  document.addEventListener("input", function (evt) {
    var target = evt.target;
    if (target.matches && target.matches("textarea[data-limit]")) countText(target);
    var editor = editorOf(target);
    // The paste box of a new paper shares its form, but is not part of the text.
    if (!editor || target.name === "text") return;
    changed(editor);
  });

  // The JSON is written again just before any submit and any htmx request of an editor.
  document.addEventListener(
    "submit",
    function (evt) {
      var editor = editorOf(evt.target);
      if (editor) serialise(editor);
    },
    true
  );

  function hasEmptyClause(editor) {
    return Array.prototype.some.call(editor.querySelectorAll("[data-part] [data-clause-text]"), function (box) {
      return box.value.trim() === "";
    });
  }

  // An autosave waits while a clause is still empty (just added, not written yet): the server
  // would refuse the whole text for it. The Save button sends it anyway, and is told why.
  document.addEventListener("htmx:configRequest", function (evt) {
    var elt = evt.detail.elt;
    if (!elt || !elt.matches || !elt.matches("[data-editor]")) return;
    var trigger = evt.detail.triggeringEvent;
    if (trigger && trigger.type === "editor-changed" && hasEmptyClause(elt)) {
      evt.preventDefault();
      var status = elt.querySelector("#editor-status");
      if (status) status.textContent = elt.getAttribute("data-text-waiting");
      return;
    }
    evt.detail.parameters.set("body", serialise(elt));
  });

  // The answer to a save names the ids the new clauses received.
  document.addEventListener("editor-saved", function (evt) {
    var ids = (evt.detail && evt.detail.ids) || {};
    var editor = document.getElementById("editor-form");
    if (!editor) return;
    Object.keys(ids).forEach(function (key) {
      var clause = editor.querySelector('[data-clause][data-key="' + key + '"]');
      if (clause) {
        clause.setAttribute("data-clause-id", ids[key]);
        clause.removeAttribute("data-key");
      }
    });
    serialise(editor);
  });

  function start() {
    document.querySelectorAll("[data-editor]").forEach(relabel);
  }

  // An editor swapped in ("Load their version") gets its buttons' states.
  document.addEventListener("htmx:load", function (evt) {
    var root = evt.detail.elt;
    if (!root || !root.querySelectorAll) return;
    if (root.matches("[data-editor]")) relabel(root);
    root.querySelectorAll("[data-editor]").forEach(relabel);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
