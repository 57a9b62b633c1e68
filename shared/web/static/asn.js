// The little behaviour every page shares, in a file rather than inline, so that the
// Content-Security-Policy can refuse every inline script.
(function () {
  // An error summary takes the focus, so a screen reader announces what to fix first.
  var summary = document.getElementById("ringkasan-kesalahan");
  if (summary) { summary.focus(); }

  // A survey token card's QR code carries the token after "#", which never reaches the server or its logs.
  var token = document.getElementById("token");
  var match = /(?:^#|&)token=([A-Za-z0-9-]+)/.exec(location.hash);
  if (token && match && !token.value) { token.value = decodeURIComponent(match[1]); }

  // A form sent once: the button says so, and a double click does not send it twice.
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (button) { setTimeout(function () { button.disabled = true; button.textContent = "Mengirim…"; }, 0); }
    });
  });

  // "Salin": copies the tracking number where the browser allows it.
  var copy = document.getElementById("salin");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(document.getElementById("nomor-pelacakan").textContent.trim()).then(function () {
        document.getElementById("salin-status").textContent = "Nomor telah disalin.";
      });
    });
  }
})();
