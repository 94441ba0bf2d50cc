// The dashboard's charts (Apache ECharts, served from this site). Every chart has a table with the
// same figures below it; the charts only draw what the page already printed in #chart-data.
(function () {
  "use strict";
  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    var chart = window.echarts.init(el);
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-drawn", "true");
  }
  function start() {
    var source = document.getElementById("chart-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var L = data.labels;
    var narrow = window.matchMedia("(max-width: 719px)").matches;
    var grid = { left: narrow ? 40 : 60, right: 50, bottom: narrow ? 90 : 70, top: 40 };
    draw("chart-score", {
      tooltip: {}, legend: { top: 0 }, grid: grid,
      xAxis: { type: "category", data: data.score.map(function (g) { return g.name; }),
               axisLabel: { interval: 0, rotate: narrow ? 40 : 0, width: 110, overflow: "break" } },
      yAxis: { type: "value" },
      series: [
        { name: L.points, type: "bar", data: data.score.map(function (g) { return g.points; }) },
        { name: L.max, type: "bar", data: data.score.map(function (g) { return g.max; }) }
      ]
    });
    if (data.breakdown.length) {
      draw("chart-breakdown", {
        tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: grid,
        xAxis: { type: "category", data: data.breakdown.map(function (r) { return r.name; }),
                 axisLabel: { interval: 0, rotate: 30, width: 120, overflow: "truncate" } },
        yAxis: [{ type: "value", name: L.received }, { type: "value", name: "%", max: 100 }],
        series: [
          { name: L.received, type: "bar", data: data.breakdown.map(function (r) { return r.received; }) },
          { name: L.on_time, type: "line", yAxisIndex: 1, data: data.breakdown.map(function (r) { return r.on_time; }) }
        ]
      });
    }
    draw("chart-trend", {
      tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: grid,
      xAxis: { type: "category", data: data.trend.map(function (r) { return r.month; }) },
      yAxis: [{ type: "value", name: L.received }, { type: "value", name: "%", max: 100 }],
      series: [
        { name: L.received, type: "bar", data: data.trend.map(function (r) { return r.received; }) },
        { name: L.online, type: "line", yAxisIndex: 1, data: data.trend.map(function (r) { return r.online; }) },
        { name: L.on_time, type: "line", yAxisIndex: 1, data: data.trend.map(function (r) { return r.on_time; }) }
      ]
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
