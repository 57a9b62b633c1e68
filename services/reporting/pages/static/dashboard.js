/* The report dashboard: draws each chart described in #data-grafik with Chart.js, and reloads the report
   when its revision changes (polls /laporan/<scope>/revisi). No hand-drawn graphics: Chart.js draws. */
(function () {
  "use strict";
  var root = document.getElementById("dasbor");
  if (!root || !window.Chart) { return; }
  var status = document.getElementById("status-pembaruan");
  var charts = [];

  // The SKM grade bands behind a chart's bars or line (a small Chart.js plugin, drawn on the chart's own canvas).
  var gradeBands = {
    id: "gradeBands",
    beforeDatasetsDraw: function (chart, args, options) {
      var bands = options && options.bands;
      if (!bands || !bands.length) { return; }
      var axis = chart.scales[options.axis], area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      bands.forEach(function (band) {
        var from = axis.getPixelForValue(Math.max(band.from, axis.min));
        var to = axis.getPixelForValue(Math.min(band.to, axis.max));
        ctx.fillStyle = band.color;
        if (options.axis === "x") {
          ctx.fillRect(Math.min(from, to), area.top, Math.abs(to - from), area.bottom - area.top);
        } else {
          ctx.fillRect(area.left, Math.min(from, to), area.right - area.left, Math.abs(to - from));
        }
        ctx.fillStyle = "#1b1b1b";
        ctx.font = "bold 12px system-ui, sans-serif";
        if (options.axis === "x") {  // above the bars, in the padding kept free for it
          ctx.textAlign = "center";
          ctx.fillText(band.grade, (from + to) / 2, area.top - 5);
          ctx.textAlign = "start";
        } else {
          ctx.fillText(band.grade, area.right - 14, Math.min(from, to) + 14);
        }
      });
      ctx.restore();
    }
  };
  Chart.register(gradeBands);
  Chart.defaults.color = "#1b1b1b";
  Chart.defaults.font.size = window.innerWidth < 480 ? 12 : 13;
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

  function number(value, digits) {
    return value.toLocaleString("id-ID", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function wrap(label, width) {
    var lines = [], line = "";
    String(label).split(" ").forEach(function (word) {
      if ((line + " " + word).trim().length > width && line) { lines.push(line); line = word; }
      else { line = (line + " " + word).trim(); }
    });
    lines.push(line);
    return lines;
  }

  function config(spec, canvas) {
    // On a phone the category names get half the chart at most: wrap them shorter so none is cut off.
    var lineLength = canvas.clientWidth < 480 ? 15 : 26;
    var valueAxis = spec.horizontal ? "x" : "y", labelAxis = spec.horizontal ? "y" : "x";
    var scales = {};
    scales[valueAxis] = {
      stacked: spec.stacked, beginAtZero: spec.axis.min === undefined, min: spec.axis.min, max: spec.axis.max,
      ticks: { stepSize: spec.axis.step, callback: function (v) {
        return number(v, Number.isInteger(v) ? 0 : 1) + (spec.percent ? " %" : ""); } },
      title: { display: !!spec.unit, text: spec.unit }
    };
    scales[labelAxis] = { stacked: spec.stacked, ticks: { autoSkip: false } };
    return {
      type: spec.kind,
      data: {
        labels: spec.labels.map(function (l) { return spec.horizontal ? wrap(l, lineLength) : l; }),
        datasets: spec.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color,
                   borderWidth: spec.kind === "line" ? 3 : 0, pointRadius: 5, spanGaps: false };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x", responsive: true, maintainAspectRatio: false, animation: false,
        layout: { padding: { top: spec.bands.length && spec.horizontal ? 18 : 0 } },
        scales: scales,
        plugins: {
          legend: { display: spec.series.length > 1, position: "bottom" },
          tooltip: { callbacks: { label: function (ctx) {
            var v = ctx.raw;
            return ctx.dataset.label + ": " + (v === null ? "disembunyikan" : number(v, spec.digits) + (spec.percent ? " %" : ""));
          } } },
          gradeBands: { bands: spec.bands, axis: valueAxis }
        }
      }
    };
  }

  function draw() {
    charts.forEach(function (chart) { chart.destroy(); });
    charts = [];
    var specs = JSON.parse(document.getElementById("data-grafik").textContent);
    Object.keys(specs).forEach(function (section) {
      specs[section].forEach(function (spec) {
        var canvas = document.getElementById("chart-" + spec.id);
        if (canvas) { charts.push(new Chart(canvas, config(spec, canvas))); }
      });
    });
  }

  function refresh() {
    return fetch(location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("dasbor");
        if (!fresh) { return; }
        var open = Array.prototype.map.call(root.querySelectorAll("details[open]"), function (d) {
          return d.querySelector("summary").textContent;
        });
        root.innerHTML = fresh.innerHTML;
        root.dataset.revision = fresh.dataset.revision;
        root.querySelectorAll("details").forEach(function (d) {
          if (open.indexOf(d.querySelector("summary").textContent) >= 0) { d.open = true; }
        });
        draw();
        status.textContent = "Laporan diperbarui ke revisi " + fresh.dataset.revision + " pukul " +
          new Date().toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" }) + ".";
      });
  }

  var busy = false;
  function poll() {
    if (busy || document.hidden) { return; }
    busy = true;
    fetch(root.dataset.revisionUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && String(body.revision) !== root.dataset.revision) { return refresh(); }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { busy = false; });
  }

  draw();
  setInterval(poll, Math.max(1, Number(root.dataset.interval) || 10) * 1000);
})();
