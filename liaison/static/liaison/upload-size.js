// Checks each chosen file against the server's upload limit before anything is sent, so that a
// phone on a slow network does not spend minutes sending a 60 MB photo only to be refused.
// The limit and the message come from this script's data- attributes (base.html); the server
// still checks every file (attachments/validators.py). A file too large is taken out of the
// selection (the others stay) and a message in the reader's language appears under the field.
(function () {
  "use strict";
  var me = document.currentScript;
  var limit = parseInt(me && me.dataset.maxBytes, 10);
  if (!limit) return;
  var template = me.dataset.tooBig || "";
  var limitText = me.dataset.limitText || "";

  function size(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function messageFor(file) {
    return template
      .replace("{name}", file.name)
      .replace("{size}", size(file.size))
      .replace("{limit}", limitText);
  }

  function feedback(input) {
    var box = input.parentNode.querySelector("[data-upload-too-big]");
    if (!box) {
      box = document.createElement("div");
      box.className = "invalid-feedback d-block";
      box.setAttribute("data-upload-too-big", "");
      box.setAttribute("data-testid", "upload-too-big");
      box.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", box);
    }
    return box;
  }

  function keep(input, files) {
    // Keep the files that fit; where the browser cannot rebuild a selection, clear it.
    try {
      var kept = new DataTransfer();
      files.forEach(function (f) { kept.items.add(f); });
      input.files = kept.files;
    } catch (e) {
      input.value = "";
    }
  }

  function check(input) {
    var files = Array.prototype.slice.call(input.files || []);
    var tooBig = files.filter(function (f) { return f.size > limit; });
    var old = input.parentNode.querySelector("[data-upload-too-big]");
    if (!tooBig.length) {
      if (old) old.remove();
      input.classList.remove("is-invalid");
      return true;
    }
    keep(input, files.filter(function (f) { return f.size <= limit; }));
    input.classList.add("is-invalid");
    feedback(input).textContent = tooBig.map(messageFor).join(" ");
    return false;
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file") {
      if (!check(input)) event.stopImmediatePropagation(); // nothing reacts to a refused file
    }
  }, true);

  document.addEventListener("submit", function (event) {
    var inputs = event.target.querySelectorAll ? event.target.querySelectorAll("input[type=file]") : [];
    var fine = true;
    Array.prototype.forEach.call(inputs, function (input) { fine = check(input) && fine; });
    if (!fine) event.preventDefault();
  }, true);
})();
