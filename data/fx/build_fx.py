#!/usr/bin/env python3
"""Builds data/fx/annual-usd.tsv from the World Bank WDI series PA.NUS.FCRF (official exchange rate,
local currency units per US$, period average), CC BY 4.0. Usage:
    python3 data/fx/build_fx.py ../shared/data/fx/wdi-official-exchange-rate-lcu-per-usd.csv
The country → ISO 4217 map below is ours; one row per currency (the first country listed for it)."""
import csv, sys

COUNTRY_CURRENCY = [
    ("Euro area", "EUR"), ("Kosovo", "EUR"), ("Kazakhstan", "KZT"), ("Russian Federation", "RUB"), ("United Kingdom", "GBP"),
    ("Ukraine", "UAH"), ("Georgia", "GEL"), ("Azerbaijan", "AZN"), ("Kyrgyz Republic", "KGS"), ("Armenia", "AMD"),
    ("Uzbekistan", "UZS"), ("Tajikistan", "TJS"), ("Turkmenistan", "TMT"), ("Moldova", "MDL"), ("Romania", "RON"),
    ("Belarus", "BYN"), ("Poland", "PLN"), ("Czechia", "CZK"), ("Hungary", "HUF"), ("Serbia", "RSD"), ("Bulgaria", "BGN"),
    ("North Macedonia", "MKD"), ("Bosnia and Herzegovina", "BAM"), ("Albania", "ALL"), ("Turkiye", "TRY"), ("Turkey", "TRY"),
    ("China", "CNY"), ("Japan", "JPY"), ("Switzerland", "CHF"), ("India", "INR"), ("Pakistan", "PKR"), ("Nigeria", "NGN"),
    ("South Africa", "ZAR"), ("Mexico", "MXN"), ("Colombia", "COP"), ("Peru", "PEN"), ("Bolivia", "BOB"), ("Guatemala", "GTQ"),
    ("Zambia", "ZMW"), ("Mozambique", "MZN"), ("Brazil", "BRL"), ("Argentina", "ARS"), ("Canada", "CAD"), ("Australia", "AUD"),
    ("Norway", "NOK"), ("Sweden", "SEK"), ("Denmark", "DKK"), ("Korea, Rep.", "KRW"), ("Indonesia", "IDR"),
    ("Egypt, Arab Rep.", "EGP"), ("Mongolia", "MNT"), ("Afghanistan", "AFN"), ("Saudi Arabia", "SAR"),
    ("United Arab Emirates", "AED"), ("Israel", "ILS"), ("Iran, Islamic Rep.", "IRR"), ("Kenya", "KES"), ("Ghana", "GHS"),
]

def main(path):
    rows = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        years = [(i, h[:4]) for i, h in enumerate(header) if h[:4].isdigit()]
        for r in reader:
            if len(r) > 3:
                rows[r[2]] = r
    out = ["# Annual average exchange rates, local currency units per US dollar, by year and ISO 4217 code.",
           "# Derived by data/fx/build_fx.py from the World Bank WDI series PA.NUS.FCRF (CC BY 4.0): see SOURCE.md.",
           "# Columns: year<TAB>currency<TAB>units per USD. USD is 1 in every year."]
    seen = set()
    for year in [y for _, y in years]:
        out.append(f"{year}\tUSD\t1")
    for country, code in COUNTRY_CURRENCY:
        if code in seen or country not in rows:
            continue
        seen.add(code)
        for i, year in years:
            value = rows[country][i]
            if value and value != "..":
                out.append(f"{year}\t{code}\t{float(value):.6g}")
    open("data/fx/annual-usd.tsv", "w", encoding="utf-8").write("\n".join(out) + "\n")
    print(f"{len(seen)} currencies, {len(out) - 3} rows")

if __name__ == "__main__":
    main(sys.argv[1])
