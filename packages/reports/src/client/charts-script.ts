/**
 * Page script that draws every chart: reads the JSON configurations, revives what JSON cannot
 * hold (tick labels of categorical axes), registers an error-bar plugin, and creates the charts.
 * Runs after chart.js's UMD bundle, which defines `Chart`.
 */
export const CHARTS_SCRIPT = String.raw`
(function () {
  var el = document.getElementById('vaelab-charts');
  if (!el || typeof Chart === 'undefined') return;
  var specs = JSON.parse(el.textContent);
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#222';
  Chart.defaults.animation = false;
  // Mean ± std whiskers from dataset.vaelabErrorBars = [{ x, lo, hi }].
  Chart.register({
    id: 'vaelabErrorBars',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, xs = chart.scales.x, ys = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        if (!ds.vaelabErrorBars || !chart.isDatasetVisible(i)) return;
        ctx.save();
        ctx.strokeStyle = ds.borderColor; ctx.lineWidth = 1.5;
        ds.vaelabErrorBars.forEach(function (b) {
          if (!isFinite(b.lo) || !isFinite(b.hi)) return;
          var x = xs.getPixelForValue(b.x), y0 = ys.getPixelForValue(b.lo), y1 = ys.getPixelForValue(b.hi);
          ctx.beginPath();
          ctx.moveTo(x, y0); ctx.lineTo(x, y1);
          ctx.moveTo(x - 5, y0); ctx.lineTo(x + 5, y0);
          ctx.moveTo(x - 5, y1); ctx.lineTo(x + 5, y1);
          ctx.stroke();
        });
        ctx.restore();
      });
    }
  });
  Object.keys(specs).forEach(function (id) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    var cfg = specs[id];
    var scales = (cfg.options && cfg.options.scales) || {};
    Object.keys(scales).forEach(function (k) {
      var s = scales[k], labels = s.vaelabLabels, at = s.vaelabTicks;
      // Ticks exactly at the swept values (or the category positions 0, 1, 2...).
      if (at) s.afterBuildTicks = function (scale) { scale.ticks = at.map(function (v) { return { value: v }; }); };
      var fmt = function (v) { return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(1) : String(Number(v.toPrecision(4))); };
      if (labels) s.ticks = Object.assign({}, s.ticks, { callback: function (v) { return labels[Math.round(v)] !== undefined ? labels[Math.round(v)] : ''; } });
      else if (at) s.ticks = Object.assign({}, s.ticks, { callback: function (v) { return fmt(v); } });
    });
    // Legend groups: a configuration's mean line, its per-seed points and its held-out curve
    // share a vaelabGroup; only entries without vaelabLegend === false are listed, and a click
    // shows or hides the whole group.
    var grouped = (cfg.data.datasets || []).some(function (ds) { return ds.vaelabGroup !== undefined; });
    if (grouped && cfg.options && cfg.options.plugins && cfg.options.plugins.legend) {
      var legend = cfg.options.plugins.legend;
      legend.labels = Object.assign({}, legend.labels, {
        usePointStyle: true,
        filter: function (item, data) { return data.datasets[item.datasetIndex].vaelabLegend !== false; }
      });
      legend.onClick = function (e, item, leg) {
        var chart = leg.chart, group = chart.data.datasets[item.datasetIndex].vaelabGroup;
        var show = !chart.isDatasetVisible(item.datasetIndex);
        chart.data.datasets.forEach(function (ds, i) { if (ds.vaelabGroup === group) chart.setDatasetVisibility(i, show); });
        chart.update();
      };
    }
    new Chart(canvas, cfg);
  });
})();
`;

/** Page script making tables with `data-sortable` sortable by clicking a header (numbers numerically, blanks last). */
export const SORT_SCRIPT = String.raw`
(function () {
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    // The last header row has one cell per column (rows above it may group columns).
    var heads = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      th.tabIndex = 0;
      var sort = function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        // Numeric cells carry their raw number in data-value; blanks sort last either way.
        var key = function (row) {
          var cell = row.cells[col];
          if (!cell) return null;
          var v = cell.getAttribute('data-value');
          if (v !== null) { var n = parseFloat(v); return isNaN(n) ? null : n; }
          var t = cell.textContent.trim();
          return t === '' || t === '–' ? null : t;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (x === null) return y === null ? 0 : 1;
          if (y === null) return -1;
          if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
          return String(x).localeCompare(String(y)) * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });
})();
`;
