// Live counters and a chart of registrations per minute, from GET /api/analytics/live (Server-Sent Events).
"use strict";
const $ = (id) => document.getElementById(id);
let chart;

function show(output, value) {
  if (output.textContent === String(value)) return;
  output.textContent = value;
  output.classList.add("changed");
  setTimeout(() => output.classList.remove("changed"), 50);
}

function render(metrics) {
  for (const output of document.querySelectorAll("output[data-metric]")) show(output, metrics.totals[output.dataset.metric]);
  const revenue = Object.entries(metrics.totals.revenue).map(([currency, amount]) => `${amount.toFixed(2)} ${currency}`);
  show($("revenue"), revenue.length ? revenue.join(" · ") : "0");
  const data = [metrics.buckets.map((bucket) => Date.parse(bucket.start) / 1000), metrics.buckets.map((bucket) => bucket.registrations)];
  if (!chart) {
    chart = new uPlot({
      width: Math.max(320, $("chart").clientWidth - 16), height: 260,
      series: [{}, { label: "registrations", stroke: "#58a6ff", fill: "rgba(88,166,255,.15)", paths: uPlot.paths.bars({ size: [0.8] }) }],
      axes: [{ stroke: "#8b98a5", grid: { stroke: "#2d3a47" } }, { stroke: "#8b98a5", grid: { stroke: "#2d3a47" } }],
      scales: { y: { range: (_, min, max) => [0, Math.max(5, max)] } },
    }, data, $("chart"));
  } else {
    chart.setData(data);
  }
  $("status").classList.remove("error");
  $("status").textContent = `Live · updated ${new Date().toLocaleTimeString()}`;
}

const live = new EventSource("/api/analytics/live");
live.addEventListener("metrics", (event) => render(JSON.parse(event.data)));
live.addEventListener("heartbeat", () => { $("status").textContent = `Live · quiet since ${new Date().toLocaleTimeString()}`; });
live.onerror = () => { $("status").classList.add("error"); $("status").textContent = "The live stream dropped; reconnecting…"; };
window.addEventListener("resize", () => chart?.setSize({ width: Math.max(320, $("chart").clientWidth - 16), height: 260 }));
