// WGS-84 <-> GCJ-02 in the browser: the same public conversion as liaison/places/geo.py (whose
// tests hold its properties; the browser test checks that both give the same numbers). GPS
// gives WGS-84; tiles of Chinese map services are drawn in GCJ-02.
(function () {
  "use strict";
  var A = 6378245.0;
  var EE = 0.00669342162296594323;
  var PI = Math.PI;

  function inChina(lat, lon) {
    return lon > 73.66 && lon < 135.05 && lat > 3.86 && lat < 53.55;
  }

  function offset(lat, lon) {
    var x = lon - 105.0, y = lat - 35.0;
    var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    var dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    var common = (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    dLat += common;
    dLon += common;
    dLat += (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0;
    dLon += (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0;
    dLat += (160.0 * Math.sin(y / 12.0 * PI) + 320.0 * Math.sin(y * PI / 30.0)) * 2 / 3;
    dLon += (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2 / 3;
    var rad = lat / 180.0 * PI;
    var magic = 1.0 - EE * Math.sin(rad) * Math.sin(rad);
    var sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * PI);
    dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(rad) * PI);
    return [dLat, dLon];
  }

  function toGcj(lat, lon) {
    if (!inChina(lat, lon)) { return [lat, lon]; }
    var d = offset(lat, lon);
    return [lat + d[0], lon + d[1]];
  }

  function toWgs(lat, lon) {
    if (!inChina(lat, lon)) { return [lat, lon]; }
    var w = [lat, lon];
    for (var i = 0; i < 30; i++) {
      var there = toGcj(w[0], w[1]);
      var dLat = there[0] - lat, dLon = there[1] - lon;
      w = [w[0] - dLat, w[1] - dLon];
      if (Math.abs(dLat) < 1e-10 && Math.abs(dLon) < 1e-10) { break; }
    }
    return w;
  }

  function convert(lat, lon, from, to) {
    if (!from || !to || from === to) { return [lat, lon]; }
    return from === "wgs84" ? toGcj(lat, lon) : toWgs(lat, lon);
  }

  window.LiaisonGeo = { inChina: inChina, toGcj: toGcj, toWgs: toWgs, convert: convert };
})();
