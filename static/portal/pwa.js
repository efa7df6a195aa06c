// The installable portal (portal/pwa.py): registers the service worker, and keeps
// reports drafted without signal in this browser (IndexedDB) until they can be sent.
// Forms marked data-offline-draft are queued instead of lost when the network is down;
// the queue is shown in #draft-queue and sent as soon as the browser is online again. A
// draft the server answers with its "already reported nearby" step (the response header
// X-CivicDesk-Step: duplicates) waits in the queue as "needs your review", with a link
// that opens that step with the draft's data.
(function () {
  "use strict";
  var queueBox = document.getElementById("draft-queue");
  if (!queueBox) { return; }
  if ("serviceWorker" in navigator && queueBox.getAttribute("data-sw")) {
    navigator.serviceWorker.register(queueBox.getAttribute("data-sw"), { scope: "/" }).catch(function () {});
  }
  if (!("indexedDB" in window)) { return; }
  var text = function (name) { return queueBox.getAttribute("data-" + name) || ""; };
  var list = queueBox.querySelector("ul");
  var status = document.getElementById("draft-status");

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open("civicdesk-drafts", 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("drafts", { keyPath: "id", autoIncrement: true }); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function store(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction("drafts", mode);
        var result = work(tx.objectStore("drafts"));
        tx.oncomplete = function () { resolve(result && result.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function all() {
    return open().then(function (db) {
      return new Promise(function (resolve) {
        var req = db.transaction("drafts").objectStore("drafts").getAll();
        req.onsuccess = function () { resolve(req.result || []); };
        req.onerror = function () { resolve([]); };
      });
    });
  }
  function say(message) { if (status) { status.textContent = message; } }

  function render() {
    return all().then(function (drafts) {
      list.textContent = "";
      drafts.forEach(function (draft) {
        var item = document.createElement("li");
        item.textContent = draft.title + " (" + new Date(draft.saved).toLocaleString() + ")";
        if (draft.review) {
          // The server answered with "already reported nearby": the resident decides.
          item.appendChild(document.createTextNode(" " + text("review") + " "));
          var review = document.createElement("a");
          review.href = draft.action;
          review.className = "draft-review";
          review.textContent = text("review-link");
          review.addEventListener("click", function (event) {
            event.preventDefault();
            openReview(draft);
          });
          item.appendChild(review);
        } else if (draft.failed) {
          item.appendChild(document.createTextNode(" " + text("failed")));
        }
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link-button";
        remove.textContent = text("discard");
        remove.addEventListener("click", function () {
          store("readwrite", function (s) { return s.delete(draft.id); }).then(render);
        });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(remove);
        list.appendChild(item);
      });
      queueBox.hidden = drafts.length === 0;
    });
  }

  function entries(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (value instanceof File) {
        if (value.size) { fields.push({ name: name, file: value, filename: value.name }); }
      } else {
        fields.push({ name: name, value: value });
      }
    });
    return fields;
  }

  function send(draft) {
    var body = new FormData();
    draft.fields.forEach(function (f) {
      if (f.file) { body.append(f.name, f.file, f.filename); } else { body.append(f.name, f.value); }
    });
    return fetch(draft.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok && response.redirected && response.url.indexOf("/submitted/") !== -1) {
          return store("readwrite", function (s) { return s.delete(draft.id); }).then(function () {
            say(text("sent"));
            var link = document.createElement("a");
            link.href = response.url;
            link.textContent = text("see");
            if (status) { status.appendChild(document.createTextNode(" ")); status.appendChild(link); }
          });
        }
        if (response.ok && response.headers.get("X-CivicDesk-Step") === "duplicates") {
          // Not filed: open cases are near the pin. Keep it for the resident to review
          // (follow one of them, or send it anyway); it is not a failure.
          draft.review = true;
          say(text("review-status"));
        } else {
          draft.failed = true;  // the form refused it (a mistake to correct): keep it, say so
        }
        return store("readwrite", function (s) { return s.put(draft); });
      });
  }

  // The duplicates step with the draft's own data: the draft is posted again as a normal
  // form (photos too, where the browser lets a script set them), so the page that answers
  // is the server's own "already reported nearby" step. The draft leaves the queue: from
  // there the resident follows an existing report or sends theirs.
  function openReview(draft) {
    var form = document.createElement("form");
    form.method = "post";
    form.enctype = "multipart/form-data";
    form.action = draft.action;
    form.hidden = true;
    var files = {};
    draft.fields.forEach(function (f) {
      if (f.file) {
        (files[f.name] = files[f.name] || []).push(new File([f.file], f.filename, { type: f.file.type }));
        return;
      }
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = f.name;
      input.value = f.value;
      form.appendChild(input);
    });
    Object.keys(files).forEach(function (name) {
      if (typeof DataTransfer === "undefined") { return; }
      var input = document.createElement("input");
      input.type = "file";
      input.name = name;
      input.multiple = true;
      var transfer = new DataTransfer();
      files[name].forEach(function (file) { transfer.items.add(file); });
      input.files = transfer.files;
      form.appendChild(input);
    });
    document.body.appendChild(form);
    store("readwrite", function (s) { return s.delete(draft.id); }).then(function () { form.submit(); });
  }

  var sending = false;
  function flush() {
    if (sending || !navigator.onLine) { return Promise.resolve(); }
    sending = true;
    return all().then(function (drafts) {
      return drafts.filter(function (d) { return !d.failed && !d.review; }).reduce(function (chain, draft) {
        return chain.then(function () { return send(draft); });
      }, Promise.resolve());
    }).catch(function () {}).then(function () { sending = false; return render(); });
  }

  function queue(form) {
    var draft = {
      action: form.getAttribute("action") || window.location.pathname,
      title: form.getAttribute("data-offline-draft") || document.title,
      saved: Date.now(),
      fields: entries(form)
    };
    return store("readwrite", function (s) { return s.add(draft); }).then(function () {
      say(text("queued"));
      return render();
    });
  }

  document.querySelectorAll("form[data-offline-draft]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) { return; }  // online: the normal submit, with the server's answers
      event.preventDefault();
      queue(form).then(function () { form.reset(); });
    });
  });
  window.addEventListener("online", flush);
  render().then(flush);
})();
