# Builds Fixtures/catalogue.json, Fixtures/states.json and the status files of Fixtures/untc-xml-2018,
# Fixtures/untc-html-2026 and Fixtures/unoda from ../shared/ (run from the repository root).
# Fixtures/treaties.json and Fixtures/SOURCES.md are written by hand; the SHA-256 lines this prints go there.
# Kept for provenance; after a curator edits the JSON by hand, do not run it again blindly.
import csv, json, re
seed = open('../shared/seed/declaration-crime-public-security-A-RES-51-60.txt').read()
def norm(s): return re.sub(r'\s+', ' ', s).strip()
def between(a, b):
    i = seed.index(a); j = seed.index(b, i + len(a)) if b else len(seed)
    return norm(seed[i + len(a):j])
arts = {}
for n in range(1, 12):
    start = f"Article {n}\n"
    nxt = f"Article {n+1}\n" if n < 11 else None
    arts[n] = between(start, nxt)
res4 = between("4.    ", "5.    ").rstrip()
res5 = between("5.    ", "82nd plenary")
# footnote markers like "4/" stay out of the provision text
def clean(t): return re.sub(r' \d/(?=[\s,.;]|$)', '', t).replace(' ,', ',').strip()
art7 = arts[7]
i_a, i_b, i_c, i_d = (art7.index(x) for x in ("(a)", "(b)", "(c)", "(d)"))
provisions = [
  {"ref": "res.4", "label": "Resolution 51/60, operative paragraph 4", "text": res4},
  {"ref": "res.5", "label": "Resolution 51/60, operative paragraph 5", "text": res5},
]
for n in range(1, 12):
    if n == 7:
        provisions.append({"ref": "art7", "label": "Article 7", "text": clean(art7[:i_a])})
        for key, (s, e) in zip("abcd", [(i_a, i_b), (i_b, i_c), (i_c, i_d), (i_d, None)]):
            provisions.append({"ref": f"art7{key}", "label": f"Article 7({key})", "text": art7[s:e].strip()})
    else:
        provisions.append({"ref": f"art{n}", "label": f"Article {n}", "text": clean(arts[n])})
incomplete = {
  "art10": "The copy of A/RES/51/60 held by the project ends mid-sentence here ('technical expertise to prevent and control'); the rest of Article 10 is not reproduced rather than guessed.",
  "art11": "The copy of A/RES/51/60 held by the project ends mid-sentence here ('recognized by the United'); the rest of Article 11 is not reproduced rather than guessed.",
}
for p in provisions:
    if p["ref"] in incomplete:
        p["text_incomplete"] = True
        p["text_note"] = incomplete[p["ref"]]
rows = """res.4-dissemination|res.4|measure|public-awareness|Make the Declaration generally known, observed and implemented
res.5-public-campaigns|res.5|measure|public-awareness|Public campaigns on crime prevention and public security
art1.organized-crime|art1|measure|organized-crime|National measures against organized crime
art1.drug-trafficking|art1|measure|drugs|National measures against illicit drug trafficking
art1.arms-trafficking|art1|measure|firearms-controls|National measures against illicit arms trafficking
art1.smuggling-illicit-articles|art1|measure|smuggling|National measures against smuggling of other illicit articles
art1.trafficking-in-persons|art1|measure|trafficking-in-persons|National measures against organized trafficking in persons
art1.terrorist-crimes|art1|measure|terrorism|National measures against terrorist crimes
art1.laundering-proceeds|art1|measure|money-laundering|National measures against laundering of proceeds of serious crime
art2.law-enforcement-cooperation|art2|measure|cooperation|Bilateral, regional and global law enforcement cooperation
art2.mutual-legal-assistance|art2|measure|mutual-legal-assistance|Mutual legal assistance arrangements
art3.criminal-organizations|art3|measure|organized-crime|Prevent support for and operations of criminal organizations
art3.extradite-or-prosecute|art3|measure|extradition|Effective extradition or prosecution (no safe haven)
art4.information-sharing|art4|measure|cooperation|Systems for sharing information among Member States
art4.technical-assistance|art4|measure|capacity-building|Bilateral and multilateral technical assistance and training
art5.terrorism-treaties|art5|accession|treaty-accession,terrorism|Become party to the international terrorism treaties
art5.implement-terrorism-treaties|art5|measure|terrorism|Implement the terrorism treaties to which the State is party
art5.implement-res-49-60|art5|measure|terrorism|Implement resolution 49/60 and its Declaration on Measures to Eliminate International Terrorism
art6.drug-conventions|art6|accession|treaty-accession,drugs|Become party to the international drug control conventions
art6.implement-drug-conventions|art6|measure|drugs|Implement the 1961, 1971 and 1988 drug control conventions
art6.prevention-enforcement|art6|measure|drugs|Preventive and enforcement measures against illicit drugs
art7.border-interdiction|art7|measure|border-control|Detect and interdict cross-border movement of offenders and instrumentalities
art7a.explosives-wmd-controls|art7a|measure|wmd|Controls on explosives and on materials for nuclear, biological or chemical weapons
art7a.wmd-treaties|art7a|accession|treaty-accession,wmd|Become party to the treaties on weapons of mass destruction
art7b.passport-security|art7b|measure|document-security|Supervision of passport issuance; protection against tampering and counterfeiting
art7c.firearms-controls|art7c|measure|firearms-controls|Enforcement of regulations on illicit transnational firearms trafficking
art7d.migrant-smuggling|art7d|measure|migrant-smuggling|Coordinated measures against organized smuggling of persons
art8.criminalize-laundering|art8|measure|money-laundering|Criminalize concealment and conversion of proceeds of crime
art8.record-keeping|art8|measure|money-laundering,aml-record-keeping|Record-keeping by financial and related institutions
art8.suspicious-transaction-reporting|art8|measure|money-laundering|Reporting of suspicious transactions
art8.seizure-forfeiture|art8|measure|money-laundering|Seizure and forfeiture of proceeds of crime
art8.bank-secrecy|art8|measure|money-laundering|Limit bank secrecy with respect to criminal operations
art8.financial-institution-cooperation|art8|measure|money-laundering|Cooperation of financial institutions in detecting laundering
art9.professionalism|art9|measure|capacity-building|Professionalism of criminal justice, law enforcement and victim assistance
art9.societal-involvement|art9|measure|public-awareness|Involve all elements of society in preventing transnational crime
art10.anti-corruption-enforcement|art10|measure|corruption|Combat and prohibit corruption and bribery by enforcing domestic law
art10.international-cooperation|art10|measure|corruption|Concerted international cooperation to curb corrupt practices
art10.technical-expertise|art10|measure|corruption|Technical expertise to prevent and control corruption
art11.sovereignty-human-rights|art11|safeguard|human-rights|Respect sovereignty, treaty obligations and human rights"""
labels = {p["ref"]: p["label"] for p in provisions}
obligations = []
for line in rows.splitlines():
    oid, ref, kind, themes, title = line.split("|")
    assert ref in labels, ref
    obligations.append({"id": oid, "provision": ref, "kind": kind, "themes": themes.split(","), "title": title})
cat = {
  "instrument": {
    "id": "A/RES/51/60",
    "title": "United Nations Declaration on Crime and Public Security",
    "adopted": "1996-12-12",
    "source": "General Assembly resolution 51/60 (A/RES/51/60, issued 28 January 1997), adopted at the 82nd plenary meeting on 12 December 1996; text from shared/seed/declaration-crime-public-security-A-RES-51-60.txt",
  },
  "provisions": provisions,
  "obligations": obligations,
}
json.dump(cat, open('Fixtures/catalogue.json', 'w'), ensure_ascii=False, indent=2)
open('Fixtures/catalogue.json', 'a').write("\n")

# States
aliases = {
  "BHS": ["Bahamas"], "CZE": ["Czech Republic"], "CIV": ["Côte d'Ivoire"], "GMB": ["Gambia"],
  "GNB": ["Guinea-Bissau"], "LAO": ["Lao People's Democratic Republic"], "NLD": ["Netherlands"],
  "KNA": ["St. Kitts and Nevis"], "LCA": ["St. Lucia"], "VCT": ["St. Vincent and the Grenadines"],
  "SWZ": ["Swaziland"], "MKD": ["The former Yugoslav Republic of Macedonia"], "TUR": ["Turkey"],
}
# The UNODA treaty database's spellings (shared/data/unoda/*.csv), where name matching does not already find the State.
unoda_aliases = {
  "BOL": "Bolivia", "BRN": "Brunei", "CPV": "Cape Verde", "COD": "Congo, Democratic Republic of the",
  "COG": "Congo, Republic of the", "IRN": "Iran", "PRK": "Korea, North", "KOR": "Korea, South", "LAO": "Laos",
  "MKD": "Macedonia, North", "FSM": "Micronesia, Federated States of", "MDA": "Moldova", "PSE": "Palestine",
  "RUS": "Russia", "SYR": "Syria", "TZA": "Tanzania", "GBR": "United Kingdom", "USA": "United States",
  "VAT": "Vatican City", "VEN": "Venezuela", "VNM": "Vietnam",
}
for code, name in unoda_aliases.items():
    aliases.setdefault(code, []).append(name)
states = []
for r in csv.DictReader(open('../shared/data/member_states.csv')):
    states.append({"iso3": r["iso3"], "name": r["name"], "aliases": aliases.get(r["iso3"], []), "member": True,
                   "admission_date": r["admission_date"], "regional_group": r["regional_group"]})
nonmembers = [("VAT", "Holy See"), ("PSE", "State of Palestine"), ("COK", "Cook Islands"), ("NIU", "Niue"), ("EUU", "European Union")]
for code, name in nonmembers:
    states.append({"iso3": code, "name": name, "aliases": aliases.get(code, []), "member": False, "admission_date": None, "regional_group": None})
states.sort(key=lambda s: s["iso3"])
assert len(states) == 198
out = open('Fixtures/states.json', 'w')
out.write("[\n" + ",\n".join("  " + json.dumps(s, ensure_ascii=False) for s in states) + "\n]\n")

# Status files. The XML files with a participant table are cut after </Participants> (the declarations,
# reservations and end notes that follow are not read and are most of each file's size) and closed with
# </Treaty></Document>; the five header-only files are copied whole. The saved CWC page is cut to the
# three parts the importer reads (the STATUS AS AT line, the Signatories/Parties line, the participant
# table), each copied byte for byte, inside a minimal HTML document that says where it comes from.
import hashlib, os
def sha(b): return hashlib.sha256(b).hexdigest()
os.makedirs('Fixtures/untc-xml-2018', exist_ok=True)
for name in sorted(os.listdir('../shared/data/untc-xml-2018')):
    raw = open('../shared/data/untc-xml-2018/' + name, 'rb').read()
    end = raw.find(b'</Participants>')
    out = raw if end < 0 else raw[:end + len(b'</Participants>')] + b'\n  </Treaty>\n</Document>\n'
    open('Fixtures/untc-xml-2018/' + name, 'wb').write(out)
    print(f"untc-xml-2018/{name}: original sha256 {sha(raw)}, {len(raw)} bytes; shipped sha256 {sha(out)}, {len(out)} bytes")
os.makedirs('Fixtures/untc-html-2026', exist_ok=True)
page = open('../shared/data/untc-cwc-2026/XXVI-3-status-page.html', 'rb').read()
def element(start_marker, tag):
    i = page.index(start_marker)
    i = page.rindex(b'<' + tag, 0, i + 1) if not page[i:].startswith(b'<' + tag) else i
    depth, j = 0, i
    while True:
        o = page.find(b'<' + tag, j + 1); c = page.find(b'</' + tag + b'>', j + 1)
        if o != -1 and o < c: depth += 1; j = o
        elif depth: depth -= 1; j = c
        else: return page[i:c + len(tag) + 3]
status = element(b'STATUS AS AT', b'div')
counts = element(b'Signatories :', b'div')
table = element(b'id="ctl00_ctl00_ContentPlaceHolder1_ContentPlaceHolderInnerPage_tblgrid"', b'table')
excerpt = (b'<!DOCTYPE html>\n<!-- Excerpt of the UNTC status page of XXVI-3 (treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-3&chapter=26&clang=_en),\n'
           b'     status as at 3 February 2026, as kept in github.com/mgaldino/treaties-ideal-point at commit 746a24f (data/raw/arms_control/html/cwc.html):\n'
           b'     the three elements below are copied byte for byte; see Fixtures/SOURCES.md. -->\n'
           b'<html><body><form action="./ViewDetails.aspx?src=TREATY&amp;mtdsg_no=XXVI-3&amp;chapter=26&amp;clang=_en">\n'
           + status + b'\n' + counts + b'\n' + table + b'\n</form></body></html>\n')
open('Fixtures/untc-html-2026/XXVI-3-status-page.html', 'wb').write(excerpt)
print(f"untc-html-2026/XXVI-3-status-page.html: original sha256 {sha(page)}, {len(page)} bytes; shipped sha256 {sha(excerpt)}, {len(excerpt)} bytes")
os.makedirs('Fixtures/unoda', exist_ok=True)
for name in ('npt.csv', 'bwc.csv'):
    raw = open('../shared/data/unoda/' + name, 'rb').read()
    open('Fixtures/unoda/' + name, 'wb').write(raw)
    print(f"unoda/{name}: sha256 {sha(raw)}, {len(raw)} bytes (copied unchanged)")
