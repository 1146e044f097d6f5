#!/usr/bin/env python3
"""Validates JSON outputs against the JSON Schemas (2020-12) of Contracts/json/.

Usage: Scripts/check-json-schemas.py [DIR ...]
       Scripts/check-json-schemas.py --sync-openapi   (copies the schemas into Contracts/openapi.json)

Checks, and exits 1 naming every failure:
- every schema is a valid 2020-12 schema;
- the golden JSON files of Tests/LedgerReportsTests/Golden validate against their report's schema;
- every FILE.json in each DIR (as written by Scripts/json-outputs.sh: KIND.json or KIND-N.json)
  validates against Contracts/json/KIND.schema.json, and every schema has at least one such file;
- the component schemas of Contracts/openapi.json are the same as the files they were copied from.
Needs PyPI `jsonschema`.
"""
import json, sys
from jsonschema import Draft202012Validator
from contract_files import root, check_files

contracts = root / "Contracts" / "json"
COMPONENTS = {"report-summary": "SummaryReport", "report-state": "StateReport", "report-obligation": "ObligationReport",
              "report-matrix": "MatrixReport", "report-changes": "ChangesReport", "report-treaties": "TreatyAudit",
              "report-quality": "QualityReport", "history": "Events", "obligations-list": "Obligations", "states-list": "States",
              "treaties-list": "Treaties", "search": "SearchResults"}

sync = "--sync-openapi" in sys.argv
sys.argv = [a for a in sys.argv if a != "--sync-openapi"]
failures = []
schemas = {}
for path in sorted(contracts.glob("*.schema.json")):
    schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    schemas[path.name.removesuffix(".schema.json")] = schema


def check(kind, path):
    validator = Draft202012Validator(schemas[kind], format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(json.loads(path.read_text())), key=lambda e: list(e.absolute_path))
    for error in errors[:5]:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        failures.append(f"{path}: at {where}: {error.message[:300]} (schema {kind}.schema.json)")
    return not errors


checked = check_files(".json", schemas, check, failures, sys.argv[1:], "Contracts/json/{}.schema.json")

openapi_path = root / "Contracts" / "openapi.json"
openapi = json.loads(openapi_path.read_text())
for kind, name in COMPONENTS.items():
    copy = {k: v for k, v in schemas[kind].items() if k not in ("$schema", "$id")}
    if sync:
        openapi["components"]["schemas"][name] = copy
    if openapi["components"]["schemas"].get(name) != copy:
        failures.append(f"Contracts/openapi.json: components.schemas.{name} differs from Contracts/json/{kind}.schema.json; "
                        "copy it over with --sync-openapi")
if sync:
    openapi_path.write_text(json.dumps(openapi, indent=2, ensure_ascii=False) + "\n")

for failure in failures:
    print("FAIL", failure)
print(f"{checked} JSON files checked against {len(schemas)} schemas: {len(failures)} failures")
sys.exit(1 if failures else 0)
