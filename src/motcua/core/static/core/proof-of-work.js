// Proof of work for anonymous forms (core/proof_of_work.py): find n so that
// SHA-256("<challenge>:<n>") starts with <bits> zero bits, then allow sending.
// Plain JavaScript SHA-256: crypto.subtle exists only on HTTPS pages.
(function () {
  "use strict";
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];
  var W = new Int32Array(64);

  function sha256FirstWord(bytes) {
    // Returns the first 32 bits of the digest: enough to count up to 32 leading zero bits.
    var length = bytes.length, total = ((length + 9 + 63) >> 6) << 6;
    var data = new Uint8Array(total);
    data.set(bytes);
    data[length] = 0x80;
    var bitLength = length * 8;
    data[total - 4] = (bitLength >>> 24) & 255;
    data[total - 3] = (bitLength >>> 16) & 255;
    data[total - 2] = (bitLength >>> 8) & 255;
    data[total - 1] = bitLength & 255;
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a,
        h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var offset = 0; offset < total; offset += 64) {
      for (var i = 0; i < 16; i++) {
        var j = offset + i * 4;
        W[i] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3];
      }
      for (i = 16; i < 64; i++) {
        var x = W[i - 15], y = W[i - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var ch = (e & f) ^ (~e & g);
        var t1 = (h + S1 + ch + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var maj = (a & b) ^ (a & c) ^ (b & c);
        var t2 = (S0 + maj) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return h0 >>> 0;
  }

  function bitsOf(challenge) {
    // The challenge is Django's signing.dumps of {"k": ..., "b": bits}: base64 JSON before the first ':'.
    var payload = challenge.split(":")[0].replace(/-/g, "+").replace(/_/g, "/");
    while (payload.length % 4) payload += "=";
    return JSON.parse(atob(payload)).b;
  }

  function solve(challenge, bits, done) {
    var encoder = new TextEncoder(), counter = 0, limit = bits >= 32 ? 0 : Math.pow(2, 32 - bits);
    function chunk() {
      for (var n = 0; n < 20000; n++, counter++) {
        if (sha256FirstWord(encoder.encode(challenge + ":" + counter)) < limit) {
          done(String(counter));
          return;
        }
      }
      setTimeout(chunk, 0);
    }
    chunk();
  }

  document.querySelectorAll("form[data-proof-of-work]").forEach(function (form) {
    var challenge = form.querySelector("input[name=pow_challenge]");
    var solution = form.querySelector("input[name=pow_solution]");
    var submit = form.querySelector("button[type=submit]");
    if (!challenge || !solution) return;
    if (submit) submit.disabled = true;
    form.classList.add("working");
    solve(challenge.value, bitsOf(challenge.value), function (found) {
      solution.value = found;
      form.classList.remove("working");
      if (submit) submit.disabled = false;
    });
  });
})();
