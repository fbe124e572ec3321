// Live pages: the websocket's state, timers counted down from the server's deadlines,
// missed-update detection, notices, and the dais's keyboard shortcuts.
(function () {
  "use strict";

  // Close codes sent by the server (committee/consumers.py).
  var ACCESS_REVOKED = 4001;
  var NOT_ALLOWED = 4003;
  var NOTICE_SECONDS = 8;

  var lastSeq = null;
  var clockOffsetMs = 0; // server clock minus this device's clock

  // ---- connection indicator -------------------------------------------------------------

  function show(state) {
    var el = document.getElementById("connection-indicator");
    document.body.dataset.connection = state;
    if (!el) return;
    el.classList.remove("connection--connecting", "connection--online", "connection--offline");
    el.classList.add("connection--" + state);
    if (state === "online") el.textContent = el.dataset.labelOnline;
    if (state === "offline") el.textContent = el.dataset.labelOffline;
  }

  // The server decides where a screen without access belongs (join page, sign-in page).
  function leave() {
    window.location.reload();
  }

  document.addEventListener("htmx:wsOpen", function () {
    lastSeq = null; // a snapshot follows every (re)connection
    show("online");
  });

  document.addEventListener("htmx:wsClose", function (evt) {
    var code = evt.detail && evt.detail.event ? evt.detail.event.code : 0;
    if (code === ACCESS_REVOKED || code === NOT_ALLOWED) {
      leave();
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

  // Every push carries the whole of this screen's regions, so pushes the server merged under
  // load need nothing. The heartbeat says how far the floor has got: a screen that is behind
  // lost a push on the way and asks for everything again.
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

  document.addEventListener("htmx:wsAfterMessage", function () {
    var revoked = document.getElementById("access-revoked");
    if (revoked && revoked.dataset.revoked === "true") leave();
    tick();
  });

  // A phone that slept may hold a dead socket the browser has not noticed yet.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
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
      button.click();
    }
  });
})();
