// Pohon kinerja: buka semua, ringkas (tiga tingkat teratas), tampilan proyektor (huruf besar).
document.addEventListener("DOMContentLoaded", function () {
  function semua(sel, buka) {
    document.querySelectorAll(sel).forEach(function (d) { d.open = buka; });
  }
  var b = document.getElementById("pohon-buka");
  var r = document.getElementById("pohon-ringkas");
  var p = document.getElementById("pohon-proyektor");
  if (b) b.addEventListener("click", function () { semua(".pohon details", true); });
  if (r) r.addEventListener("click", function () { semua(".pohon details details details", false); });
  if (p) p.addEventListener("click", function () { document.body.classList.toggle("proyektor"); });
});
