// A counter under every text with a limit (core/forms.py: VisibleCharField renders
// data-text-limit and the two sentences, translated, instead of an HTML maxlength, which
// would silently cut a paste). It counts as the server does (core/text.py): what is left once
// invisible and control characters are removed and spaces collapsed. Past the limit it turns
// red; the text stays whole, and the server answers with the plain message.
(function () {
  "use strict";

  var FILLERS = /[\p{Cf}\p{Co}\p{Cn}\p{Cs}\u115f\u1160\u3164\uffa0\u2800]/gu;
  var CONTROLS_BUT_LINES = /(?![\n\t])\p{Cc}/gu;
  var CONTROLS = /\p{Cc}/gu;
  var VISIBLE = /[^\s\p{Mn}\p{Me}]/u;

  function spaceRun(run) {
    return /^\u3000+$/.test(run) ? "\u3000" : " ";
  }

  function collapse(line) {
    return line.replace(/[^\S\n]+/g, spaceRun);
  }

  function visibleLength(value, multiline) {
    var text = value.replace(/\r\n|[\r\u2028\u2029\x85\x0b\x0c]/g, "\n");
    if (!multiline) text = text.replace(/[\n\t]/g, " ");
    text = text.replace(FILLERS, "").replace(multiline ? CONTROLS_BUT_LINES : CONTROLS, "");
    text = text.normalize("NFC");
    if (multiline) {
      text = text
        .split("\n")
        .map(function (line) {
          var body = line.replace(/^\s+/, "");
          return (line.slice(0, line.length - body.length) + collapse(body)).replace(/\s+$/, "");
        })
        .join("\n")
        .replace(/\n{3,}/g, "\n\n");
    } else {
      text = collapse(text);
    }
    text = text.trim();
    return VISIBLE.test(text) ? Array.from(text).length : 0;
  }

  function number(n) {
    return n.toLocaleString("en-US"); // 5,312, as the server's message writes it
  }

  function counterFor(field) {
    var id = field.id ? field.id + "_count" : "";
    var counter = id ? document.getElementById(id) : null;
    if (!counter) {
      counter = document.createElement("div");
      counter.className = "form-text text-count";
      counter.setAttribute("aria-live", "polite");
      counter.dataset.testid = "text-count-" + (field.name || "");
      if (id) {
        counter.id = id;
        var described = field.getAttribute("aria-describedby");
        field.setAttribute("aria-describedby", described ? described + " " + id : id);
      }
      field.insertAdjacentElement("afterend", counter);
    }
    return counter;
  }

  function update(field) {
    var limit = parseInt(field.dataset.textLimit, 10);
    if (!limit) return;
    var count = visibleLength(field.value, field.dataset.textMultiline === "1");
    var over = count > limit;
    var counter = counterFor(field);
    // A one-line input shows its counter only near its limit; a text area always.
    counter.hidden = field.tagName !== "TEXTAREA" && count <= limit * 0.8;
    counter.textContent = (over ? field.dataset.textOver : field.dataset.textCount)
      .replace("{count}", number(count))
      .replace("{limit}", number(limit))
      .replace("{over}", number(count - limit));
    counter.classList.toggle("text-danger", over);
    counter.classList.toggle("fw-semibold", over);
  }

  function scan(root) {
    (root || document).querySelectorAll("[data-text-limit]").forEach(update);
  }

  document.addEventListener("input", function (event) {
    if (event.target instanceof Element && event.target.matches("[data-text-limit]")) {
      update(event.target);
    }
  });
  document.addEventListener("htmx:load", function (event) {
    scan(event.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      scan();
    });
  } else {
    scan();
  }
})();
