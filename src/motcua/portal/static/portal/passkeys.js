// Khóa truy cập (WebAuthn): a form marked data-passkey="create" or "get" holds a button
// [data-passkey-start]; pressing it asks the browser for a passkey with the options the page put in
// the JSON script named by data-options, writes the browser's answer into the hidden "credential"
// field and submits the form. The server checks everything (accounts/passkeys.py).
(function () {
  "use strict";
  function bytes(text) {
    var s = text.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var raw = atob(s), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out.buffer;
  }
  function text(buffer) {
    var raw = "", view = new Uint8Array(buffer);
    for (var i = 0; i < view.length; i++) raw += String.fromCharCode(view[i]);
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function creationOptions(o) {
    o = Object.assign({}, o);
    o.challenge = bytes(o.challenge);
    o.user = Object.assign({}, o.user, { id: bytes(o.user.id) });
    o.excludeCredentials = (o.excludeCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: bytes(c.id) });
    });
    return o;
  }
  function requestOptions(o) {
    o = Object.assign({}, o);
    o.challenge = bytes(o.challenge);
    o.allowCredentials = (o.allowCredentials || []).map(function (c) {
      return Object.assign({}, c, { id: bytes(c.id) });
    });
    return o;
  }
  function answer(credential) {
    if (typeof credential.toJSON === "function") return credential.toJSON();
    var r = credential.response, out = { id: credential.id, rawId: text(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment, clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: text(r.clientDataJSON) } };
    if (r.attestationObject) out.response.attestationObject = text(r.attestationObject);
    if (r.authenticatorData) out.response.authenticatorData = text(r.authenticatorData);
    if (r.signature) out.response.signature = text(r.signature);
    if (r.userHandle) out.response.userHandle = text(r.userHandle);
    return out;
  }
  document.querySelectorAll("form[data-passkey]").forEach(function (form) {
    var button = form.querySelector("[data-passkey-start]");
    var status = form.querySelector("[data-passkey-status]");
    if (!button) return;
    if (!window.PublicKeyCredential) {
      button.disabled = true;
      if (status) status.textContent = form.dataset.unsupported || "";
      return;
    }
    button.addEventListener("click", function () {
      var options = JSON.parse(document.getElementById(form.dataset.options).textContent).publicKey;
      var ask = form.dataset.passkey === "create"
        ? navigator.credentials.create({ publicKey: creationOptions(options) })
        : navigator.credentials.get({ publicKey: requestOptions(options) });
      button.disabled = true;
      ask.then(function (credential) {
        form.querySelector("input[name=credential]").value = JSON.stringify(answer(credential));
        form.submit();
      }).catch(function () {
        button.disabled = false;
        if (status) status.textContent = form.dataset.cancelled || "";
      });
    });
  });
})();
