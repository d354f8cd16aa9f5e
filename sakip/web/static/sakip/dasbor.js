/* Grafik dasbor: data dari <script type="application/json" id="data-grafik">, tanpa skrip sebaris. */
(function () {
  var el = document.getElementById("data-grafik");
  var canvas = document.getElementById("grafik-pemda");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var d = JSON.parse(el.textContent);
  var id = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: d.labels,
      datasets: [
        { label: "Rata-rata capaian IKU (%)", data: d.capaian, backgroundColor: "#0b4f8a" },
        { label: "Serapan anggaran (%)", data: d.serapan, backgroundColor: "#9aa5b1" }
      ]
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { ticks: { callback: function (v) { return id.format(v) + "%"; } } } },
      plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + id.format(c.parsed.y) + "%"; } } } }
    }
  });
})();
