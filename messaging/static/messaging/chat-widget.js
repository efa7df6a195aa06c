// Resident live-chat widget (messaging/templates/messaging/chat/widget.html).
// Protocol: messaging/chat/consumers.py. The session token lives in sessionStorage
// (this tab only), so a reload resumes the conversation and closing the tab ends it
// for this browser. Every string shown comes from the template, translated there.
(function () {
  "use strict";
  var root = document.getElementById("chat-widget");
  if (!root || !("WebSocket" in window) || !window.sessionStorage) return;
  var d = root.dataset;
  var TOKEN = "civicdesk.chat.token";
  var OPEN = "civicdesk.chat.open";
  var $ = function (id) { return document.getElementById(id); };
  var launch = $("chat-launch");
  // The panel's elements, once built from its <template> (first opening).
  var panel = null, closeButton, title, status, offline, start, talk, log, send, text;
  var reference, after, leave;
  var socket = null;
  var ready = false; // the socket answered our first question
  var resuming = false;
  var queue = [];

  function show(section) {
    [offline, start, talk].forEach(function (el) { el.hidden = el !== section; });
  }

  function say(message) { status.textContent = message || ""; }

  function fill(template, number) { return template.replace("{number}", number); }

  function line(from, who, body) {
    var p = document.createElement("p");
    p.className = "chat-line chat-from-" + from;
    var name = document.createElement("strong");
    name.textContent = who + ": ";
    p.appendChild(name);
    p.appendChild(document.createTextNode(body));
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
  }

  function sendJson(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    else queue.push(message);
  }

  function unavailable() {
    say(d.tUnavailable);
    if (!sessionStorage.getItem(TOKEN)) show(offline);
  }

  function ended(number) {
    sessionStorage.removeItem(TOKEN);
    say(fill(d.tEnded, number));
    send.hidden = true;
    after.hidden = false;
  }

  function onMessage(m) {
    if (m.type === "presence") {
      ready = true;
      if (m.request_url) leave.href = m.request_url;
      if (sessionStorage.getItem(TOKEN)) {
        resuming = true;
        sendJson({ type: "resume", token: sessionStorage.getItem(TOKEN) });
      } else if (m.staff_online) {
        say("");
        show(start);
      } else {
        say("");
        show(offline);
      }
    } else if (m.type === "session") {
      sessionStorage.setItem(TOKEN, m.token);
      log.textContent = "";
      say("");
      show(talk);
      text.focus();
    } else if (m.type === "transcript") {
      resuming = false;
      log.textContent = "";
      m.messages.forEach(function (msg) {
        line(msg.from, msg.from === "staff" ? d.tStaff : d.tYou, msg.text);
      });
      say("");
      show(talk);
    } else if (m.type === "received") {
      reference.textContent = fill(d.tReference, m.tracking_number);
      say("");
    } else if (m.type === "message") {
      line("staff", m.author || d.tStaff, m.text);
    } else if (m.type === "ended") {
      ended(m.tracking_number);
    } else if (m.type === "error") {
      say(m.message);
      if (resuming) {
        // The chat we kept has ended: offer a fresh start (or the request form).
        resuming = false;
        sessionStorage.removeItem(TOKEN);
        sendJson({ type: "presence" });
      }
    }
  }

  function connect() {
    if (socket && socket.readyState <= WebSocket.OPEN) return;
    ready = false;
    say(d.tConnecting);
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = scheme + window.location.host + d.socket + "?lang=" + encodeURIComponent(d.language);
    try {
      socket = new WebSocket(url);
    } catch (err) {
      unavailable();
      return;
    }
    socket.addEventListener("open", function () {
      socket.send(JSON.stringify({ type: "presence" }));
      while (queue.length) socket.send(JSON.stringify(queue.shift()));
    });
    socket.addEventListener("message", function (event) {
      try { onMessage(JSON.parse(event.data)); } catch (err) { /* ignore a bad frame */ }
    });
    socket.addEventListener("close", function () {
      socket = null;
      if (!ready) unavailable();
      else if (!panel.hidden) say(d.tUnavailable);
    });
  }

  function build() {
    root.appendChild($("chat-panel-template").content.cloneNode(true));
    panel = $("chat-panel");
    closeButton = $("chat-close");
    title = $("chat-title");
    status = $("chat-status");
    offline = $("chat-offline");
    start = $("chat-start");
    talk = $("chat-talk");
    log = $("chat-log");
    send = $("chat-send");
    text = $("chat-text");
    reference = $("chat-reference");
    after = $("chat-after");
    leave = $("chat-leave-request");
    launch.setAttribute("aria-controls", "chat-panel");
    closeButton.addEventListener("click", close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
    });

    start.addEventListener("submit", function (event) {
      event.preventDefault();
      sendJson({
        type: "start",
        name: $("chat-name").value,
        email: $("chat-email").value,
        language: d.language,
      });
    });

    send.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = text.value.trim();
      if (!body) return;
      line("resident", d.tYou, body);
      sendJson({ type: "message", text: body });
      text.value = "";
      text.focus();
    });

    text.addEventListener("keydown", function (event) {
      // Enter sends, Shift+Enter starts a new line.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        send.requestSubmit();
      }
    });

    $("chat-restart").addEventListener("click", function () {
      sessionStorage.removeItem(TOKEN);
      log.textContent = "";
      reference.textContent = "";
      send.hidden = false;
      after.hidden = true;
      if (socket) sendJson({ type: "presence" });
      else connect(); // asks for presence once connected
    });
  }

  function open(moveFocus) {
    if (!panel) build();
    panel.hidden = false;
    launch.setAttribute("aria-expanded", "true");
    sessionStorage.setItem(OPEN, "1");
    connect();
    if (moveFocus) title.focus();
  }

  function close() {
    panel.hidden = true;
    launch.setAttribute("aria-expanded", "false");
    sessionStorage.removeItem(OPEN);
    launch.focus();
  }

  launch.addEventListener("click", function () {
    if (!panel || panel.hidden) open(true);
    else close();
  });
  root.hidden = false;
  // A reload keeps the conversation: reopen the panel without moving focus.
  if (sessionStorage.getItem(OPEN) && sessionStorage.getItem(TOKEN)) open(false);
})();
