// Live pages: show the websocket's state, and react when the server ends this screen's access.
(function () {
  "use strict";

  // Close codes sent by the server (committee/consumers.py).
  var ACCESS_REVOKED = 4001;
  var NOT_ALLOWED = 4003;

  function indicator() {
    return document.getElementById("connection-indicator");
  }

  function show(state) {
    var el = indicator();
    if (!el) return;
    el.classList.remove("connection--connecting", "connection--online", "connection--offline");
    el.classList.add("connection--" + state);
    if (state === "online") el.textContent = el.dataset.labelOnline;
    if (state === "offline") el.textContent = el.dataset.labelOffline;
    document.body.dataset.connection = state;
  }

  // The server decides where a screen without access belongs (join page, sign-in page).
  function leave() {
    window.location.reload();
  }

  document.addEventListener("htmx:wsOpen", function () {
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

  document.addEventListener("htmx:wsAfterMessage", function () {
    var revoked = document.getElementById("access-revoked");
    if (revoked && revoked.dataset.revoked === "true") leave();
  });

  // Only the newest page state matters: after the phone sleeps, the socket may be dead
  // without the browser having noticed. Coming back to the page forces a fresh check.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "visible") return;
    var live = document.querySelector("[ws-connect]");
    if (live && document.body.dataset.connection === "offline") leave();
  });
})();
