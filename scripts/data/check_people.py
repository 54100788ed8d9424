#!/usr/bin/env python3
"""Validate data/actors/people.tsv (see data/README.md).

Checks, for every record line (blank lines and lines starting with '#' are skipped):
  * exactly 8 tab-separated columns, none empty (an empty value is written '-'),
    no surrounding whitespace;
  * country is three upper-case letters (ISO 3166-1 alpha-3, PLOVER's KOS/PSE, or
    IGO/IMG...); when data/actors/countries.tsv exists, the code must be listed there
    (international codes IGO, NGO, IMG, MNC, ISM are always accepted);
  * sector is a known PLOVER sector code, or '-' (only for IGO officials);
  * start is a date (YYYY-MM-DD, YYYY-MM or YYYY, a real calendar date), end is a
    date or '-', and start comes before end;
  * aliases are '-' or '|'-separated non-empty forms, no alias repeats the name or
    another alias once folded as the matcher folds text (case, accents, apostrophes,
    hyphens), no alias is a denied common word, and short aliases are flagged;
  * wikidata is '-' or a Q-id, and one person (name) has one Q-id and vice versa;
  * no line is duplicated;
  * no form (name or alias) names two different people whose tenures overlap: the
    resolver picks the line whose tenure contains the document date, so such a form
    would be ambiguous. As in vigie's resolver, both bounds are inclusive (on a
    handover day the outgoing and the incoming lines both apply) and a partial date
    is widened (a start of "2025-10" counts from 1 October, an end of "2025-10" runs
    to 31 October).

Warnings (not errors): the same person with lines of different country or sector that
overlap by more than a handover day, and forms shared by different people at different
dates.

Usage: check_people.py [PATH] [--stats] [--quiet]
Exit status: 0 when there is no error, 1 otherwise.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO / "data" / "actors" / "people.tsv"
COUNTRIES_PATH = REPO / "data" / "actors" / "countries.tsv"

COLUMNS = ["name", "country", "sector", "role", "start", "end", "aliases", "wikidata"]
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC", "ISM"}
SECTORS = set(
    "COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE REL SOC".split()
)  # the PLOVER sector codes, as in crates/vigie-core/src/codes.rs
# Aliases that are common words or very common names: never a form on their own.
DENIED_ALIASES = {
    "may", "lee", "kim", "li", "wang", "park", "moon", "ban", "borne", "talon",
    "conte", "salam", "hunt", "bishop", "wong", "champagne", "gabriel", "philippe",
    "michel", "francois", "francis", "jean", "costa", "faure", "khan", "singh",
    "sharif", "zardari", "ahmed", "mohamed", "mohammed", "ali", "abdullah",
    "salman", "aoun", "maiga", "diop", "camara", "ba",
    "cisse", "coulibaly", "ouedraogo", "fernandez", "gandhi", "cohen", "harris",
    "austin", "carter", "cooper", "wallace", "hague", "cleverly", "president",
    "king", "queen", "pope", "emir", "general",
}
# Short aliases that are nonetheless distinctive in news text.
SHORT_ALLOWED = {"xi"}

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
COUNTRY_RE = re.compile(r"^[A-Z]{3}$")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
HYPHENS = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014]")
FAR_FUTURE = dt.date(9999, 12, 31)


def fold(text: str) -> str:
    """Fold a form the way the matcher compares text (data/README.md)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().translate(APOSTROPHES)
    text = HYPHENS.sub(" ", text)
    return " ".join(text.split())


def parse_date(value: str):
    """Return (lower bound, exclusive upper bound) of a possibly partial date, or None."""
    m = DATE_RE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last) + dt.timedelta(days=1)
        d = dt.date(year, month, day)
        return d, d + dt.timedelta(days=1)
    except ValueError:
        return None


def load_country_codes() -> set[str] | None:
    if not COUNTRIES_PATH.exists():
        return None
    codes = set()
    for line in COUNTRIES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes.add(line.split("\t", 1)[0].strip())
    return codes or None


class Record:
    __slots__ = ("lineno", "name", "country", "sector", "role", "start", "end",
                 "aliases", "wikidata", "lo", "hi")


def check(path: Path, stats: bool, quiet: bool) -> int:
    errors: list[str] = []
    warnings: list[str] = []
    known_codes = load_country_codes()
    records: list[Record] = []
    seen_lines: dict[str, int] = {}

    text = path.read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{lineno}"
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            errors.append(f"{where}: {len(fields)} columns, expected {len(COLUMNS)}")
            continue
        if line in seen_lines:
            errors.append(f"{where}: duplicate of line {seen_lines[line]}")
        seen_lines[line] = lineno
        bad = False
        for col, value in zip(COLUMNS, fields):
            if value == "":
                errors.append(f"{where}: empty {col} (write '-')")
                bad = True
            elif value != value.strip():
                errors.append(f"{where}: whitespace around {col} {value!r}")
                bad = True
        if bad:
            continue
        name, country, sector, role, start, end, aliases, wikidata = fields
        r = Record()
        r.lineno, r.name, r.country, r.sector, r.role = lineno, name, country, sector, role
        r.start, r.end, r.wikidata = start, end, wikidata

        if name == "-":
            errors.append(f"{where}: missing name")
        if role == "-":
            errors.append(f"{where}: missing role")
        if not COUNTRY_RE.match(country):
            errors.append(f"{where}: country {country!r} is not 3 upper-case letters")
        elif known_codes is not None and country not in known_codes and country not in INTERNATIONAL:
            errors.append(f"{where}: country {country!r} not in {COUNTRIES_PATH.name}")
        if sector == "-":
            if country != "IGO":
                errors.append(f"{where}: sector '-' is only for IGO officials")
        elif sector not in SECTORS:
            errors.append(f"{where}: unknown sector {sector!r}")

        if wikidata != "-" and not QID_RE.match(wikidata):
            errors.append(f"{where}: bad wikidata id {wikidata!r}")

        s = parse_date(start)
        if s is None:
            errors.append(f"{where}: bad start date {start!r}")
            continue
        if end == "-":
            e = (FAR_FUTURE, FAR_FUTURE)
        else:
            e = parse_date(end)
            if e is None:
                errors.append(f"{where}: bad end date {end!r}")
                continue
        # vigie's resolver reads a tenure as [start, end] with both bounds inclusive, a partial start
        # from its first day and a partial end to its last day: r.hi is the exclusive upper bound.
        r.lo, r.hi = s[0], (FAR_FUTURE if end == "-" else e[1])
        # start <= end (a one-day tenure is allowed; partial dates compare by their widest reading).
        if end != "-" and s[0] >= e[1]:
            errors.append(f"{where}: start {start} is after end {end}")

        r.aliases = []
        if aliases != "-":
            folded_seen = {fold(name): "name"}
            for alias in aliases.split("|"):
                if alias != alias.strip() or not alias:
                    errors.append(f"{where}: empty or padded alias in {aliases!r}")
                    continue
                f = fold(alias)
                if f in folded_seen:
                    warnings.append(f"{where}: alias {alias!r} repeats the {folded_seen[f]} once folded")
                    continue
                folded_seen[f] = f"alias {alias!r}"
                if f in DENIED_ALIASES:
                    errors.append(f"{where}: alias {alias!r} is a common word or name")
                if len(f.replace(" ", "")) <= 2 and f not in SHORT_ALLOWED:
                    warnings.append(f"{where}: very short alias {alias!r}")
                if alias == alias.lower():
                    warnings.append(f"{where}: alias {alias!r} has no capital, it would match any case")
                r.aliases.append(alias)
        records.append(r)

    # One Q-id per person and one person per Q-id.
    qid_of: dict[str, set[str]] = defaultdict(set)
    name_of: dict[str, set[str]] = defaultdict(set)
    for r in records:
        if r.wikidata != "-":
            qid_of[r.name].add(r.wikidata)
            name_of[r.wikidata].add(r.name)
    for name, qids in qid_of.items():
        if len(qids) > 1:
            errors.append(f"{name!r} has several wikidata ids: {sorted(qids)}")
        lines_without = [r.lineno for r in records if r.name == name and r.wikidata == "-"]
        if lines_without:
            warnings.append(f"{name!r} has a wikidata id on some lines only (lines {lines_without})")
    for qid, names in name_of.items():
        if len(names) > 1:
            errors.append(f"{qid} is given to several names: {sorted(names)}")

    def overlap(a: Record, b: Record) -> bool:
        return a.lo < b.hi and b.lo < a.hi

    # Same person, overlapping lines with a different country or sector.
    by_person: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by_person[r.name].append(r)
    for name, lines in by_person.items():
        for i, a in enumerate(lines):
            for b in lines[i + 1:]:
                # A shared handover day is expected (the earlier line wins on that day).
                shared = min(a.hi, b.hi) - max(a.lo, b.lo)
                if shared.days > 1 and (a.country, a.sector) != (b.country, b.sector):
                    warnings.append(
                        f"{name!r}: lines {a.lineno} and {b.lineno} overlap with "
                        f"{a.country} {a.sector} vs {b.country} {b.sector}")

    # Ambiguous forms: one folded form, two people, overlapping tenures.
    by_form: dict[str, list[tuple[Record, str]]] = defaultdict(list)
    for r in records:
        for form in [r.name, *r.aliases]:
            by_form[fold(form)].append((r, form))
    ambiguous = 0
    for form, uses in sorted(by_form.items()):
        people = {r.name for r, _ in uses}
        if len(people) < 2:
            continue
        clash = False
        for i, (a, fa) in enumerate(uses):
            for b, fb in uses[i + 1:]:
                if a.name != b.name and overlap(a, b):
                    clash = True
                    errors.append(
                        f"ambiguous form {fa!r}: {a.name!r} (line {a.lineno}, {a.start}..{a.end}) "
                        f"and {b.name!r} (line {b.lineno}, {b.start}..{b.end}) overlap")
        if clash:
            ambiguous += 1
        else:
            warnings.append(f"form {uses[0][1]!r} names {sorted(people)} at different dates")

    people = {r.name for r in records}
    if not quiet:
        for w in warnings:
            print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}")
    print(f"{path.name}: {len(records)} lines, {len(people)} people, "
          f"{sum(len(r.aliases) for r in records)} aliases, "
          f"{sum(1 for p in people if qid_of.get(p))} people with a wikidata id; "
          f"{len(errors)} errors, {len(warnings)} warnings")
    if stats:
        countries = Counter(r.country for r in records)
        sectors = Counter(r.sector for r in records)
        print("lines by sector: " + ", ".join(f"{k} {v}" for k, v in sectors.most_common()))
        print("lines by country: " + ", ".join(f"{k} {v}" for k, v in sorted(countries.items())))
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--stats", action="store_true", help="print line counts by sector and country")
    ap.add_argument("--quiet", action="store_true", help="do not print warnings")
    args = ap.parse_args()
    if not args.path.exists():
        print(f"error: {args.path} does not exist")
        return 1
    return check(args.path, args.stats, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
