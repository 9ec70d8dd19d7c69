// The figures page's charts, drawn with Apache ECharts from the app's own static files (never a
// CDN). The numbers come from the page itself (json_script "figure-charts"), the same as the
// tables beside each chart, which stay for screen readers, printing and browsers without script.
(function () {
  "use strict";
  var source = document.getElementById("figure-charts");
  if (!source || !window.echarts) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var charts = [];

  function draw(id, option, height) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    if (height) {
      element.style.height = height;
    }
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(Object.assign({ animation: false }, option));
    charts.push(chart);
  }

  // One stacked bar per row (a field, a stage), its parts the series (outcomes, kinds of case);
  // the first row on top, and the chart as tall as its rows need.
  function rows(id, table) {
    draw(id, {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: table.labels.slice().reverse(),
        axisLabel: { width: 120, overflow: "truncate" },
      },
      series: table.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", barMaxWidth: 24, data: s.data.slice().reverse() };
      }),
    }, 5 + 2.25 * Math.max(table.labels.length, 1) + "rem");
  }

  rows("chart-by-field", data.fields);
  rows("chart-by-stage", data.stages);
  draw("chart-by-source", {
    tooltip: { trigger: "item" },
    legend: { bottom: 0, type: "scroll" },
    series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"], data: data.sources }],
  });

  window.addEventListener("resize", function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
})();
