"""Membaca dan menulis YAML berkas pertukaran, dengan nomor baris dan Decimal.

* Bilangan pecahan dibaca sebagai ``Decimal`` (bukan float), sehingga
  ``2583575055.00`` dan ``8.33`` tetap persis.
* Setiap mapping/list hasil baca membawa nomor barisnya (``.line``) agar pesan
  kesalahan dapat menunjuk baris berkas.
"""

from __future__ import annotations

from decimal import Decimal

import yaml

from sakip.berkas.yaml_aman import BatasAlias


class LDict(dict):
    line: int = 0


class LList(list):
    line: int = 0


class _Loader(BatasAlias, yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "kunci mapping tidak sah", key_node.start_mark
            ) from exc
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"kunci '{key}' ditulis dua kali", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    return result


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    text = loader.construct_scalar(node)
    if "\x00" in text:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            "teks memuat karakter NUL (\\x00) yang tidak boleh disimpan",
            node.start_mark,
        )
    return text


def _construct_float(loader: _Loader, node: yaml.ScalarNode):
    text = loader.construct_scalar(node).replace("_", "")
    lowered = text.lower()
    if lowered in (".inf", "+.inf", "-.inf", ".nan"):
        return text  # dibiarkan sebagai teks; validasi akan menolaknya sebagai bukan angka
    return Decimal(text)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
# Tanggal dibiarkan sebagai teks ISO (YYYY-MM-DD) agar validasi yang membacanya.
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


class YamlError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def load(text: str):
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or str(exc)
        raise YamlError(f"YAML tidak sah: {_terjemah(problem)}", line) from exc
    except yaml.reader.ReaderError as exc:
        char = exc.character
        kode = f"#x{ord(char):04x}" if isinstance(char, str) else f"#x{char:02x}"
        raise YamlError(
            f"YAML tidak sah: karakter {kode} tidak boleh ada di berkas teks "
            f"(posisi {exc.position + 1})"
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlError("YAML tidak sah: susunan berkas tidak dapat dibaca") from exc
    except RecursionError:
        raise YamlError("YAML tidak sah: susunan bersarang terlalu dalam") from None


# Nama token pengurai YAML (PyYAML) dalam bahasa pengguna.
_TOKEN = {
    "<block end>": "akhir blok (indentasi lebih sedikit)",
    "<block mapping start>": "awal blok 'kunci: nilai'",
    "<block sequence start>": "awal daftar",
    "<block entry>": "butir daftar '-'",
    "<document start>": "awal dokumen '---'",
    "<document end>": "akhir dokumen",
    "<stream end>": "akhir berkas",
    "<stream start>": "awal berkas",
    "<scalar>": "sebuah nilai",
    "<flow mapping start>": "'{'",
    "<flow mapping end>": "'}'",
    "<flow sequence start>": "'['",
    "<flow sequence end>": "']'",
    "<flow entry>": "','",
    "<key>": "sebuah kunci",
    "<value>": "sebuah nilai",
    "<alias>": "sebuah alias '*'",
    "<anchor>": "sebuah jangkar '&'",
    "<tag>": "sebuah tag '!'",
}


def _tok(text: str) -> str:
    text = text.strip()
    inner = text.strip("'\"")
    if inner in _TOKEN:
        return _TOKEN[inner]
    if text in _TOKEN:
        return _TOKEN[text]
    if inner.startswith("<") and inner.endswith(">"):
        return "susunan lain"
    return text


_POLA = [
    (
        r"mapping values are not allowed here",
        lambda m: "tanda ':' tidak boleh di sini (periksa indentasi atau beri tanda kutip)",
    ),
    (r"could not find expected ':'", lambda m: "tanda ':' yang diharapkan tidak ditemukan"),
    (
        r"found character '\\t' that cannot start any token",
        lambda m: "karakter TAB tidak boleh dipakai untuk indentasi",
    ),
    (r"found (?:a )?tab character", lambda m: "karakter TAB tidak boleh dipakai untuk indentasi"),
    (
        r"found character (.+?) that cannot start any token",
        lambda m: f"karakter {m[1]} tidak boleh mengawali nilai (beri tanda kutip)",
    ),
    (
        r"did not find expected key",
        lambda m: "kunci yang diharapkan tidak ditemukan (periksa indentasi)",
    ),
    (
        r"did not find expected '-' indicator",
        lambda m: "butir daftar '-' yang diharapkan tidak ditemukan (periksa indentasi)",
    ),
    (r"found unexpected end of stream", lambda m: "berkas berakhir sebelum waktunya"),
    (
        r"block sequence entries are not allowed here",
        lambda m: "butir daftar '-' tidak boleh di sini (periksa indentasi)",
    ),
    (
        r"expected the node content, but found (.+)",
        lambda m: f"nilai yang diharapkan tidak ada; ditemukan {_tok(m[1])}",
    ),
    (
        r"expected a single document in the stream",
        lambda m: "berkas hanya boleh berisi satu dokumen (hapus '---' yang kedua)",
    ),
    (
        r"expected (.+?), but (?:found|got) (.+)",
        lambda m: (
            f"diharapkan {_tok(m[1])}, tetapi ditemukan {_tok(m[2])} (periksa indentasi dan tanda kurung)"
        ),
    ),
    # pesan batas alias (sakip.berkas.yaml_aman) sudah berbahasa Indonesia
    (r"((?:berkas memakai lebih dari|data berkas ini setelah alias).+)", lambda m: m[1]),
    (r"found undefined alias (.+)", lambda m: f"alias {m[1]} tidak didefinisikan"),
    (r"found duplicate anchor (.+?);", lambda m: f"jangkar {m[1]} didefinisikan dua kali"),
    (
        r"found unknown escape character (.+)",
        lambda m: f"karakter escape {m[1]} tidak dikenal (pakai tanda kutip tunggal)",
    ),
    (
        r"could not determine a constructor for the tag (.+)",
        lambda m: f"tag {m[1]} tidak dikenal sakip",
    ),
    (r"found unhashable key", lambda m: "kunci tidak boleh berupa daftar atau pasangan"),
    (r"failed to convert base64 data", lambda m: "data biner (!!binary) tidak sah"),
    (r"found unexpected document separator", lambda m: "pemisah dokumen '---' tidak boleh di sini"),
    (
        r"expected alphabetic or numeric character, but found (.+)",
        lambda m: f"nama jangkar/alias hanya huruf dan angka, ditemukan {m[1]}",
    ),
]


def _terjemah(problem: str) -> str:
    """Masalah pengurai YAML (bahasa Inggris) → kalimat Indonesia; tanpa padanan: kalimat umum."""
    import re

    for pola, kalimat in _POLA:
        m = re.search(pola, problem)
        if m:
            return kalimat(m)
    if not re.search(
        r"\b(expected|found|could not|while|allowed|unexpected|cannot|invalid)\b", problem
    ):
        return problem  # pesan sakip sendiri (mis. dari konstruktor di atas), sudah berbahasa Indonesia
    return "susunan tidak dapat dibaca di sekitar baris ini (periksa indentasi dan tanda kutip)"


class Flow(dict):
    """Mapping yang ditulis satu baris ({a: 1, b: 2}) agar berkas tetap ringkas."""


class _Dumper(yaml.SafeDumper):
    pass


def _represent_flow(dumper: _Dumper, value: Flow):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _represent_decimal(dumper: _Dumper, value: Decimal):
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".") if "." in text else text
    if "." in text:
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)
    return dumper.represent_scalar("tag:yaml.org,2002:int", text)


def _represent_str(dumper: _Dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(LDict, _Dumper.represent_dict)
_Dumper.add_representer(Flow, _represent_flow)
_Dumper.add_representer(LList, _Dumper.represent_list)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)
