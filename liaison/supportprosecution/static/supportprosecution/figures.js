// The support-prosecution figures' charts, drawn with Apache ECharts from the project's own
// static files (never a CDN). The numbers come from the page (json_script "figure-charts"), the
// same as the tables under each chart, which stay for screen readers, printing and no script.
(function () {
  "use strict";
  var source = document.getElementById("figure-charts");
  if (!source || !window.echarts) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var charts = [];

  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(Object.assign({ animation: false }, option));
    charts.push(chart);
  }

  function pie(id, items) {
    draw(id, {
      tooltip: { trigger: "item" },
      legend: { bottom: 0, type: "scroll" },
      series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "42%"], data: items }],
    });
  }

  var c = data.categories;
  draw("chart-categories", {
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: c.labels.slice().reverse(), axisLabel: { width: 110, overflow: "truncate" } },
    series: [
      { name: c.cases_label, type: "bar", barMaxWidth: 18, data: c.cases.slice().reverse() },
      { name: c.people_label, type: "bar", barMaxWidth: 18, data: c.people.slice().reverse() },
    ],
  });
  // Amounts arrive as exact decimal strings; the chart only draws them.
  pie("chart-groups", data.groups.map(function (g) { return { name: g.name, value: Number(g.value) }; }));
  pie("chart-outcomes", data.outcomes);

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
})();
