// The clue report form on a phone: hide the identity fields when anonymous, add the GPS
// position on request (WGS-84, as browsers give it), note that the open clues nearby were shown
// (htmx loads them as the form is filled in), and show that a tap was taken. Nothing here is
// needed: without JavaScript the form works (the server shows the clues nearby before sending),
// and a double tap is stored once on the server.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }

  var anonymous = document.getElementById("id_anonymous");
  var identity = document.getElementById("identity");
  function toggleIdentity() { identity.hidden = anonymous.checked; }
  if (anonymous && identity) {
    anonymous.addEventListener("change", toggleIdentity);
    toggleIdentity();
  }

  var key = document.getElementById("id_submission_key");
  if (key && !key.value && window.crypto && window.crypto.randomUUID) {
    key.value = window.crypto.randomUUID();
  }

  var locate = document.getElementById("locate");
  var located = document.getElementById("located");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("id_latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("id_longitude").value = position.coords.longitude.toFixed(6);
        document.getElementById("id_coordinate_system").value = "wgs84";
        located.textContent = located.dataset.located;
        document.dispatchEvent(new Event("liaison:located"));
        document.getElementById("id_latitude").dispatchEvent(new Event("change", { bubbles: true }));
      }, function () {
        located.textContent = located.dataset.failed;
      }, { enableHighAccuracy: true, timeout: 15000 });
    });
  }

  var nearby = document.getElementById("nearby");
  var seen = document.getElementById("id_nearby_seen");
  if (nearby && seen) {
    nearby.addEventListener("htmx:afterSwap", function () { seen.value = "on"; });
  }

  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      window.setTimeout(function () {
        var label = button.textContent;
        button.disabled = true;
        button.textContent = button.dataset.sending;
        // A slow or lost network: let the reporter try again (the same key, so stored once).
        window.setTimeout(function () { button.disabled = false; button.textContent = label; }, 20000);
      }, 0);
    }
  });
})();
