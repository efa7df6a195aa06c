// Staff chat panel: live updates over /ws/messaging/staff/chat/ (protocol: messaging/chat/consumers.py).
// The page works without this file (plain forms, reload to see new messages); with it,
// new messages appear, replies go over the socket, and a heartbeat keeps the staff
// member counted as on hand to chat (messaging/chat/presence.py).
(function () {
  "use strict";
  var root = document.getElementById("staff-chat");
  if (!root || !("WebSocket" in window)) return;
  var d = root.dataset;
  var current = d.current ? Number(d.current) : null;
  var transcript = document.getElementById("chat-transcript");
  var form = document.getElementById("chat-reply-form");
  var textarea = document.getElementById("chat-reply-text");
  var list = document.getElementById("chat-list");
  var connection = document.getElementById("chat-connection");
  var socket = null;
  var heartbeat = null;
  var retries = 0;

  function setConnection(ok) {
    connection.textContent = ok ? connection.dataset.connected : connection.dataset.disconnected;
  }

  function append(who, text, side) {
    if (!transcript) return;
    var box = document.createElement("div");
    box.className = "chat-msg chat-" + side;
    var head = document.createElement("p");
    head.className = "chat-who";
    var name = document.createElement("strong");
    name.textContent = who;
    head.appendChild(name);
    var body = document.createElement("p");
    body.textContent = text;
    box.appendChild(head);
    box.appendChild(body);
    transcript.appendChild(box);
    transcript.scrollTop = transcript.scrollHeight;
  }

  function markInList(event) {
    var item = list.querySelector('[data-chat="' + event.chat + '"]');
    if (!item) {
      var empty = document.getElementById("no-chats");
      if (empty) empty.remove();
      item = document.createElement("li");
      item.dataset.chat = String(event.chat);
      var link = document.createElement("a");
      link.href = d.panelUrl + event.chat + "/";
      var name = document.createElement("strong");
      name.textContent = event.name || d.tResident;
      var number = document.createElement("span");
      number.className = "mono";
      number.textContent = event.tracking_number;
      link.appendChild(name);
      link.appendChild(document.createTextNode(" "));
      link.appendChild(number);
      item.appendChild(link);
      list.appendChild(item);
    }
    var flag = item.querySelector(".chat-new-flag");
    if (!flag) {
      flag = document.createElement("span");
      flag.className = "badge badge-today chat-new-flag";
      flag.textContent = d.tNew;
      item.appendChild(document.createTextNode(" "));
      item.appendChild(flag);
    }
  }

  function onEvent(event) {
    if (event.type === "chat.new") {
      if (event.chat === current) append(d.residentName || d.tResident, event.text, "resident");
      else markInList(event);
    } else if (event.type === "chat.answered") {
      if (event.chat === current) append(event.author, event.text, "staff");
    } else if (event.type === "chat.closed") {
      var item = list.querySelector('[data-chat="' + event.chat + '"]');
      if (item && event.chat !== current) item.remove();
    } else if (event.type === "sent") {
      textarea.value = "";
      textarea.focus();
    } else if (event.type === "error") {
      connection.textContent = event.message;
    }
  }

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + d.socket);
    socket.addEventListener("open", function () {
      retries = 0;
      setConnection(true);
      root.dataset.connected = "true";
      heartbeat = window.setInterval(function () {
        socket.send(JSON.stringify({ type: "heartbeat" }));
      }, Number(d.heartbeat || 30) * 1000);
    });
    socket.addEventListener("message", function (message) {
      try {
        onEvent(JSON.parse(message.data));
      } catch (err) {
        /* ignore a malformed frame */
      }
    });
    socket.addEventListener("close", function () {
      setConnection(false);
      root.dataset.connected = "false";
      window.clearInterval(heartbeat);
      if (retries < 5) {
        retries += 1;
        window.setTimeout(connect, 1000 * retries * retries);
      }
    });
  }

  if (form && textarea && d.tracking) {
    form.addEventListener("submit", function (submit) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return; // plain POST instead
      submit.preventDefault();
      var text = textarea.value.trim();
      if (!text) return;
      socket.send(JSON.stringify({ type: "reply", tracking_number: d.tracking, text: text }));
    });
  }
  if (transcript) transcript.scrollTop = transcript.scrollHeight;
  connect();
})();
