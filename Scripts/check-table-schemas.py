#!/usr/bin/env python3
"""Checks tidy CSV outputs against the Table Schemas (Frictionless) of Contracts/table/.

Usage: Scripts/check-table-schemas.py [DIR ...]

The golden CSV files of Tests/LedgerReportsTests/Golden, and every KIND.csv in each DIR (as written
by Scripts/report-outputs.sh), must start with the schema's columns in its order (columns added at
the end are allowed and reported), and every cell must be empty or of the column's type (integer,
number, boolean, date YYYY-MM-DD, string), non-empty where `required`, and one of `enum` where it
lists values. Exits 1 naming every failure. Standard library only.
"""
import csv, json, re, sys
from contract_files import root, check_files

tables = root / "Contracts" / "table"
TYPES = {"integer": r"-?\d+", "number": r"-?\d+(\.\d+)?([eE][-+]?\d+)?", "boolean": r"true|false", "date": r"\d{4}-\d{2}-\d{2}", "string": r"(?s).*"}

schemas = {path.stem: json.loads(path.read_text()) for path in sorted(tables.glob("*.json"))}
failures, notes = [], []


def check(kind, path):
    fields = schemas[kind]["fields"]
    rows = list(csv.reader(path.open(newline="")))
    names = [f["name"] for f in fields]
    header = rows[0] if rows else []
    if header[: len(names)] != names:
        failures.append(f"{path}: columns {header} do not start with {names} (Contracts/table/{kind}.json)")
        return
    if len(header) > len(names):
        notes.append(f"{path}: columns after the schema's: {header[len(names):]}")
    for line, row in enumerate(rows[1:], start=2):
        for field, value in zip(fields, row):
            rules = field.get("constraints", {})
            problem = None
            if value == "":
                if rules.get("required"): problem = "is empty but required"
            elif not re.fullmatch(TYPES[field["type"]], value):
                problem = f"'{value[:60]}' is not a {field['type']}"
            elif "enum" in rules and value not in rules["enum"]:
                problem = f"'{value}' is not one of {rules['enum']}"
            if problem:
                failures.append(f"{path}:{line}: column {field['name']} {problem} (Contracts/table/{kind}.json)")
                if len(failures) > 50: return


checked = check_files(".csv", schemas, check, failures, sys.argv[1:], "Contracts/table/{}.json")
for note in notes:
    print("NOTE", note)
for failure in failures:
    print("FAIL", failure)
print(f"{checked} CSV files checked against {len(schemas)} Table Schemas: {len(failures)} failures")
sys.exit(1 if failures else 0)
