"""YAML dari pengguna tanpa bom alias.

Alias YAML (``*a``) menunjuk simpul yang sudah ada: 16 KB berisi alias bersarang tujuh tingkat
menjadi miliaran simpul begitu datanya dijelajahi atau disimpan sebagai JSON. Pemuat di sini
menghitung ukuran data *setelah* semua alias dijabarkan selagi menyusun simpul, dan menolak berkas
yang melampaui :data:`MAKS_ALIAS` alias atau :data:`MAKS_SIMPUL` simpul — sebelum satu objek
Python pun dibangun. Berkas buatan sakip tidak memakai alias sama sekali."""

from __future__ import annotations

import yaml
from yaml.events import AliasEvent

from . import ribuan

MAKS_ALIAS = 200
MAKS_SIMPUL = 400_000  # LKE bawaan ±2.000 simpul; berkas OPD-tahun Klungkung ±25.000


class BatasAlias:
    """Campuran untuk kelas Loader PyYAML (letakkan sebelum ``yaml.SafeLoader``)."""

    def compose_document(self):
        self._alias_n = 0
        self._simpul_n = 0
        self._ukuran: dict[int, int] = {}
        try:
            return super().compose_document()
        finally:
            self._ukuran = {}

    def compose_node(self, parent, index):
        alias = self.check_event(AliasEvent)
        if alias:
            self._alias_n += 1
            if self._alias_n > MAKS_ALIAS:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"berkas memakai lebih dari {MAKS_ALIAS} alias '*'",
                    self.peek_event().start_mark,
                )
            mark = self.peek_event().start_mark
        node = super().compose_node(parent, index)
        self._simpul_n += self._ukur(node) if alias else 1
        if self._simpul_n > MAKS_SIMPUL:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"data berkas ini setelah alias dijabarkan lebih dari {ribuan(MAKS_SIMPUL)} nilai "
                "(bom alias)",
                mark if alias else node.start_mark,
            )
        return node

    def _ukur(self, node) -> int:
        """Jumlah simpul ``node`` setelah alias di dalamnya dijabarkan (dengan memo per simpul)."""
        memo = self._ukuran
        tumpukan = [(node, False)]
        while tumpukan:
            n, selesai = tumpukan.pop()
            if id(n) in memo:
                continue
            if isinstance(n, yaml.ScalarNode):
                memo[id(n)] = 1
                continue
            anak = (
                [x for kv in n.value for x in kv]
                if isinstance(n, yaml.MappingNode)
                else list(n.value)
            )
            if selesai:
                memo[id(n)] = 1 + sum(memo.get(id(a), 1) for a in anak)
            else:
                tumpukan.append((n, True))
                tumpukan.extend((a, False) for a in anak if id(a) not in memo)
        return memo[id(node)]


class SafeLoaderAman(BatasAlias, yaml.SafeLoader):
    pass


def muat(teks):
    """Seperti ``yaml.safe_load`` dengan batas alias dan ukuran."""
    return yaml.load(teks, Loader=SafeLoaderAman)  # noqa: S506 — turunan SafeLoader
