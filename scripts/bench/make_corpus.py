#!/usr/bin/env python3
"""Generate a deterministic mixed French/English news-like corpus (JSONL) for benchmarks.

usage: make_corpus.py OUT.jsonl [--mb 10 | --docs N] [--seed 7] [--urls]

Sentences come from the project's own example articles and recognition fixtures; documents are random
mixes of them with other countries, capitals and dates substituted, so the dictionaries see varied input.
Half of the documents carry their language, half leave it to identification.
"""
import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sentences(lang):
    out = []
    for p in sorted((ROOT / "examples").glob("*.txt")):
        is_en = p.name.endswith(".en.txt")
        if (lang == "en") != is_en:
            continue
        for para in p.read_text(encoding="utf-8").split("\n"):
            out += [s.strip() for s in re.split(r"(?<=[.!?])\s+", para) if len(s.strip()) > 20]
    fixture = ROOT / "crates/vigie-core/tests/fixtures/recognize" / f"{lang}.txt"
    out += [l[1:].strip() for l in fixture.read_text(encoding="utf-8").splitlines() if l.startswith(">")]
    return out


SUBST = {
    "fr": [("la France", ["la Belgique", "le Sénégal", "l'Allemagne", "le Canada", "la Tunisie"]),
           ("le Mali", ["le Niger", "le Burkina Faso", "le Tchad", "la Guinée", "le Cameroun"]),
           ("Bamako", ["Niamey", "Ouagadougou", "N'Djamena", "Conakry", "Yaoundé"]),
           ("malienne", ["nigérienne", "tchadienne", "guinéenne", "camerounaise", "sénégalaise"]),
           ("maliens", ["nigériens", "tchadiens", "guinéens", "camerounais", "sénégalais"])],
    "en": [("France", ["Belgium", "Senegal", "Germany", "Canada", "Tunisia"]),
           ("Mali", ["Niger", "Burkina Faso", "Chad", "Guinea", "Cameroon"]),
           ("Bamako", ["Niamey", "Ouagadougou", "N'Djamena", "Conakry", "Yaounde"]),
           ("Malian", ["Nigerien", "Chadian", "Guinean", "Cameroonian", "Senegalese"])],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--docs", type=int, default=0, help="stop after this many documents instead")
    parser.add_argument("--urls", action="store_true", help="give every document a URL and an outlet")
    parser.add_argument("--seed", type=int, default=7)
    opts = parser.parse_args()
    mb = opts.mb
    rng = random.Random(opts.seed)
    args = [opts.out]
    pools = {lang: sentences(lang) for lang in ("fr", "en")}
    size = 0
    n = 0
    with open(args[0], "w", encoding="utf-8") as out:
        while (n < opts.docs) if opts.docs else (size < mb * 1024 * 1024):
            lang = "fr" if n % 2 == 0 else "en"
            picked = [rng.choice(pools[lang]) for _ in range(rng.randint(6, 16))]
            text = " ".join(picked)
            for old, news in SUBST[lang]:
                if rng.random() < 0.6:
                    text = text.replace(old, rng.choice(news))
            year = rng.randint(2012, 2025)
            doc = {"id": f"bench-{n}", "text": text, "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
            if n % 4 < 2:
                doc["lang"] = lang
            if opts.urls:
                doc["url"] = f"https://news.example.org/{year}/{n}"
                doc["outlet"] = ["Le Veilleur du Sahel", "The Meridian Wire", "Sahel Dispatch"][n % 3]
            line = json.dumps(doc, ensure_ascii=False)
            out.write(line + "\n")
            size += len(text.encode("utf-8"))
            n += 1
    print(f"{args[0]}: {n} documents, {size / 1024 / 1024:.1f} MB of text", file=sys.stderr)


if __name__ == "__main__":
    main()
