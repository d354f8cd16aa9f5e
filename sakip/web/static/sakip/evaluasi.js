// Grafik nilai evaluasi AKIP se-Pemda (Chart.js, tanpa skrip sebaris: CSP).
(function () {
  var el = document.getElementById("data-evaluasi");
  var canvas = document.getElementById("grafik-evaluasi");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(el.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.map(function (d) { return d.opd; }),
      datasets: [{ label: "Nilai evaluasi AKIP", data: data.map(function (d) { return d.nilai; }), backgroundColor: "#2f6f9f" }],
    },
    options: { indexAxis: "y", animation: false, maintainAspectRatio: false, scales: { x: { min: 0, max: 100 } }, plugins: { legend: { display: false } } },
  });
})();
