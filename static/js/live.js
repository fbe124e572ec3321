// Live pages: the websocket's state, timers counted down from the server's deadlines,
// missed-update detection, notices, failed actions, what needs a delegate's answer, and the
// dais's keyboard shortcuts.
(function () {
  "use strict";

  // Close codes sent by the server (committee/consumers.py).
  var ACCESS_REVOKED = 4001;
  var NOT_ALLOWED = 4003;
  var SUPERSEDED = 4008; // newer screens of the same delegation took this one's place
  var LIVE_UPDATES_DOWN = 1013; // "try again later": the channel layer is down
  var NOTICE_SECONDS = 8;
  var MESSAGE_SECONDS = 5;
  var MAX_RECONNECT_MS = 2000;

  var lastSeq = null;
  var clockOffsetMs = 0; // server clock minus this device's clock
  var revoked = false;

  // ---- reconnecting ----------------------------------------------------------------------

  // htmx's default waits up to a minute between attempts, so a screen could stay dead long
  // after the server came back. Retry soon, then every second or two (with jitter, so a
  // room's phones do not all knock at once).
  function reconnectDelay(retryCount) {
    var ceiling = Math.min(MAX_RECONNECT_MS, 250 * Math.pow(2, retryCount));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
  window.htmx.config.wsReconnectDelay = reconnectDelay;

  // ---- connection indicator -------------------------------------------------------------

  function show(state) {
    var el = document.getElementById("connection-indicator");
    document.body.dataset.connection = state;
    if (!el) return;
    el.classList.remove(
      "connection--connecting",
      "connection--online",
      "connection--offline",
      "connection--down",
      "connection--superseded"
    );
    el.classList.add("connection--" + state);
    if (state === "online") el.textContent = el.dataset.labelOnline;
    if (state === "offline") el.textContent = el.dataset.labelOffline;
    if (state === "down") el.textContent = el.dataset.labelDown;
    if (state === "superseded") el.textContent = el.dataset.labelSuperseded;
  }

  // The server decides where a screen without access belongs (join page, sign-in page).
  function leave() {
    window.location.reload();
  }

  // Access taken away for good: a projector says its link was replaced (reloading would show
  // a bare "not allowed"); a phone goes to the join page, told why; others ask the server.
  function accessRevoked() {
    if (revoked) return;
    revoked = true;
    var replaced = document.getElementById("link-replaced");
    var live = document.querySelector("[data-join-url]");
    if (replaced) {
      document.body.classList.add("is-replaced");
      replaced.hidden = false;
    } else if (live) {
      window.location.assign(live.dataset.joinUrl + "?signed_out=1");
    } else {
      leave();
    }
  }

  document.addEventListener("htmx:wsOpen", function () {
    lastSeq = null; // a snapshot follows every (re)connection
    show("online");
  });

  document.addEventListener("htmx:wsClose", function (evt) {
    var code = evt.detail && evt.detail.event ? evt.detail.event.code : 0;
    if (code === ACCESS_REVOKED) {
      accessRevoked();
      return;
    }
    if (code === NOT_ALLOWED) {
      if (!revoked) leave();
      return;
    }
    if (code === LIVE_UPDATES_DOWN) {
      // The ws extension reconnects by itself after this code, with reconnectDelay above.
      show("down");
      return;
    }
    if (code === SUPERSEDED) {
      // Not retried: reconnecting would push out one of the delegation's newer screens.
      show("superseded");
      return;
    }
    show("offline");
  });

  document.addEventListener("htmx:wsError", function () {
    show("offline");
  });

  // ---- sequence numbers and the server's clock ------------------------------------------

  function readMeta(message) {
    var seq = /data-seq="(\d+)"/.exec(message);
    var now = /data-server-now="(\d+)"/.exec(message);
    return {
      seq: seq ? parseInt(seq[1], 10) : null,
      serverNow: now ? parseInt(now[1], 10) : null,
      heartbeat: message.indexOf('data-heartbeat="true"') !== -1,
    };
  }

  // A push carries only the regions that changed; the server keeps what each group of screens
  // was sent. The heartbeat says how far the floor has got: a screen that is behind lost a
  // push on the way and asks for everything again.
  document.addEventListener("htmx:wsBeforeMessage", function (evt) {
    var meta = readMeta(evt.detail.message || "");
    if (meta.serverNow !== null) clockOffsetMs = meta.serverNow - Date.now();
    if (meta.seq === null) return;
    if (meta.heartbeat) {
      if (lastSeq !== null && meta.seq > lastSeq) evt.detail.socketWrapper.send("resync");
      return;
    }
    if (lastSeq === null || meta.seq > lastSeq) lastSeq = meta.seq;
  });

  // Two pushes may overtake each other on the way: every region carries the stamp of the
  // render it came from, and a region older than the one on screen is not swapped in.
  function renderStamp(element) {
    var stamp = element && element.getAttribute && element.getAttribute("data-render");
    return stamp ? parseInt(stamp, 10) : null;
  }

  // A region's rows (the roster's) are also sent one by one: a row on screen that is newer
  // than the same row inside an incoming region is kept.
  document.addEventListener("htmx:oobBeforeSwap", function (evt) {
    var fragment = evt.detail.fragment;
    var root = fragment && fragment.firstElementChild;
    var incoming = renderStamp(root);
    var shown = renderStamp(evt.detail.target);
    if (incoming !== null && shown !== null && incoming < shown) {
      evt.detail.shouldSwap = false;
      return;
    }
    if (!root || !root.querySelectorAll) return;
    root.querySelectorAll("[id][data-render]").forEach(function (part) {
      var onScreen = document.getElementById(part.id);
      var newer = renderStamp(onScreen);
      if (newer !== null && newer > renderStamp(part)) part.replaceWith(onScreen.cloneNode(true));
    });
  });

  // ---- option lists shared by many selects --------------------------------------------------

  // Long lists of delegations are sent once per screen (a <template id="..."> of <option>s) and
  // copied into each <select data-options-from="..."> that needs them, leaving out the ids in
  // data-options-except and starting on data-options-selected. A choice already made survives
  // a refill.
  function fillSharedOptions() {
    document.querySelectorAll("select[data-options-from]").forEach(function (select) {
      var source = document.getElementById(select.dataset.optionsFrom);
      if (!source || !source.content) return;
      var version = source.getAttribute("data-render") || source.innerHTML.length;
      if (select.dataset.optionsVersion === String(version) && select.options.length) return;
      var except = (select.dataset.optionsExcept || "").split(" ");
      var chosen = select.options.length ? select.value : null;
      var options = document.createDocumentFragment();
      Array.prototype.forEach.call(source.content.children, function (option) {
        if (except.indexOf(option.value) === -1) options.appendChild(option.cloneNode(true));
      });
      select.replaceChildren(options);
      var wanted = chosen !== null ? chosen : select.dataset.optionsSelected;
      if (wanted && select.querySelector('option[value="' + wanted + '"]')) select.value = wanted;
      select.dataset.optionsVersion = String(version);
    });
  }

  // A tally's bar: its parts' widths and the threshold line come as data (the CSP forbids
  // style attributes) and are set here, after every swap.
  function drawBars() {
    document.querySelectorAll(".vote-bar [data-width]").forEach(function (part) {
      part.style.width = part.dataset.width + "%";
    });
    document.querySelectorAll(".vote-bar [data-left]").forEach(function (line) {
      line.style.left = line.dataset.left + "%";
    });
  }

  document.addEventListener("htmx:wsAfterMessage", drawBars);
  document.addEventListener("htmx:afterSettle", drawBars);
  document.addEventListener("DOMContentLoaded", drawBars);

  document.addEventListener("htmx:wsAfterMessage", fillSharedOptions);
  document.addEventListener("htmx:afterSettle", fillSharedOptions);
  document.addEventListener("DOMContentLoaded", fillSharedOptions);

  document.addEventListener("htmx:wsAfterMessage", function () {
    var marker = document.getElementById("access-revoked");
    if (marker && marker.dataset.revoked === "true") accessRevoked();
    gatherPending();
    rememberedMotion();
    tick();
  });

  // A phone that slept may hold a dead socket the browser has not noticed yet.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible" || revoked) return;
    var live = document.querySelector("[ws-connect]");
    if (live && document.body.dataset.connection === "offline") leave();
  });

  // ---- timers ----------------------------------------------------------------------------

  function label(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  // A short tone when a running timer reaches zero: off unless this screen switched it on
  // (dais: the "Sound at time-up" switch; projector: ?sound=1 in its link). Browsers only
  // allow sound after a click on the page, which the switch, or any click, provides.
  var SOUND_KEY = "bimun-sound";
  var audio = null;
  var expiredDeadlines = {};

  function soundWanted() {
    if (/[?&]sound=1\b/.test(window.location.search)) return true;
    return window.localStorage.getItem(SOUND_KEY) === "on";
  }

  function beep() {
    if (!soundWanted()) return;
    try {
      audio = audio || new window.AudioContext();
      var tone = audio.createOscillator();
      var volume = audio.createGain();
      tone.frequency.value = 880;
      volume.gain.setValueAtTime(0.25, audio.currentTime);
      volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8);
      tone.connect(volume).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.8);
    } catch (error) {
      // No audio on this device: the visual signal remains.
    }
  }

  function showSoundSwitch() {
    var button = document.getElementById("sound-switch");
    if (!button) return;
    var on = window.localStorage.getItem(SOUND_KEY) === "on";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? button.dataset.labelOn : button.dataset.labelOff;
  }

  document.addEventListener("click", function (evt) {
    var button = evt.target.closest ? evt.target.closest("#sound-switch") : null;
    if (button) {
      var on = window.localStorage.getItem(SOUND_KEY) === "on";
      window.localStorage.setItem(SOUND_KEY, on ? "off" : "on");
      showSoundSwitch();
    }
    if (soundWanted() && !audio && window.AudioContext) audio = new window.AudioContext();
  });

  function tick() {
    var timers = document.querySelectorAll("[data-timer]");
    var now = Date.now() + clockOffsetMs;
    for (var i = 0; i < timers.length; i++) {
      var el = timers[i];
      var remaining = parseInt(el.dataset.remainingMs || "0", 10);
      var running = el.dataset.running === "true" && el.dataset.deadlineMs;
      if (running) remaining = parseInt(el.dataset.deadlineMs, 10) - now;
      var text = label(remaining);
      if (el.textContent !== text) el.textContent = text;
      var duration = parseInt(el.dataset.durationMs || "0", 10);
      var expired = duration > 0 && remaining <= 0;
      el.classList.toggle("timer--expired", expired);
      el.classList.toggle("timer--warning", remaining > 0 && remaining <= 10000);
      // One tone per deadline, however many timers show it and however often we tick.
      if (running && expired && remaining > -2000 && !expiredDeadlines[el.dataset.deadlineMs]) {
        expiredDeadlines[el.dataset.deadlineMs] = true;
        beep();
      }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var meta = document.getElementById("live-meta");
    if (meta && meta.dataset.serverNow) {
      clockOffsetMs = parseInt(meta.dataset.serverNow, 10) - Date.now();
    }
    showSoundSwitch();
    gatherPending();
    hideMessagesSoon();
    tick();
    window.setInterval(tick, 200);
  });

  // ---- notices: refusals shown for a few seconds -----------------------------------------

  document.addEventListener("htmx:afterSwap", function (evt) {
    if (!evt.detail.target || evt.detail.target.id !== "notices") return;
    var notices = evt.detail.target;
    window.setTimeout(function () {
      notices.textContent = "";
    }, NOTICE_SECONDS * 1000);
  });

  // Messages after a page load (a welcome, a saved form) go away when read. On a phone
  // they would push what matters below the fold, so they go by themselves too.
  function hideMessagesSoon() {
    var list = document.querySelector(".messages");
    if (!list || !document.body.classList.contains("page--phone")) return;
    window.setTimeout(function () {
      list.hidden = true;
    }, MESSAGE_SECONDS * 1000);
  }

  document.addEventListener("click", function (evt) {
    var dismiss = evt.target.closest ? evt.target.closest("[data-dismiss]") : null;
    if (dismiss) dismiss.closest("li").hidden = true;
  });

  // ---- actions: busy while sent, and never lost silently -------------------------------------

  // The button (or link, or field) the person used to send this request.
  function pressedControl(detail) {
    var elt = detail.elt;
    if (elt && elt.tagName === "FORM") {
      var trigger = detail.requestConfig ? detail.requestConfig.triggeringEvent : null;
      return (trigger && trigger.submitter) || elt.querySelector("[type=submit]") || elt;
    }
    return elt;
  }

  function clearFailure(control) {
    control.classList.remove("is-failed");
    var note = control.querySelector(".failed-note");
    if (note) note.remove();
  }

  function showNotice(text) {
    var notices = document.getElementById("notices");
    if (!notices) return;
    var notice = document.createElement("div");
    notice.className = "notice notice--error";
    notice.setAttribute("role", "alert");
    notice.dataset.testid = "notice";
    notice.textContent = text;
    notices.replaceChildren(notice);
    window.setTimeout(function () {
      notice.remove();
    }, NOTICE_SECONDS * 1000);
  }

  // Said on the control itself, since a tap elsewhere may have scrolled the notices away,
  // and in the notices, since a push may replace the control before the answer comes.
  function markFailed(detail, connectionLost) {
    var text = document.body.dataset[connectionLost ? "textNoConnection" : "textNotRecorded"];
    var control = pressedControl(detail);
    if (control && document.body.contains(control)) {
      clearFailure(control);
      control.classList.add("is-failed");
      if (control.tagName === "BUTTON") {
        var note = document.createElement("span");
        note.className = "failed-note";
        note.dataset.testid = "action-failed";
        note.textContent = text;
        control.appendChild(note);
      }
    }
    // A refusal the server explained has already been swapped into #notices.
    var xhr = detail.xhr;
    if (!(xhr && xhr.status && xhr.getResponseHeader("HX-Retarget"))) showNotice(text);
  }

  // One tap, one request: the control is disabled until the answer (or the timeout) comes.
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var control = pressedControl(evt.detail);
    if (!control) return;
    clearFailure(control);
    if (control.tagName === "BUTTON" && evt.detail.requestConfig.verb !== "get") {
      control.disabled = true;
      evt.detail.elt.addEventListener(
        "htmx:afterRequest",
        function () {
          control.disabled = false;
        },
        { once: true }
      );
    }
  });

  // A 5xx that carries a notice for #notices (the server too busy to decide) is shown.
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var xhr = evt.detail.xhr;
    if (xhr.status >= 500 && xhr.getResponseHeader("HX-Retarget")) evt.detail.shouldSwap = true;
  });

  document.addEventListener("htmx:responseError", function (evt) {
    markFailed(evt.detail, false);
  });
  document.addEventListener("htmx:sendError", function (evt) {
    markFailed(evt.detail, true);
  });
  document.addEventListener("htmx:timeout", function (evt) {
    markFailed(evt.detail, true);
  });

  // ---- a phone: what needs the delegate's answer, at the top -----------------------------

  var PHONE_REGIONS = ["phone-now", "phone-self"];
  var knownPending = null;

  // Moves the parts of freshly pushed phone regions marked data-pending into the sticky
  // #pending-actions area (replacing what came from the same region before), and buzzes
  // the phone when something new needs an answer.
  function gatherPending() {
    var area = document.getElementById("pending-actions");
    if (!area) return;
    var items = area.querySelector("[data-pending-items]");
    PHONE_REGIONS.forEach(function (id) {
      var region = document.getElementById(id);
      if (!region || region.dataset.pendingGathered) return;
      items.querySelectorAll('[data-pending-from="' + id + '"]').forEach(function (old) {
        old.remove();
      });
      region.querySelectorAll("[data-pending]").forEach(function (part) {
        part.dataset.pendingFrom = id;
        items.appendChild(part);
      });
      region.dataset.pendingGathered = "true";
    });
    var keys = Array.prototype.map.call(items.querySelectorAll("[data-pending]"), function (part) {
      return part.dataset.pending;
    });
    area.hidden = keys.length === 0;
    var isNew = keys.some(function (key) {
      return knownPending !== null && knownPending.indexOf(key) === -1;
    });
    if (isNew && navigator.vibrate) navigator.vibrate([200, 100, 200]);
    knownPending = keys;
  }

  document.addEventListener("htmx:afterSettle", gatherPending);

  // ---- a phone: the motion the delegate last chose stays chosen --------------------------

  var MOTION_KEY = "bimun-motion-code";
  var PHONE_MOTION_CODE = ".page--phone .motion-raise select[name=code]";

  document.addEventListener("change", function (evt) {
    if (evt.target.matches && evt.target.matches(PHONE_MOTION_CODE)) {
      window.sessionStorage.setItem(MOTION_KEY, evt.target.value);
    }
  });

  // A new raise form (after a motion, or when the motions in order change) starts at the
  // first motion; choosing the remembered one again fetches its fields, as a tap would.
  function rememberedMotion() {
    var wanted = window.sessionStorage.getItem(MOTION_KEY);
    var select = document.querySelector(PHONE_MOTION_CODE);
    if (!wanted || !select || select.value === wanted || select.dataset.restored) return;
    var offered = Array.prototype.some.call(select.options, function (option) {
      return option.value === wanted;
    });
    if (!offered) return;
    select.dataset.restored = "true"; // once per form, whatever the server answers
    select.value = wanted;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("htmx:afterSettle", rememberedMotion);

  // ---- confirmations -----------------------------------------------------------------------

  // Plain forms whose action cannot be taken back ask first (htmx buttons use hx-confirm).
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      evt.preventDefault();
    }
  });

  // ---- keyboard shortcuts on the dais ------------------------------------------------------

  document.addEventListener("keydown", function (evt) {
    if (!document.body.classList.contains("page--dais")) return;
    if (evt.ctrlKey || evt.metaKey || evt.altKey) return;
    var target = evt.target;
    if (target && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName)) return;
    var dialog = document.getElementById("shortcuts");
    if (evt.key === "?") {
      if (dialog.open) dialog.close();
      else dialog.showModal();
      evt.preventDefault();
      return;
    }
    var key = evt.key === " " ? "space" : evt.key.toLowerCase();
    var button = document.querySelector('[data-shortcut="' + key + '"]:not([disabled])');
    if (button) {
      evt.preventDefault();
      // A stray key must not restart what cannot be undone (a new roll call, say).
      var question = button.dataset.shortcutConfirm;
      if (question && !window.confirm(question)) return;
      button.click();
    }
  });
})();
