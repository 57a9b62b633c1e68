// The survey pages' own behaviour, in a file so that the Content-Security-Policy can refuse inline scripts.
(function () {
  // "Cetak": a print button works only with JavaScript, so it is hidden until then.
  document.querySelectorAll("[data-cetak]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
