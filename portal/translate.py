"""Message catalogs: extract, update, fill the derived catalogs, check completeness, compile.

English is the source language: the en catalog repeats each message, the zh_Hans catalog is
written by hand, and zh_Hant is converted from zh_Hans with OpenCC (marked, so that it follows
later changes) unless a translator has written it by hand.
"""
from __future__ import annotations

import copy
import fcntl
import io
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
LOCALES = ("zh_Hans", "en", "zh_Hant")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
            "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2),
            "lazy_pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
AUTO_MARK = "opencc"  # translator comment on zh_Hant entries generated from zh_Hans


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


@contextmanager
def catalog_lock() -> Iterator[None]:
    """Serialise catalog writers (several people may update at once)."""
    TRANSLATIONS.mkdir(exist_ok=True)
    with open(TRANSLATIONS / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def _wanted_directory(dirpath: str) -> bool:
    parts = Path(dirpath).relative_to(ROOT).parts
    if not parts:
        return True
    return parts[0] in ("portal", "templates") and not any(
        p.startswith(".") or p == "__pycache__" for p in parts)


def extract() -> Catalog:
    """Every message marked in the code and templates."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="baisha-portal", charset="utf-8")
    found = extract_from_dir(ROOT, method_map, options_map, keywords=KEYWORDS,
                             strip_comment_tags=True, directory_filter=_wanted_directory)
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(locale: str) -> Catalog:
    path = po_path(locale)
    if not path.exists():
        return Catalog(locale=locale, project="baisha-portal")
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def write(catalog: Catalog, locale: str) -> None:
    path = po_path(locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, sort_output=True, ignore_obsolete=True,
             include_previous=False)
    # The extraction time changes on every update and only makes merges of the catalogs conflict.
    lines = buffer.getvalue().splitlines(keepends=True)
    path.write_bytes(b"".join(line for line in lines if not line.startswith(b'"POT-Creation-Date:')))


def _is_empty(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return not all(strings)


def _fill_en(catalog: Catalog) -> None:
    for message in catalog:
        if message.id and _is_empty(message):
            message.string = message.id if not message.pluralizable else tuple(message.id)


def _fill_hant(catalog: Catalog, hans: Catalog) -> None:
    from opencc import OpenCC

    converter = OpenCC("s2t")
    for message in catalog:
        if not message.id:
            continue
        source = hans.get(message.id, message.context)
        generated = AUTO_MARK in message.user_comments
        if source is None or _is_empty(source) or not (generated or _is_empty(message)):
            continue
        strings = source.string if isinstance(source.string, (list, tuple)) else [source.string]
        converted = [converter.convert(s) for s in strings]
        message.string = tuple(converted) if message.pluralizable else converted[0]
        message.user_comments = [AUTO_MARK]
        message.flags.discard("fuzzy")


def update() -> list[str]:
    """Bring every catalog up to the code; returns the zh_Hans messages still to translate."""
    with catalog_lock():
        template = extract()
        catalogs = {}
        for locale in LOCALES:
            catalog = read(locale)
            # Babel inserts the template's own Message objects: give each catalog its copy.
            catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
            catalogs[locale] = catalog
        _fill_en(catalogs["en"])
        _fill_hant(catalogs["zh_Hant"], catalogs["zh_Hans"])
        for locale, catalog in catalogs.items():
            write(catalog, locale)
    return [m.id if isinstance(m.id, str) else m.id[0]
            for m in catalogs["zh_Hans"] if m.id and _is_empty(m)]


def fill(locale: str, translations: dict[str, str | list[str]]) -> int:
    """Write translations given as {msgid: msgstr}; returns how many were used."""
    with catalog_lock():
        catalog = read(locale)
        used = 0
        for message in catalog:
            key = message.id if isinstance(message.id, str) else message.id[0]
            if message.id and key in translations:
                value = translations[key]
                message.string = tuple(value) if message.pluralizable else value
                message.flags.discard("fuzzy")
                message.user_comments = []
                used += 1
        write(catalog, locale)
    if locale == "zh_Hans":
        update()  # zh_Hant follows
    return used


def problems() -> list[str]:
    """What is missing, untranslated or fuzzy in any catalog, one line each."""
    template = extract()
    found = []
    for locale in LOCALES:
        catalog = read(locale)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, message.context)
            label = message.id if isinstance(message.id, str) else message.id[0]
            if entry is None:
                found.append(f"{locale}: missing: {label!r}")
            elif _is_empty(entry):
                found.append(f"{locale}: untranslated: {label!r}")
            elif entry.fuzzy:
                found.append(f"{locale}: fuzzy: {label!r}")
    return found


def compile_all() -> None:
    """Write the .mo files Flask-Babel reads."""
    for locale in LOCALES:
        catalog = read(locale)
        with open(po_path(locale).with_suffix(".mo"), "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


def load_json(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
