#!/usr/bin/env python3
"""Validate the hand-written actor dictionaries data/actors/organisations.tsv and data/actors/sectors.tsv.

Checks (errors make the exit status 1; warnings are printed only):
- column counts, `lang` in {en, fr, *}, non-empty forms, allowed characters;
- organisations: id format, code (3 upper-case letters: a known country code or IGO/NGO/IMG/MNC/ISM),
  country (known code or `-`; equal to the code for national organisations), sector (PLOVER code or `-`),
  the same code/country/sector on every line of an id, at most one line per id and language (a `*` line
  excludes `fr` and `en` lines), no form written all in lower case, forms start with a capital or a digit
  (the gazetteer takes the case rule from the first word: "al-Qaeda" would match text in any case);
- sectors: PLOVER sector codes, forms in lower case except acronyms ("FDS", "MPs");
- the same form (after folding case, accents, hyphens and apostrophes) never has two meanings in one
  language, within a file or across organisations.tsv, sectors.tsv, countries.tsv and seats.tsv, unless
  listed in INTENDED_OVERLAPS; repeated forms with the same meaning are warnings.

Country codes are read from data/actors/country_info.tsv when it exists (plus PLOVER's KOS and PSE).

Usage: python3 scripts/data/check_actors.py [--quiet]   (standard library only)
"""
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ROOT / "data" / "actors"

SECTORS = set("COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF OPP PRE "
              "REL SOC".split())
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC", "ISM"}
EXTRA_COUNTRIES = {"KOS", "PSE"}
LANGS = {"en", "fr", "*"}

# (lang, normalised form) -> why the same form may have two meanings. Empty: none is intended today.
INTENDED_OVERLAPS = {}

FORM_CHARS = re.compile(r"^[\w .'’-]+$")
ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
CODE_RE = re.compile(r"^[A-Z]{3}$")
ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]*s?$")


def norm(form):
    """Fold a form the way vigie's matcher compares text: case, accents, apostrophes and hyphens."""
    s = unicodedata.normalize("NFKD", form)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[\u2019'\u2010\u2011\u2012\u2013\u2014-]", " ", s)
    return " ".join(s.split())


def expand(lang):
    return ("en", "fr") if lang == "*" else (lang,)


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append(f"ERROR {where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"warning {where}: {msg}")


def records(path):
    """Yield (line number, fields) for the data lines of a TSV file."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield n, line.split("\t")


def load_country_codes(rep):
    path = ACTORS / "country_info.tsv"
    if not path.exists():
        rep.warn("country_info.tsv", "missing: country codes are only checked for their shape")
        return None
    return {f[0] for _, f in records(path)} | EXTRA_COUNTRIES


def check_forms(rep, where, forms_field):
    """Split a forms field, check characters and in-line duplicates; return the list of forms."""
    if forms_field == "-" or not forms_field:
        rep.error(where, "no forms")
        return []
    forms = forms_field.split("|")
    seen = {}
    for f in forms:
        if f != f.strip() or not f or "  " in f:
            rep.error(where, f"bad spacing in form {f!r}")
        if not FORM_CHARS.match(f):
            rep.error(where, f"unexpected character in form {f!r}")
        k = norm(f)
        if k in seen:
            rep.warn(where, f"forms {seen[k]!r} and {f!r} are the same after normalisation")
        seen[k] = f
    return forms


def check_organisations(rep, countries, meanings):
    path = ACTORS / "organisations.tsv"
    by_id = defaultdict(list)
    n_lines = 0
    for n, fields in records(path):
        where = f"organisations.tsv:{n}"
        n_lines += 1
        if len(fields) != 6:
            rep.error(where, f"{len(fields)} columns instead of 6")
            continue
        oid, code, country, sector, lang, forms_field = fields
        if not ID_RE.match(oid):
            rep.error(where, f"bad id {oid!r}")
        if not CODE_RE.match(code):
            rep.error(where, f"code {code!r} is not 3 upper-case letters")
        elif code not in INTERNATIONAL and countries is not None and code not in countries:
            rep.error(where, f"unknown code {code!r}")
        if country != "-":
            if not CODE_RE.match(country):
                rep.error(where, f"country {country!r} is not 3 upper-case letters")
            elif countries is not None and country not in countries:
                rep.error(where, f"unknown country {country!r}")
        if code not in INTERNATIONAL and country != code:
            rep.error(where, f"national organisation with code {code} but country {country}")
        if sector != "-" and sector not in SECTORS:
            rep.error(where, f"sector {sector!r} is not a PLOVER sector code")
        if lang not in LANGS:
            rep.error(where, f"lang {lang!r}")
            continue
        forms = check_forms(rep, where, forms_field)
        for f in forms:
            if f == f.lower():
                rep.error(where, f"form {f!r} has no capital letter (organisation forms must be capitalised)")
            elif not (f[0].isupper() or f[0].isdigit()):
                rep.error(where, f"form {f!r} starts with a lower-case word, so it would match text in any case")
        by_id[oid].append((n, code, country, sector, lang))
        for lg in expand(lang):
            for f in forms:
                meanings[(lg, norm(f))].add((f"organisation {oid}", f"organisations.tsv:{n}"))
    for oid, lines in by_id.items():
        attrs = {(c, k, s) for _, c, k, s, _ in lines}
        if len(attrs) > 1:
            rep.error(f"organisations.tsv:{lines[0][0]}", f"id {oid} has differing code/country/sector {sorted(attrs)}")
        langs = [lg for *_, lg in lines]
        if len(langs) != len(set(langs)) or ("*" in langs and len(langs) > 1):
            rep.error(f"organisations.tsv:{lines[0][0]}", f"id {oid} has lines {langs}: use one `*` line or one per language")
    return n_lines, by_id


def check_sectors(rep, meanings):
    path = ACTORS / "sectors.tsv"
    per_lang = defaultdict(int)
    per_sector = defaultdict(int)
    for n, fields in records(path):
        where = f"sectors.tsv:{n}"
        if len(fields) != 3:
            rep.error(where, f"{len(fields)} columns instead of 3")
            continue
        lang, sector, forms_field = fields
        if lang not in LANGS:
            rep.error(where, f"lang {lang!r}")
            continue
        if sector not in SECTORS:
            rep.error(where, f"sector {sector!r} is not a PLOVER sector code")
        per_lang[lang] += 1
        per_sector[(lang, sector)] += 1
        forms = check_forms(rep, where, forms_field)
        for f in forms:
            if f != f.lower() and not ACRONYM_RE.match(f):
                rep.warn(where, f"form {f!r} mixes cases: it only matches capitalised text")
        for lg in expand(lang):
            for f in forms:
                meanings[(lg, norm(f))].add((f"sector {sector}", f"sectors.tsv:{n}"))
    return per_lang, per_sector


def load_other(meanings, name):
    """Forms of countries.tsv / seats.tsv (code kind lang forms), to detect clashes with our files."""
    path = ACTORS / name
    if not path.exists():
        return False
    for n, fields in records(path):
        if len(fields) != 4:
            continue
        code, kind, lang, forms_field = fields
        if lang not in LANGS:
            continue
        meaning = f"{kind} {code}" if kind != "capital" and kind != "seat" else f"{code} GOV ({kind})"
        for lg in expand(lang):
            for f in forms_field.split("|"):
                meanings[(lg, norm(f))].add((meaning, f"{name}:{n}"))
    return True


def check_meanings(rep, meanings):
    for key, entries in sorted(meanings.items()):
        ours = [e for e in entries if e[1].startswith(("organisations.tsv", "sectors.tsv"))]
        if not ours:
            continue
        distinct = {m for m, _ in entries}
        where = ", ".join(sorted({w for _, w in entries}))
        if len(distinct) > 1:
            if key in INTENDED_OVERLAPS:
                continue
            rep.error(where, f"[{key[0]}] form {key[1]!r} has several meanings: {sorted(distinct)}")
        elif len({w for _, w in entries}) > 1:
            rep.warn(where, f"[{key[0]}] form {key[1]!r} is listed more than once")


def main():
    quiet = "--quiet" in sys.argv
    rep = Report()
    countries = load_country_codes(rep)
    meanings = defaultdict(set)
    n_org_lines, by_id = check_organisations(rep, countries, meanings)
    per_lang, per_sector = check_sectors(rep, meanings)
    others = [name for name in ("countries.tsv", "seats.tsv", "peoples.tsv") if load_other(meanings, name)]
    check_meanings(rep, meanings)

    codes = defaultdict(int)
    for lines in by_id.values():
        codes[lines[0][1] if lines[0][1] in INTERNATIONAL else "national"] += 1
    print(f"organisations.tsv: {n_org_lines} lines, {len(by_id)} organisations "
          + ", ".join(f"{k} {v}" for k, v in sorted(codes.items())))
    print("sectors.tsv: " + ", ".join(f"{lg} {c} lines" for lg, c in sorted(per_lang.items())))
    if not quiet:
        for lg in sorted(per_lang):
            print(f"  {lg}: " + " ".join(f"{s}={c}" for (l, s), c in sorted(per_sector.items()) if l == lg))
    print("cross-checked against: " + (", ".join(others) if others else "nothing else"))
    if not quiet:
        for w in rep.warnings:
            print(w)
    for e in rep.errors:
        print(e)
    print(f"{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
