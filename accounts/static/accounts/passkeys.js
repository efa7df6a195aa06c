// Passkey ceremonies for the staff two-step pages (accounts/passkeys.py).
// The page carries the options as a JSON data block (#passkey-options) and a plain
// form (#passkey-form, hidden until this script knows the browser can do it). We ask
// the authenticator, put its answer in the form's "credential" field and submit the
// form: the server verifies everything. Without JavaScript the code form still works.
(function () {
  "use strict";
  var data = document.getElementById("passkey-options");
  var form = document.getElementById("passkey-form");
  if (!data || !form || !window.PublicKeyCredential || !navigator.credentials) {
    return;
  }
  var options = JSON.parse(data.textContent);
  var status = document.getElementById("passkey-status");
  var nojs = document.getElementById("passkey-nojs");

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) {
      base64 += "=";
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) {
      return null;
    }
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i += 1) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      var copy = Object.assign({}, item);
      copy.id = toBytes(item.id);
      return copy;
    });
  }

  function publicKey() {
    var key = Object.assign({}, options);
    key.challenge = toBytes(options.challenge);
    if (options.user) {
      key.user = Object.assign({}, options.user, { id: toBytes(options.user.id) });
      key.excludeCredentials = descriptors(options.excludeCredentials);
    } else {
      key.allowCredentials = descriptors(options.allowCredentials);
    }
    return key;
  }

  function asJson(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (credential.authenticatorAttachment) {
      out.authenticatorAttachment = credential.authenticatorAttachment;
    }
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      out.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      out.response.userHandle = toText(response.userHandle);
    }
    return out;
  }

  form.hidden = false;
  if (nojs) {
    nojs.hidden = true;
  }
  form.addEventListener("submit", function (event) {
    if (form.elements.credential.value) {
      return; // our own submit, below
    }
    event.preventDefault();
    status.hidden = true;
    var ask = form.dataset.ceremony === "create"
      ? navigator.credentials.create({ publicKey: publicKey() })
      : navigator.credentials.get({ publicKey: publicKey() });
    ask.then(function (credential) {
      form.elements.credential.value = JSON.stringify(asJson(credential));
      form.submit();
    }).catch(function () {
      status.textContent = form.dataset.failed;
      status.hidden = false;
    });
  });
})();
