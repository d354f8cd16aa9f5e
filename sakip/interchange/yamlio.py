"""Membaca dan menulis YAML berkas pertukaran, dengan nomor baris dan Decimal.

* Bilangan pecahan dibaca sebagai ``Decimal`` (bukan float), sehingga
  ``2583575055.00`` dan ``8.33`` tetap persis.
* Setiap mapping/list hasil baca membawa nomor barisnya (``.line``) agar pesan
  kesalahan dapat menunjuk baris berkas.
"""

from __future__ import annotations

from decimal import Decimal

import yaml


class LDict(dict):
    line: int = 0


class LList(list):
    line: int = 0


class _Loader(yaml.SafeLoader):
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


def _construct_float(loader: _Loader, node: yaml.ScalarNode):
    text = loader.construct_scalar(node).replace("_", "")
    lowered = text.lower()
    if lowered in (".inf", "+.inf", "-.inf", ".nan"):
        return text  # dibiarkan sebagai teks; validasi akan menolaknya sebagai bukan angka
    return Decimal(text)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
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
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML tidak sah: {exc}") from exc


def _terjemah(problem: str) -> str:
    known = {
        "mapping values are not allowed here": "tanda ':' tidak boleh di sini (periksa indentasi atau beri tanda kutip)",
        "could not find expected ':'": "tanda ':' yang diharapkan tidak ditemukan",
        "found character '\\t' that cannot start any token": "karakter TAB tidak boleh dipakai untuk indentasi",
        "did not find expected key": "kunci yang diharapkan tidak ditemukan (periksa indentasi)",
        "found unexpected end of stream": "berkas berakhir sebelum waktunya",
    }
    for en, idn in known.items():
        if en in problem:
            return idn
    return problem


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
