#!/usr/bin/env python3
"""Writes the spec files from the hand-written cases below plus a few templated families
(the same phrase shape with other currencies, qualifiers and units). Every sentence is written by
the Casefile authors with invented names, courts and sums. Run from anywhere; it rewrites ../*.json.
Hand edits go here, not into the JSON."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
P = "2023-05-02"

def M(text, value, unit, **kw):  return dict(text=text, kind="money", value=value, unit=unit, **kw)
def C(text, value, unit=None, **kw):
    d = dict(text=text, kind="count", value=value, **kw)
    if unit: d["unit"] = unit
    return d
def PC(text, value, **kw): return dict(text=text, kind="percent", value=value, unit="%", **kw)
def D(text, value, unit, iso=None, **kw):
    d = dict(text=text, kind="duration", value=value, unit=unit, **kw)
    if iso: d["iso"] = iso
    return d
def A(text, value): return dict(text=text, kind="age", value=value, unit="year")

q = []
def case(inp, *exp, note=None, published=None):
    c = {"input": inp, "expected": list(exp)}
    if note: c["note"] = note
    if published: c["published"] = published
    return c

# --- money, hand-written ---
q += [
 case("The court ordered the return of 10 billion tenge to the budget.", M("10 billion tenge", 1e10, "KZT")),
 case("Investigators traced 24 million US dollars to an account in Dunmore.", M("24 million US dollars", 2.4e7, "USD")),
 case("More than 8 billion tenge (about 16 million euros) was recovered.", M("More than 8 billion tenge", 8e9, "KZT", at_least=True), M("about 16 million euros", 1.6e7, "EUR", approximate=True), note="conversion in brackets"),
 case("Orbis Freight paid $3.5m in fees.", M("$3.5m", 3.5e6, "USD"), note="symbol and tight m"),
 case("The fund lost €20 million last year.", M("€20 million", 2e7, "EUR")),
 case("Bonds worth USD 1.2bn were issued.", M("USD 1.2bn", 1.2e9, "USD"), note="code before the number"),
 case("A bribe of 2 mln rubles was found in his car.", M("2 mln rubles", 2e6, "RUB")),
 case("The clerk was paid £400,000 over three years.", M("£400,000", 4e5, "GBP"), D("three years", 3, "year", "P3Y")),
 case("The ticket cost $ 12 at the gate.", M("$ 12", 12, "USD"), note="space after the symbol"),
 case("The contractor was paid 18 million naira and 850 million Colombian pesos.", M("18 million naira", 1.8e7, "NGN"), M("850 million Colombian pesos", 8.5e8, "COP")),
 case("The fine was 1.5 million Serbian dinars.", M("1.5 million Serbian dinars", 1.5e6, "RSD"), note="bare 'dinars' stays out: ambiguous"),
 case("Tarsk Holding raised US$5m from investors.", M("US$5m", 5e6, "USD")),
 case("The vase sold for ¥100 in Osaka.", M("¥100", 100, "JPY")),
 case("The ministry spent KZT 300 million on cars.", M("KZT 300 million", 3e8, "KZT")),
 case("A loan of 1.2bn USD was signed.", M("1.2bn USD", 1.2e9, "USD"), note="code after the number"),
 case("Each fine was 500 EUR.", M("500 EUR", 500, "EUR")),
 case("The firm received 500 thousand euros.", M("500 thousand euros", 5e5, "EUR")),
 case("He borrowed 1.5 million dollars from Meridian Bank.", M("1.5 million dollars", 1.5e6, "USD"), note="dollars alone means USD"),
 case("Fines of 5, 10 and 20 million euros were imposed.", M("5", 5e6, "EUR"), M("10", 1e7, "EUR"), M("20 million euros", 2e7, "EUR"), note="distributive list of money"),
 case("The deal was worth about 1.1 billion rubles ($14.6 million).", M("about 1.1 billion rubles", 1.1e9, "RUB", approximate=True), M("$14.6 million", 1.46e7, "USD")),
 case("Nearly 40 million roubles vanished.", M("Nearly 40 million roubles", 4e7, "RUB", approximate=True)),
 case("The grant was up to 2 million pounds.", M("up to 2 million pounds", 2e6, "GBP", at_most=True)),
 case("The bail was set at less than 900,000 tenge.", M("less than 900,000 tenge", 9e5, "KZT", at_most=True)),
 case("He earned at least 70,000 hryvnias a month.", M("at least 70,000 hryvnias", 7e4, "UAH", at_least=True)),
 case("The shop charged 200 som for bread.", M("200 som", 200, "KGS")),
 case("A contract worth 45 million yuan was cancelled.", M("45 million yuan", 4.5e7, "CNY")),
 case("The bank froze 3 billion Swiss francs.", M("3 billion Swiss francs", 3e9, "CHF")),
 case("Prosecutors seized ₸1,500,000 in cash.", M("₸1,500,000", 1.5e6, "KZT")),
 case("The auction raised €1.5bn.", M("€1.5bn", 1.5e9, "EUR")),
 case("Auditors found 750k dollars missing.", M("750k dollars", 7.5e5, "USD")),
 case("Over 2 trillion tenge left the country.", M("Over 2 trillion tenge", 2e12, "KZT", at_least=True)),
 case("Roughly $40 million was moved offshore.", M("Roughly $40 million", 4e7, "USD", approximate=True)),
]
# templated family: qualifier x currency
quals = [("", {}), ("about ", {"approximate": True}), ("more than ", {"at_least": True}), ("up to ", {"at_most": True})]
curr = [("tenge", "KZT"), ("euros", "EUR"), ("US dollars", "USD"), ("rubles", "RUB"), ("pounds", "GBP")]
amounts = [("12 million", 1.2e7), ("3.4 billion", 3.4e9), ("250,000", 2.5e5)]
k = 0
for qual, flags in quals:
    for word, code in curr:
        amount, value = amounts[k % len(amounts)]; k += 1
        phrase = f"{qual}{amount} {word}"
        q.append(case(f"Kestrel Trading transferred {phrase} to a shell company.", M(phrase, value, code, **flags), note="templated: qualifier x currency"))

# --- counts and percents ---
q += [
 case("Officials said 225 people were killed.", C("225", 225, "people")),
 case("Local media counted more than 4,500 detainees.", C("more than 4,500", 4500, "detainees", at_least=True)),
 case("Three deputies were involved in the case.", C("Three", 3, "deputies")),
 case("The court heard three former deputies.", C("three", 3, "deputies"), note="adjective skipped"),
 case("A dozen witnesses testified.", C("A dozen", 12, "witnesses")),
 case("Police detained 1,200 protesters.", C("1,200", 1200, "protesters")),
 case("Twenty-five officers were dismissed.", C("Twenty-five", 25, "officers")),
 case("Two of the defendants pleaded guilty.", C("Two", 2)),
 case("Turnout was 38% in Tarsk.", PC("38%", 38)),
 case("Prices rose 12 per cent in March.", PC("12 per cent", 12)),
 case("About 40 percent of voters stayed home.", PC("About 40 percent", 40, approximate=True)),
 case("The party won nearly 55% of seats.", PC("nearly 55%", 55, approximate=True)),
 case("Some 300 journalists signed the letter.", C("Some 300", 300, "journalists", approximate=True)),
 case("Fewer than 50 people attended.", C("Fewer than 50", 50, "people", at_most=True)),
 case("At least 17 people died in the fire.", C("At least 17", 17, "people", at_least=True)),
 case("Almost 2,000 homes lost power.", C("Almost 2,000", 2000, "homes", approximate=True)),
 case("The agency employs 2000 inspectors.", C("2000", 2000, "inspectors"), note="year-like number with a plural noun is a count"),
 case("Seven soldiers and 14 civilians were wounded.", C("Seven", 7, "soldiers"), C("14", 14, "civilians")),
 case("One person was injured.", C("One", 1, "person"), note="one + person noun"),
 case("One of them was released.", note="one alone is not a count"),
 case("Dozens of people gathered outside.", note="dozens of is not a number"),
 case("Hundreds of documents were burned.", note="hundreds of is not a number"),
 case("He was the third defendant to speak.", note="ordinal word"),
 case("She finished 3rd in the vote.", note="ordinal digits"),
 case("The 21st session opened.", note="ordinal digits"),
]
# --- durations ---
q += [
 case("The three bankers got 16, 15 and 3 years in prison.", C("three", 3, "bankers"), D("16", 16, "year", "P16Y"), D("15", 15, "year", "P15Y"), D("3 years", 3, "year", "P3Y"), note="distributive list"),
 case("The judge handed down 12, 9 and 4 years respectively.", D("12", 12, "year", "P12Y"), D("9", 9, "year", "P9Y"), D("4 years", 4, "year", "P4Y")),
 case("He received six months of probation.", D("six months", 6, "month", "P6M")),
 case("She served 16 years in a colony.", D("16 years", 16, "year", "P16Y")),
 case("The prosecutor asked for a 16-year sentence.", D("16-year", 16, "year", "P16Y")),
 case("He began a three-year term in 2020.", D("three-year", 3, "year", "P3Y")),
 case("The former minister got life imprisonment.", D("life imprisonment", None, "life")),
 case("A life sentence was handed to the organiser.", D("life sentence", None, "life")),
 case("He faces life in prison.", D("life in prison", None, "life")),
 case("The charge carries up to 10 years.", D("up to 10 years", 10, "year", "P10Y", at_most=True)),
 case("He was held for two weeks.", D("two weeks", 2, "week", "P2W")),
 case("The strike lasted ten days.", D("ten days", 10, "day", "P10D")),
 case("Talks went on for 5 hours.", D("5 hours", 5, "hour", "PT5H")),
 case("The probe took almost two decades.", D("almost two decades", 2, "decade", "P20Y", approximate=True)),
 case("He spent 18 months in pre-trial detention.", D("18 months", 18, "month", "P18M")),
 case("Each got between 5 and 7 years.", D("5", 5, "year", "P5Y"), D("7 years", 7, "year", "P7Y")),
]
# --- number words in lists: "and" joins only after hundred or a scale word ---
q += [
 case("The clerks received eight, six and two years respectively.", D("eight", 8, "year", "P8Y"), D("six", 6, "year", "P6Y"), D("two years", 2, "year", "P2Y"), note="distributive list of number words"),
 case("One hundred and two villagers signed the letter.", C("One hundred and two", 102, "villagers")),
 case("He was jailed for seven and a half years.", D("seven and a half years", 7.5, "year", "P7.5Y"), note="and a half"),
 case("Two and a half million people voted.", C("Two and a half million", 2.5e6, "people")),
]
# --- ages ---
q += [
 case("The banker, aged 57, denied the charges.", A("aged 57", 57)),
 case("He will be released at 76 years old.", A("76 years old", 76)),
 case("A 57-year-old driver was detained.", A("57-year-old", 57)),
 case("She retired at the age of 76.", A("age of 76", 76)),
 case("Ivan Petrov, 57, said he was innocent.", A("57", 57)),
 case("The deputy, who is 48 years old, resigned.", A("48 years old", 48)),
 case("Dana Ormanova, 34, and Erik Sadvakas, 41, were charged.", A("34", 34), A("41", 41)),
 case("A 43-year-old pilot was in command.", A("43-year-old", 43)),
]
# --- false-positive guards ---
q += [
 case("The riots began in 2022.", note="year"),
 case("He has lived in Tarsk since 1998.", note="year"),
 case("The verdict was read on April 24.", note="day of a date"),
 case("The decree is dated 24.04.2023.", note="numeric date"),
 case("The decree is dated 2023-04-24.", note="ISO date"),
 case("The hearing resumed at 10:30 on Friday.", note="time of day"),
 case("The plane landed at 5 p.m. local time.", note="time of day"),
 case("An SU-95 jet rolled off the runway.", note="aircraft code"),
 case("The RX-7700 engine failed twice.", note="model code"),
 case("The A320 was grounded.", note="aircraft code"),
 case("A Boeing 737 was diverted to Tarsk.", note="model number after a name"),
 case("The case is registered as No. 4471.", note="registration number"),
 case("Case number 2-345/2023 was closed.", note="case number"),
 case("Order № 12 was signed by the mayor.", note="numero sign"),
 case("He was charged under Article 362.", note="legal reference number"),
 case("The clause is in part 4 of the decree.", note="legal part number"),
 case("See section 5(2) of the Act.", note="section with bracket"),
 case("They were charged under Articles 175 and 179.", note="legal list"),
 case("Flight 370 never arrived.", note="flight number"),
 case("The meeting on 14 March ended early.", note="day-first date"),
 case("From 2016 to 2019 he ran the agency.", note="years in a period"),
 case("Room 12 of Gate 4 was closed.", note="names with numbers"),
 case("The 1990s were hard for Tarsk.", note="decade"),
 case("It happened on the 5th of May.", note="ordinal date"),
 case("He said the report was one-sided.", note="one inside a word"),
]
# --- more mixed cases ---
q += [
 case("On April 24, 16 people were detained.", C("16", 16, "people"), note="day of date then a count"),
 case("In 2019, 15 officials resigned.", C("15", 15, "officials")),
 case("The fine rose from 5 million to 7 million tenge.", M("5 million", 5e6, "KZT"), M("7 million tenge", 7e6, "KZT"), note="range shares the currency"),
 case("Costs were 30% higher and 2 billion tenge over budget.", PC("30%", 30), M("2 billion tenge", 2e9, "KZT")),
 case("The 61-year-old ex-minister got 9 years.", A("61-year-old", 61), D("9 years", 9, "year", "P9Y")),
 case("A 12-month ban and 3,000 euros were imposed.", D("12-month", 12, "month", "P12M"), M("3,000 euros", 3000, "EUR")),
 case("Some 4.5 million dollars went missing.", M("Some 4.5 million dollars", 4.5e6, "USD", approximate=True)),
 case("The company has 350 employees and 12 branches.", C("350", 350, "employees"), C("12", 12, "branches")),
 case("Around 60 per cent of the funds were returned.", PC("Around 60 per cent", 60, approximate=True)),
 case("Police fined 48 drivers €150 each.", C("48", 48, "drivers"), M("€150", 150, "EUR")),
 case("He served eight years of a 12-year term.", D("eight years", 8, "year", "P8Y"), D("12-year", 12, "year", "P12Y")),
 case("The company, Orbis, 2 years ago moved.", D("2 years", 2, "year", "P2Y"), note="duration inside 'ago'"),
 case("Over 90% of the 1,500 ballots were valid.", PC("Over 90%", 90, at_least=True), C("1,500", 1500, "ballots")),
 case("The minister, 63, and his aide, 29, resigned.", A("63", 63), A("29", 29)),
 case("It cost 3.5 billion tenge, or $7.8 million.", M("3.5 billion tenge", 3.5e9, "KZT"), M("$7.8 million", 7.8e6, "USD")),
]

# ---------------- times ----------------
def T(text, value, gran, **kw):
    d = dict(text=text, value=value, granularity=gran); d.update(kw); return d
t = [
 case("On April 24, the verdict was announced.", T("April 24", "2023-04-24", "day", anchor="published"), published=P),
 case("The verdict came on April 24, 2023.", T("April 24, 2023", "2023-04-24", "day"), published=P),
 case("The verdict came on 24 April 2023.", T("24 April 2023", "2023-04-24", "day"), published=P),
 case("The decree is dated 24.04.2023.", T("24.04.2023", "2023-04-24", "day")),
 case("The decree is dated 2023-04-24.", T("2023-04-24", "2023-04-24", "day")),
 case("The decree is dated 24/04/2023.", T("24/04/2023", "2023-04-24", "day"), note="day first"),
 case("He was detained in January 2022.", T("January 2022", "2022-01", "month")),
 case("The riots began in 2022.", T("2022", "2022", "year")),
 case("He headed the agency from September 2016 to January 2022.", T("from September 2016 to January 2022", "2016-09/2022-01", "period")),
 case("She was mayor between 2016 and 2019.", T("between 2016 and 2019", "2016/2019", "period")),
 case("He was mayor 2016–2019.", T("2016–2019", "2016/2019", "period")),
 case("The hearing is on December 20.", T("December 20", "2023-12-20", "day", anchor="published"), published="2024-01-10", note="closest year is the previous one"),
 case("The report was due on January 15.", T("January 15", "2023-01-15", "day", anchor="published"), published="2022-12-30", note="closest year is the next one"),
 case("He was detained last year.", T("last year", "2022", "year", anchor="published"), published=P),
 case("He was arrested in May last year.", T("May last year", "2022-05", "month", anchor="published"), published=P, note="month with a deictic year"),
 case("The audit began in January of this year.", T("January of this year", "2023-01", "month", anchor="published"), published=P),
 case("The law takes effect this year.", T("this year", "2023", "year", anchor="published"), published=P),
 case("Elections are due next year.", T("next year", "2024", "year", anchor="published"), published=P),
 case("She was placed under house arrest at the beginning of last year.", T("the beginning of last year", "2022", "year", anchor="published", mod="start"), published=P),
 case("The fund was closed in early 2021.", T("early 2021", "2021", "year", mod="start"), published=P),
 case("The trial opened in late March.", T("late March", "2023-03", "month", anchor="published", mod="end"), published=P),
 case("Talks stalled in mid-January.", T("mid-January", "2023-01", "month", anchor="published", mod="mid"), published=P),
 case("The firm collapsed at the end of 2020.", T("the end of 2020", "2020", "year", mod="end"), published=P),
 case("He resigned last January.", T("last January", "2023-01", "month", anchor="published"), published=P),
 case("He resigned last January.", T("last January", "2022-01", "month", anchor="published"), published="2023-01-20", note="strictly before the publication month"),
 case("Shops were looted on the night of January 5.", T("the night of January 5", "2023-01-05", "day", anchor="published", mod="night"), published=P),
 case("The court met on Monday.", T("Monday", "2023-05-01", "day", anchor="published"), published=P, note="latest Monday on or before"),
 case("The court met on Tuesday.", T("Tuesday", "2023-05-02", "day", anchor="published"), published=P, note="the publication day itself"),
 case("The court met on Friday.", T("Friday", "2023-04-28", "day", anchor="published"), published=P),
 case("He was released yesterday.", T("yesterday", "2023-05-01", "day", anchor="published"), published=P),
 case("The ruling is expected today.", T("today", "2023-05-02", "day", anchor="published"), published=P),
 case("He left the party two years ago.", T("two years ago", "2021", "year", anchor="published"), published=P),
 case("The raid took place three days ago.", T("three days ago", "2023-04-29", "day", anchor="published"), published=P),
 case("Prices rose last month.", T("last month", "2023-04", "month", anchor="published"), published=P),
 case("The plant was built in the 1990s.", T("the 1990s", "199", "decade")),
 case("In March 2021 the court met, and on April 2 it ruled.", T("March 2021", "2021-03", "month"), T("April 2", "2021-04-02", "day", anchor="context"), published=P, note="year from context"),
 case("In January 2022 riots began; on the night of January 5 shops burned.", T("January 2022", "2022-01", "month"), T("the night of January 5", "2022-01-05", "day", anchor="context", mod="night"), published=P),
 case("In March 2021 the court met.\n\nOn April 2 it ruled.", T("March 2021", "2021-03", "month"), T("April 2", "2023-04-02", "day", anchor="published"), published=P, note="context does not cross paragraphs"),
 case("Riots began in January 2022.\n\nBy January 6 the army was deployed, and in mid-January talks began.", T("January 2022", "2022-01", "month"), T("January 6", "2022-01-06", "day", anchor="context"), T("mid-January", "2022-01", "month", anchor="context", mod="mid"), published=P, note="same month stated with a year earlier in the document"),
 case("Riots began in January 2022.\n\nBy March 6 the army had left.", T("January 2022", "2022-01", "month"), T("March 6", "2023-03-06", "day", anchor="published"), published=P, note="another month in another paragraph takes the publication year"),
 case("He ran it from June 2015 to May 2019.\n\nAn appeal is unlikely before June.", T("from June 2015 to May 2019", "2015-06/2019-05", "period"), T("June", "2023-06", "month", anchor="published"), published=P, note="period ends do not lend their year to other paragraphs"),
 case("The verdict was read on April 24.", T("April 24", "XXXX-04-24", "day"), note="no publication date"),
 case("He was detained last year.", T("last year", None, "year"), note="no publication date"),
 case("The session ended in May 2019.", T("May 2019", "2019-05", "month")),
 case("Protests started in March.", T("March", "2023-03", "month", anchor="published"), published=P, note="cue word before an ambiguous month"),
 case("She may appeal.", published=P),
 case("Protesters march on the square.", published=P),
 case("May I ask a question?", published=P, note="modal May"),
 case("He was held for three years.", published=P),
 case("The banker, aged 57, was held.", published=P),
 case("An SU-95 jet crashed.", published=P),
 case("The hearing resumed at 10:30.", published=P),
 case("The bribe was 2,000 tenge.", published=P),
 case("The agency employs 2000 inspectors.", published=P, note="a count, not a year"),
 case("He was charged under Article 2019.", published=P, note="article number"),
 case("The verdict came on Sept. 12, 2022.", T("Sept. 12, 2022", "2022-09-12", "day"), note="abbreviated month"),
 case("The verdict came on September 12th.", T("September 12th", "2022-09-12", "day", anchor="published"), published="2022-10-01"),
 case("It was signed on the 5th of May 2020.", T("5th of May 2020", "2020-05-05", "day")),
 case("From June to December 2016 he was abroad.", T("From June to December 2016", "2016-06/2016-12", "period")),
 case("Monday, April 24, was the day of the verdict.", T("Monday, April 24", "2023-04-24", "day", anchor="published"), published=P),
 case("He fled in mid-2021.", T("mid-2021", "2021", "year", mod="mid")),
 case("It will open next January.", T("next January", "2024-01", "month", anchor="published"), published=P),
 case("The law dates from 1998 and was amended in 2004.", T("1998", "1998", "year"), T("2004", "2004", "year")),
 case("In the summer of 2019 and again in October 2020 the mine flooded.", T("2019", "2019", "year"), T("October 2020", "2020-10", "month")),
 case("On 3 February 2022 he was arrested.", T("3 February 2022", "2022-02-03", "day")),
 case("The period from 2010 until 2015 was calm.", T("from 2010 until 2015", "2010/2015", "period")),
 case("The middle of 2018 saw new charges.", T("The middle of 2018", "2018", "year", mod="mid")),
 case("The start of 2024 was quiet.", T("The start of 2024", "2024", "year", mod="start")),
 # --- more published dates, formats and anchors ---
 case("The appeal was heard on 2 March 2021.", T("2 March 2021", "2021-03-02", "day"), published="2024-01-10", note="absolute day: no anchor even with a publication date"),
 case("March 2, 2021, was the day the contract was signed in Tarsk.", T("March 2, 2021", "2021-03-02", "day"), published="2022-12-30", note="at sentence start; the comma after the year is not in the span"),
 case("The order is dated 05.11.2019.", T("05.11.2019", "2019-11-05", "day"), published="2024-01-10", note="dotted dates are day first"),
 case("The registry entry reads 2021-12-31.", T("2021-12-31", "2021-12-31", "day"), published="2022-12-30"),
 case("The lease was signed in Jan. 2020.", T("Jan. 2020", "2020-01", "month"), note="abbreviated month with a year"),
 case("The hearing was set for 7 December.", T("7 December", "2023-12-07", "day", anchor="published"), published="2024-01-10", note="day-first without a year: last December is closest"),
 case("The court will sit again on February 3.", T("February 3", "2023-02-03", "day", anchor="published"), published="2022-12-30", note="closest is in the next year"),
 case("The bank was raided on November 1.", T("November 1", "2022-11-01", "day", anchor="published"), published="2023-05-02", note="182 days back beats 183 days ahead"),
 case("The plant reopened in October.", T("October", "2023-10", "month", anchor="published"), published="2024-01-10", note="month without a year, closest is last October"),
 case("Budget talks resume in February.", T("February", "2023-02", "month", anchor="published"), published="2022-12-30", note="month without a year, closest is next February"),
 case("He has lived abroad since 2015.", T("2015", "2015", "year"), published="2024-01-10", note="the preposition is not in the span"),
 # --- deictic years, months and days ---
 case("Exports fell last year.", T("last year", "2023", "year", anchor="published"), published="2024-01-10", note="published in January: last year is the previous calendar year"),
 case("The merger closes this year.", T("this year", "2022", "year", anchor="published"), published="2022-12-30"),
 case("A new code is due next year.", T("next year", "2023", "year", anchor="published"), published="2022-12-30", note="published on 30 December"),
 case("The audit began at the start of this year.", T("the start of this year", "2024", "year", anchor="published", mod="start"), published="2024-01-10"),
 case("The mine was sold by the end of last year.", T("the end of last year", "2023", "year", anchor="published", mod="end"), published="2024-01-10"),
 case("A ruling is expected in early March.", T("early March", "2024-03", "month", anchor="published", mod="start"), published="2024-01-10", note="closest March is ahead"),
 case("The fund was wound up in late 2019.", T("late 2019", "2019", "year", mod="end"), published="2024-01-10"),
 case("Prices peaked in the middle of March.", T("the middle of March", "2023-03", "month", anchor="published", mod="mid"), published="2023-05-02"),
 case("He quit last January.", T("last January", "2023-01", "month", anchor="published"), published="2024-01-10", note="published in January: the January before, not this one"),
 case("The firm filed for bankruptcy last December.", T("last December", "2021-12", "month", anchor="published"), published="2022-12-30", note="strictly before the publication month"),
 case("Talks collapsed last March.", T("last March", "2023-03", "month", anchor="published"), published="2024-01-10"),
 case("The verdict came on Thursday.", T("Thursday", "2024-01-04", "day", anchor="published"), published="2024-01-10"),
 case("The verdict came on Wednesday.", T("Wednesday", "2024-01-10", "day", anchor="published"), published="2024-01-10", note="the publication day itself"),
 case("Police searched his office on Sunday.", T("Sunday", "2024-01-07", "day", anchor="published"), published="2024-01-10"),
 case("The board met on Saturday.", T("Saturday", "2022-12-24", "day", anchor="published"), published="2022-12-30"),
 case("The deal was announced on Friday.", T("Friday", "2023-12-29", "day", anchor="published"), published="2024-01-02", note="weekday in the previous year"),
 case("The judge retired yesterday.", T("yesterday", "2023-02-28", "day", anchor="published"), published="2023-03-01", note="month boundary, not a leap year"),
 case("The judge retired yesterday.", T("yesterday", "2024-02-29", "day", anchor="published"), published="2024-03-01", note="leap day"),
 case("The list was published today.", T("today", "2022-12-30", "day", anchor="published"), published="2022-12-30"),
 case("The raid took place three days ago.", T("three days ago", "2023-12-30", "day", anchor="published"), published="2024-01-02", note="crosses the year boundary"),
 case("Fuel prices rose last month.", T("last month", "2023-12", "month", anchor="published"), published="2024-01-10", note="crosses the year boundary"),
 case("He left the party two years ago.", T("two years ago", "2022", "year", anchor="published"), published="2024-01-10"),
 case("The company was founded five years ago.", T("five years ago", "2017", "year", anchor="published"), published="2022-12-30"),
 case("The scheme was uncovered six months ago.", T("six months ago", "2023-07", "month", anchor="published"), published="2024-01-10", note="by analogy with 'two years ago': month granularity"),
 case("The night of 16 January was calm.", T("The night of 16 January", "2024-01-16", "day", anchor="published", mod="night"), published="2024-01-10", note="day first; capitalised 'The' at sentence start is in the span"),
 # --- decades and periods ---
 case("The bank grew fast in the 2000s.", T("the 2000s", "200", "decade"), published="2024-01-10"),
 case("Such cases were rare in the 1980s.", T("the 1980s", "198", "decade")),
 case("He chaired the board from 2008 to 2012.", T("from 2008 to 2012", "2008/2012", "period"), published="2022-12-30"),
 case("Kestrel Trading ran the port 2010–2014, then sold it.", T("2010–2014", "2010/2014", "period"), published="2024-01-10", note="en dash range"),
 case("He was held from 12 May 2020 to 3 June 2021.", T("from 12 May 2020 to 3 June 2021", "2020-05-12/2021-06-03", "period"), published="2023-05-02", note="period of two days"),
 case("The site was closed between March and June 2020.", T("between March and June 2020", "2020-03/2020-06", "period"), published="2024-01-10", note="the first end borrows the year of the second"),
 case("He was arrested on 12 May 2021 and released last month.", T("12 May 2021", "2021-05-12", "day"), T("last month", "2023-04", "month", anchor="published"), published="2023-05-02", note="an absolute date does not anchor a deictic one"),
 # --- context anchoring ---
 case("On 14 June 2019 he was arrested; on June 20 he was charged.", T("14 June 2019", "2019-06-14", "day"), T("June 20", "2019-06-20", "day", anchor="context"), published="2023-05-02"),
 case("The raid took place on 3 October 2022. On October 5 the director fled.", T("3 October 2022", "2022-10-03", "day"), T("October 5", "2022-10-05", "day", anchor="context"), published="2024-01-10", note="context beats the closest year (2023) within one paragraph, across sentences"),
 # --- unresolved without a publication date ---
 case("He resigned on 5 June.", T("5 June", "XXXX-06-05", "day"), note="no publication date"),
 case("The review ended in October.", T("October", "XXXX-10", "month"), note="no publication date"),
 case("Talks stalled in mid-January.", T("mid-January", "XXXX-01", "month", mod="mid"), note="no publication date; the mod is kept"),
 case("The director resigned yesterday.", T("yesterday", None, "day"), note="no publication date: deictic, value null"),
 case("The court met on Monday.", T("Monday", None, "day"), note="no publication date: a weekday is deictic, value null"),
 case("Prices rose two years ago.", T("two years ago", None, "year"), note="no publication date"),
 # --- false-positive guards ---
 case("The agreement runs for six months.", published="2024-01-10", note="duration"),
 case("He was sentenced to 2 years.", published="2022-12-30", note="duration"),
 case("A 45-year-old clerk was detained.", published="2024-01-10", note="age"),
 case("The meeting started at 9:45.", published="2024-01-10", note="time of day"),
 case("Flight KC-2019 landed in Tarsk.", published="2022-12-30", note="year-like number inside a code"),
 case("He paid 1,990 euros in fines.", published="2023-05-02", note="money with a year-like amount"),
 case("The court may postpone the hearing.", published="2024-01-10", note="modal may mid-sentence"),
 case("Troops will march through Tarsk.", published="2024-01-10", note="march as a verb"),
]

# ---------------- legal refs ----------------
def L(text, article, unit="article", **kw):
    d = dict(text=text, unit=unit, article=article); d.update(kw); return d
l = [
 case("He was charged under Part 1 of Article 175.", L("Part 1 of Article 175", "175", part="1")),
 case("He was convicted under paragraph 2 of part 5 of Article 307 of the Criminal Code of the Republic of Uzbekistan.", L("paragraph 2 of part 5 of Article 307 of the Criminal Code of the Republic of Uzbekistan", "307", part="5", paragraph="2", code="Criminal Code", jurisdiction="UZ")),
 case("The charge is under Article 211 of the Criminal Code of the Republic of Kazakhstan, the court said.", L("Article 211 of the Criminal Code of the Republic of Kazakhstan", "211", code="Criminal Code", jurisdiction="KZ")),
 case("The charge falls under Art. 175(1).", L("Art. 175(1)", "175", part="1")),
 case("The charge falls under Article 175, part 1.", L("Article 175, part 1", "175", part="1")),
 case("They were charged under Articles 175 and 179 of the Criminal Code.", L("Articles 175", "175", code="Criminal Code"), L("179", "179", code="Criminal Code")),
 case("This is barred by Section 2 of the Act.", L("Section 2 of the Act", "2", unit="section", code="Act")),
 case("He was charged under section 5(2)(a) of the Fraud Act 2006.", L("section 5(2)(a) of the Fraud Act 2006", "5", unit="section", part="2", paragraph="a", code="Fraud Act 2006")),
 case("He is accused under Article 159 of the Russian Criminal Code.", L("Article 159 of the Russian Criminal Code", "159", code="Criminal Code", jurisdiction="RU")),
 case("The charge is Article 361-1.", L("Article 361-1", "361-1")),
 case("The charge is Article 175.1 of the Tax Code.", L("Article 175.1 of the Tax Code", "175.1", code="Tax Code")),
 case('He was charged under Article 189 ("Misappropriation or embezzlement").', L('Article 189 ("Misappropriation or embezzlement")', "189", title="Misappropriation or embezzlement")),
 case("He was charged under Article 190 «Fraud».", L("Article 190 «Fraud»", "190", title="Fraud")),
 case("He was charged under Article 190 “Fraud” in May.", L("Article 190 “Fraud”", "190", title="Fraud")),
 case("The fine was imposed under Article 434 of the Code of Administrative Offences.", L("Article 434 of the Code of Administrative Offences", "434", code="Code of Administrative Offences")),
 case("Article 41 of the Constitution guarantees it.", L("Article 41 of the Constitution", "41", code="Constitution")),
 case("The court cited Article 362 of the Criminal Code (Exceeding power).", L("Article 362 of the Criminal Code (Exceeding power)", "362", code="Criminal Code", title="Exceeding power")),
 case("He was charged under Article 366 of the Criminal Code of Kazakhstan.", L("Article 366 of the Criminal Code of Kazakhstan", "366", code="Criminal Code", jurisdiction="KZ")),
 case("Under article 20 of the Civil Code the deal is void.", L("article 20 of the Civil Code", "20", code="Civil Code")),
 case("He appealed under Article 425 of the Criminal Procedure Code.", L("Article 425 of the Criminal Procedure Code", "425", code="Criminal Procedure Code")),
 case("Charges under Articles 175, 176 and 179 were dropped.", L("Articles 175", "175"), L("176", "176"), L("179", "179")),
 case("Clause 7 of the contract was breached.", L("Clause 7", "7", unit="clause")),
 case("Chapter 11 of the Code covers bribes.", L("Chapter 11 of the Code", "11", unit="chapter", code="Code")),
 case("Art. 366(2) and Art. 190 apply.", L("Art. 366(2)", "366", part="2"), L("Art. 190", "190")),
 case("He cited Article 5 of the Kazakh Labour Code.", L("Article 5 of the Kazakh Labour Code", "5", code="Labour Code", jurisdiction="KZ")),
 case("Part 2 of Article 28 of the Criminal Code of the Russian Federation applies.", L("Part 2 of Article 28 of the Criminal Code of the Russian Federation", "28", part="2", code="Criminal Code", jurisdiction="RU")),
 case("Under Section 172 of the Companies Act 2006 directors owe duties.", L("Section 172 of the Companies Act 2006", "172", unit="section", code="Companies Act 2006")),
 case("Paragraph 2 of part 3 of Article 189 was applied.", L("Paragraph 2 of part 3 of Article 189", "189", part="3", paragraph="2")),
 case("Article 3 applies to all staff.", L("Article 3", "3")),
 case("Rule 14 of the court rules was ignored.", L("Rule 14", "14", unit="rule")),
 case("Article 218 of the Criminal Code (\"Money laundering\") was added.", L('Article 218 of the Criminal Code ("Money laundering")', "218", code="Criminal Code", title="Money laundering")),
 case("It breaches Article 41 of the Constitution and Article 163 of the Budget Code.", L("Article 41 of the Constitution", "41", code="Constitution"), L("Article 163 of the Budget Code", "163", code="Budget Code"), note="'and Article' does not extend the code name"),
 case("The article says the minister lied."),
 case("Part of the money was returned."),
 case("A section of the road was closed."),
 case("The article was published in 2022."),
 case("He read the whole article twice."),
 case("Parts 1 and 2 were delayed."),
 case("This part of the city is old."),
 case("The chapter ends with a question."),
 case("The Article was removed from the website."),
 case("He owns 3 parts of the firm."),
 case("She was convicted under paragraph 1 of part 2 of Article 249 of the Criminal Code of the Republic of Kazakhstan.", L("paragraph 1 of part 2 of Article 249 of the Criminal Code of the Republic of Kazakhstan", "249", part="2", paragraph="1", code="Criminal Code", jurisdiction="KZ"), note="full KZ chain: paragraph, part, article, code, country"),
 case("Part 3 of Article 190 of the Criminal Code of the Republic of Kazakhstan was applied.", L("Part 3 of Article 190 of the Criminal Code of the Republic of Kazakhstan", "190", part="3", code="Criminal Code", jurisdiction="KZ")),
 case("He was fined under Art. 145 of the Code of Administrative Offences.", L("Art. 145 of the Code of Administrative Offences", "145", code="Code of Administrative Offences")),
 case("Lawyers cited Article 24 of the Constitution of Kazakhstan.", L("Article 24 of the Constitution of Kazakhstan", "24", code="Constitution", jurisdiction="KZ"), note="the country is named after the code"),
 case("The case was opened under Article 366-2 of the Criminal Code.", L("Article 366-2 of the Criminal Code", "366-2", code="Criminal Code"), note="hyphenated article number kept as written"),
 case("The section was closed to traffic.", note="section without a number"),
 case("Articles in the press claimed he had fled.", note="news articles, no number"),
]

# ---------------- sentences ----------------
s = [
 case("Mr. Berikov arrived. He left.", "Mr. Berikov arrived.", "He left."),
 case("Mrs. Oralova and Dr. Sam Tey spoke. The court listened.", "Mrs. Oralova and Dr. Sam Tey spoke.", "The court listened."),
 case("Prof. Alan Mirr testified. Gen. Ustin denied it.", "Prof. Alan Mirr testified.", "Gen. Ustin denied it."),
 case("He was charged under Art. 175 of the code. He denies it.", "He was charged under Art. 175 of the code.", "He denies it."),
 case("Order No. 5 was signed. It took effect.", "Order No. 5 was signed.", "It took effect."),
 case("The U.S. Treasury froze the funds. Officials declined to comment.", "The U.S. Treasury froze the funds.", "Officials declined to comment."),
 case("The company is based in the U.S. The founder lives in Tarsk.", "The company is based in the U.S.", "The founder lives in Tarsk."),
 case("Some fees, e.g. legal ones, were hidden. Others were not.", "Some fees, e.g. legal ones, were hidden.", "Others were not."),
 case("The firm, i.e. Orbis, paid. It was late.", "The firm, i.e. Orbis, paid.", "It was late."),
 case("On Jan. 5 the riots began. Police arrived.", "On Jan. 5 the riots began.", "Police arrived."),
 case("Orbis Inc. paid the fine. It appealed.", "Orbis Inc. paid the fine.", "It appealed."),
 case("He worked for Meridian Ltd. for ten years.", "He worked for Meridian Ltd. for ten years."),
 case("K. Berikov was detained. A. Berrikov was not.", "K. Berikov was detained.", "A. Berrikov was not."),
 case("J. R. Tolkov signed the deal. He later denied it.", "J. R. Tolkov signed the deal.", "He later denied it."),
 case("Growth was 3.5 percent. Inflation was 12.1 percent.", "Growth was 3.5 percent.", "Inflation was 12.1 percent."),
 case("The fund held 4,500,000 tenge. It was frozen.", "The fund held 4,500,000 tenge.", "It was frozen."),
 case("“He left.” She said nothing more.", "“He left.”", "She said nothing more."),
 case("\"We will appeal.\" The lawyer walked out.", "\"We will appeal.\"", "The lawyer walked out."),
 case("He called it «a farce.» Nobody laughed.", "He called it «a farce.»", "Nobody laughed."),
 case("The fine was paid (see Art. 5.) The case closed.", "The fine was paid (see Art. 5.)", "The case closed."),
 case("The sum (about 3.5 million euros. or so) was returned. He agreed.", "The sum (about 3.5 million euros. or so) was returned.", "He agreed."),
 case("He paused... then left.", "He paused... then left."),
 case("He paused... Then he left.", "He paused...", "Then he left."),
 case("Was it a coup? The court said yes!", "Was it a coup?", "The court said yes!"),
 case("Why now? Nobody knows.", "Why now?", "Nobody knows."),
 case("\"Why?\" he asked.", "\"Why?\" he asked."),
 case("A verdict at last\n\nThe court ruled on Monday.", "A verdict at last", "The court ruled on Monday."),
 case("The court ruled\non Monday that he was guilty.", "The court ruled\non Monday that he was guilty.", note="hard-wrapped line"),
 case("He was born in the U.S.", "He was born in the U.S."),
 case("Is this true?! Nobody can say.", "Is this true?!", "Nobody can say."),
 case("The mayor (who resigned. Or was fired?) spoke.", "The mayor (who resigned. Or was fired?) spoke."),
 case("Sen. Adler voted no. Rep. Kyle voted yes.", "Sen. Adler voted no.", "Rep. Kyle voted yes."),
 case("It happened at 5 p.m. on Friday.", "It happened at 5 p.m. on Friday."),
 case("First line.\n\n\nSecond paragraph here.", "First line.", "Second paragraph here."),
 case("The total was $3.5m. Nobody objected.", "The total was $3.5m.", "Nobody objected."),
 case("He cited Arts. 175 and 179. The judge agreed.", "He cited Arts. 175 and 179.", "The judge agreed."),
 case("St. Petersburg was mentioned. So was Tarsk.", "St. Petersburg was mentioned.", "So was Tarsk."),
 case("The vote was 7 vs. 5. It passed.", "The vote was 7 vs. 5.", "It passed."),
 case("He said: “Stop.” Then silence.", "He said: “Stop.”", "Then silence."),
 case("Capt. Remi Lask flew the A320. He landed safely.", "Capt. Remi Lask flew the A320.", "He landed safely."),
 case("No. The answer was no.", "No.", "The answer was no.", note="No as a word"),
 case("Lt. Col. Sarn resigned. Maj. Tov stayed.", "Lt. Col. Sarn resigned.", "Maj. Tov stayed."),
 case("The report (pp. 4-9) lists bribes. It is long.", "The report (pp. 4-9) lists bribes.", "It is long."),
 case("He won 55 percent. 40 percent went to Orm.", "He won 55 percent.", "40 percent went to Orm."),
 case("They met in Tarsk. [Editor's note: the date is disputed.] The talks failed.", "They met in Tarsk.", "[Editor's note: the date is disputed.]", "The talks failed."),
 case("The firm moved to the U.S. in 2019. It grew fast.", "The firm moved to the U.S. in 2019.", "It grew fast.", note="abbreviation mid-sentence before a lowercase word"),
 case("The fine was 1,250.50 euros. He paid it.", "The fine was 1,250.50 euros.", "He paid it.", note="thousands separator and decimals in one number"),
 case("Verdict in Tarsk\n\nThe court ruled. Both men appealed.", "Verdict in Tarsk", "The court ruled.", "Both men appealed.", note="headline, blank line, two sentences"),
 case("“Is that legal?” the judge asked. Nobody replied.", "“Is that legal?” the judge asked.", "Nobody replied.", note="question mark inside quotes followed by lowercase"),
 case("Gen. Ustin resigned... Officials were stunned.", "Gen. Ustin resigned...", "Officials were stunned.", note="ellipsis at the end, capitalised new sentence"),
 case("The tender (No. 12) failed. A new one opened.", "The tender (No. 12) failed.", "A new one opened."),
 case("Orbis Ltd. and Kestrel Inc. merged. Shares fell.", "Orbis Ltd. and Kestrel Inc. merged.", "Shares fell."),
 case("The judge, Dr. M. K. Orlan, left.\nThe hearing\nwas adjourned.", "The judge, Dr. M. K. Orlan, left.", "The hearing\nwas adjourned.", note="title plus two initials; a single newline after a full stop splits, inside a sentence it does not"),
]
# ---------------- tokens ----------------
tk = [
 case("$3.5m", "$", "3.5", "m"),
 case("4,500", "4,500"),
 case("SU-95", "SU-95"),
 case("Kassym-Jomart", "Kassym-Jomart"),
 case("Smithov’s", "Smithov", "’s"),
 case("U.S.", "U.S."),
 case("ex-head", "ex-head"),
 case("16-year-old", "16", "-", "year-old"),
 case("10:30", "10", ":", "30"),
 case("...", "..."),
 case("«Fraud»", "«", "Fraud", "»"),
 case("don't", "do", "n't"),
 case("2016–2019", "2016", "–", "2019"),
 case("e-mail", "e-mail"),
 case("No.", "No", "."),
 case("O’Brien", "O’Brien"),
 case("1990s", "1990", "s"),
 case("A320", "A320"),
 case("24.04.2023", "24.04.2023"),
 case("16, 15", "16", ",", "15"),
]

def fix(cases, layer):
    out = []
    for c in cases:
        if layer in ("sentences", "tokens"):
            c = dict(c)
        out.append(c)
    return {"layer": layer, "cases": out}

for name, cases in [("quantities", q), ("times", t), ("legal_refs", l), ("sentences", s), ("tokens", tk)]:
    with open(os.path.join(HERE, "..", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(fix(cases, name), f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(name, len(cases))
