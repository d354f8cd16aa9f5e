// Tabel yang lebih lebar dari layar (ponsel) digulir di tempatnya: dapat difokus dengan papan ketik
// (Tab lalu panah kiri/kanan), dengan nama dari judul di atasnya.
(function () {
  function tandai() {
    document.querySelectorAll("main table").forEach(function (t) {
      var gulir = t.scrollWidth > t.clientWidth + 1;
      if (gulir && !t.hasAttribute("tabindex")) {
        t.setAttribute("tabindex", "0");
        t.setAttribute("data-gulir", "");
        if (!t.getAttribute("aria-label")) {
          var h = t.previousElementSibling;
          while (h && !/^H[1-6]$/.test(h.tagName)) h = h.previousElementSibling;
          t.setAttribute("aria-label", (h ? h.textContent.trim() + " — " : "") + "tabel, geser ke samping");
        }
      } else if (!gulir && t.hasAttribute("data-gulir")) {
        t.removeAttribute("tabindex");
        t.removeAttribute("data-gulir");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", tandai);
  window.addEventListener("resize", tandai);
  document.addEventListener("htmx:afterSettle", tandai);
})();
