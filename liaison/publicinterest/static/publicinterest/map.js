// Maps with Leaflet (served by the app itself). Tiles come only from the server the deployment
// configured; without one the map is a plain grid, a coordinate picker. A point is shown in the
// tiles' coordinate system and kept in the system it was taken in (LiaisonGeo converts).
(function () {
  "use strict";
  if (!window.L) { return; }
  var Geo = window.LiaisonGeo;

  var Grid = L.GridLayer.extend({
    createTile: function (coords) {
      var size = this.getTileSize();
      var tile = document.createElement("canvas");
      tile.width = size.x;
      tile.height = size.y;
      var ctx = tile.getContext("2d");
      ctx.fillStyle = "#f4f6f8";
      ctx.fillRect(0, 0, size.x, size.y);
      ctx.strokeStyle = "#c5cdd5";
      ctx.strokeRect(0, 0, size.x, size.y);
      var corner = this._map.unproject(coords.scaleBy(size), coords.z);
      ctx.fillStyle = "#6c757d";
      ctx.font = "11px sans-serif";
      ctx.fillText(corner.lat.toFixed(4) + ", " + corner.lng.toFixed(4), 4, 14);
      return tile;
    }
  });

  function config(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : { tiles: "", system: "" };
  }

  function create(element, settings) {
    element.hidden = false;
    var map = L.map(element, { worldCopyJump: true }).setView([35.0, 105.0], 4);
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { attribution: settings.attribution || "", maxZoom: 18 }).addTo(map);
    } else {
      new Grid({ maxZoom: 18 }).addTo(map);
      map.attributionControl.setPrefix("");
    }
    return map;
  }

  // The report form: click to set the point, or type it; a GPS position is shown too.
  function picker() {
    var element = document.getElementById("report-map");
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    var system = document.getElementById("id_coordinate_system");
    if (!element || !lat || !lon || !system) { return; }
    var settings = config("map-config");
    var map = create(element, settings);
    var marker = null;
    var mapSystem = settings.system || "";

    function show(zoom) {
      var la = parseFloat(lat.value), lo = parseFloat(lon.value);
      if (isNaN(la) || isNaN(lo)) {
        if (marker) { map.removeLayer(marker); marker = null; }
        return;
      }
      var at = Geo.convert(la, lo, system.value || "wgs84", mapSystem || system.value || "wgs84");
      if (!marker) {
        marker = L.circleMarker(at, { radius: 9, color: "#0d6efd", weight: 3 }).addTo(map);
      } else {
        marker.setLatLng(at);
      }
      map.setView(at, zoom ? Math.max(map.getZoom(), zoom) : map.getZoom());
    }

    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = L.Util.wrapNum(event.latlng.lng, [-180, 180], true).toFixed(6);
      if (mapSystem) { system.value = mapSystem; }
      show(0);
      lat.dispatchEvent(new Event("change", { bubbles: true }));
    });
    [lat, lon, system].forEach(function (input) {
      input.addEventListener("change", function () { show(15); });
    });
    document.addEventListener("liaison:located", function () { show(16); });
    show(15);
    window.LiaisonMap.report = map;
  }

  // The triage queue: the page's clues that have a point, each a link to its page.
  function queue() {
    var element = document.getElementById("triage-map");
    var data = document.getElementById("triage-points");
    if (!element || !data) { return; }
    var points = JSON.parse(data.textContent);
    if (!points.length) { return; }
    var map = create(element, config("map-config"));
    var bounds = [];
    points.forEach(function (p) {
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.label;
      L.circleMarker([p.lat, p.lon], { radius: 8, color: "#dc3545", weight: 2 })
        .bindPopup(link).addTo(map);
      bounds.push([p.lat, p.lon]);
    });
    map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
    window.LiaisonMap.queue = map;
  }

  window.LiaisonMap = { create: create };
  picker();
  queue();
})();
