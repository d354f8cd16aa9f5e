"""Membaca formulir HTML seperti peramban: semua medan beserta nilainya, agar tes mengirim
formulir utuh (termasuk medan tersembunyi versi/sidik) sebagaimana pengguna sungguhan."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = form_id is None
        self.depth = 0
        self.data: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_id is not None and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file"):
            self.data[a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.data[a["name"]] = ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "form" and self.form_id is not None:
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def isi_formulir(html: str, form_id: str | None = None) -> dict[str, str]:
    p = _Form(form_id)
    p.feed(html)
    p.data.pop("csrfmiddlewaretoken", None)
    return p.data
