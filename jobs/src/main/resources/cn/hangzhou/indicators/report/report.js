// Draws every chart of the page from its JSON block with Chart.js (assets/chart.umd.js); marks each canvas
// data-drawn="true" when drawn, and the body data-charts-drawn with the count, so that a headless browser can check.
(function () {
  'use strict';
  var palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22',
    '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39'];

  function targetLine(target, count) {
    var values = [];
    for (var i = 0; i < count; i++) { values.push(target); }
    return { type: 'line', label: '2025 target', data: values, borderColor: '#b42318', borderDash: [6, 4],
      pointRadius: 0, fill: false };
  }

  function districts(spec) {
    var datasets = [{ type: 'bar', label: spec.title, data: spec.values,
      backgroundColor: spec.labels.map(function (label, i) { return i === 0 ? '#102a43' : '#627d98'; }) }];
    if (spec.target !== null && spec.target !== undefined) { datasets.push(targetLine(spec.target, spec.labels.length)); }
    return { type: 'bar', data: { labels: spec.labels, datasets: datasets } };
  }

  function trend(spec) {
    var datasets = spec.series.map(function (series, i) {
      return { type: 'line', label: series.label, data: series.values, spanGaps: true,
        borderColor: series.city ? '#102a43' : palette[i % palette.length], borderWidth: series.city ? 3 : 1.5,
        pointRadius: series.city ? 3 : 2, fill: false };
    });
    if (spec.target !== null && spec.target !== undefined) { datasets.push(targetLine(spec.target, spec.labels.length)); }
    return { type: 'line', data: { labels: spec.labels, datasets: datasets } };
  }

  var drawn = 0;
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(document.getElementById('data-' + canvas.dataset.chart).textContent);
    var config = spec.type === 'districts' ? districts(spec) : trend(spec);
    config.options = { responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { title: { display: true, text: spec.title }, legend: { position: 'bottom' } } };
    var chart = new Chart(canvas, config);
    if (chart && chart.data.datasets.length > 0) {
      canvas.dataset.drawn = 'true';
      drawn++;
    }
  });
  document.body.dataset.chartsDrawn = String(drawn);
  if (window.reportErrors && window.reportErrors.length > 0) {
    document.body.dataset.errors = window.reportErrors.join(' | ');
  }
})();
