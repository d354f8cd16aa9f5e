/* Tren realisasi triwulan per indikator (data dari #data-tren; tanpa skrip sebaris). */
(function () {
  var el = document.getElementById("data-tren");
  var canvas = document.getElementById("grafik-tren");
  if (!el || !canvas || typeof Chart === "undefined") return;
  var d = JSON.parse(el.textContent);
  var warna = ["#0b4f8a", "#1a7f37", "#d73a49", "#f2994a", "#6f42c1", "#9aa5b1"];
  var id = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  new Chart(canvas, {
    type: "line",
    data: { labels: d.labels, datasets: d.series.map(function (s, i) {
      return { label: s.label, data: s.data, borderColor: warna[i % warna.length], backgroundColor: warna[i % warna.length], spanGaps: true };
    }) },
    options: { animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { ticks: { callback: function (v) { return id.format(v); } } } } }
  });
})();
