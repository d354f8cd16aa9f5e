// Kotak "pilih semua": <input type="checkbox" data-pilih-semua="SELEKTOR"> mencentang atau
// membersihkan setiap kotak yang cocok dengan SELEKTOR (tanpa skrip sebaris; CSP melarangnya).
document.addEventListener("change", function (e) {
  var t = e.target;
  if (!t.matches || !t.matches("input[data-pilih-semua]")) return;
  document.querySelectorAll(t.getAttribute("data-pilih-semua")).forEach(function (c) {
    c.checked = t.checked;
  });
});
