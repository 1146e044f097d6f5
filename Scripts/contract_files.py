"""What the two contract checks share: which report each golden file is, and how the output files
of a folder are matched with their schemas (Scripts/check-json-schemas.py, check-table-schemas.py)."""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
golden = root / "Tests" / "LedgerReportsTests" / "Golden"
# The report kind of a golden file, by the start of its name (summary.json, state-FRA.csv, ...).
GOLDEN = {"summary": "report-summary", "state-": "report-state", "obligation-": "report-obligation", "matrix-": "report-matrix",
          "changes": "report-changes", "treaties-": "report-treaties", "quality": "report-quality"}


def check_files(suffix, schemas, check, failures, directories, schema_file):
    """Runs check(kind, path) on every golden file and every output file with `suffix` in
    `directories` (KIND.suffix or KIND-N.suffix); `schema_file` names a kind's schema file
    ("Contracts/json/{}.schema.json"); records a failure for a file without a schema and
    for a schema no output was checked against. Returns how many files were checked."""
    checked = 0
    for path in sorted(golden.glob("*" + suffix)):
        kind = next((k for prefix, k in GOLDEN.items() if path.stem.startswith(prefix)), None)
        if kind is None:
            failures.append(f"{path}: no schema for this golden file; add it to GOLDEN in {__file__}")
            continue
        check(kind, path); checked += 1
    for directory in directories:
        seen = set()
        for path in sorted(pathlib.Path(directory).glob("*" + suffix)):
            kind = re.sub(r"-\d+$", "", path.stem)
            if kind not in schemas:
                failures.append(f"{path}: no schema {schema_file.format(kind)}")
                continue
            seen.add(kind); check(kind, path); checked += 1
        for kind in sorted(set(schemas) - seen):
            failures.append(f"{directory}: no output was checked against {schema_file.format(kind)}")
    return checked
