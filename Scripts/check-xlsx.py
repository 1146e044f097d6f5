#!/usr/bin/env python3
"""Opens every workbook that Scripts/report-outputs.sh wrote (DIR/xlsx/*.xlsx) with openpyxl, a reader
that is not ours, and checks what a spreadsheet user relies on: one sheet per table of the report (its
Markdown beside it), the header row frozen and filterable, the last sheet "Notes and sources" headed by
the report's title, ISO dates read back as dates and plain numbers as numbers (no date or number left
as text), and no formulas. Prints one line per workbook and 'xlsx: N passed, M failed'.
Usage: check-xlsx.py DIR"""
import datetime
import pathlib
import re
import sys

import openpyxl

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?(0|[1-9]\d{0,14})(\.\d+)?$")


def check(path: pathlib.Path) -> list[str]:
    problems = []
    markdown = path.with_suffix(".md").read_text(encoding="utf-8")
    title = markdown.split("\n", 1)[0].removeprefix("# ")
    tables = markdown.count("\n## ") - markdown.count("\n## Notes\n")
    book = openpyxl.load_workbook(path)
    names = book.sheetnames
    if names[-1] != "Notes and sources":
        problems.append(f"last sheet is {names[-1]!r}, not 'Notes and sources'")
    if len(names) != tables + 1:
        problems.append(f"{len(names) - 1} data sheets for {tables} tables")
    if book["Notes and sources"]["A1"].value != title:
        problems.append(f"the notes sheet starts {book['Notes and sources']['A1'].value!r}, not the title {title!r}")
    dates = 0
    for sheet in book.worksheets[:-1]:
        if sheet.freeze_panes != "A2":
            problems.append(f"{sheet.title}: header not frozen ({sheet.freeze_panes})")
        if not sheet.auto_filter.ref:
            problems.append(f"{sheet.title}: no filter on the header")
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                value = cell.value
                if isinstance(value, datetime.datetime):
                    dates += 1
                    if cell.number_format != "yyyy-mm-dd":
                        problems.append(f"{sheet.title}!{cell.coordinate}: date shown as {cell.number_format}")
                elif isinstance(value, str):
                    if value.startswith("="):
                        problems.append(f"{sheet.title}!{cell.coordinate}: a formula")
                    if DATE.match(value) and int(value[:4]) >= 1900:
                        problems.append(f"{sheet.title}!{cell.coordinate}: the date {value} left as text")
                    if NUMBER.match(value):
                        problems.append(f"{sheet.title}!{cell.coordinate}: the number {value} left as text")
    print(f"{path.name}: {len(names)} sheets, {dates} date cells" + ("" if not problems else f", {len(problems)} problems"))
    return problems


def main() -> int:
    folder = pathlib.Path(sys.argv[1]) / "xlsx"
    passed = failed = 0
    for path in sorted(folder.glob("*.xlsx")):
        problems = check(path)
        for problem in problems[:20]:
            print(f"  {problem}")
        if problems:
            failed += 1
        else:
            passed += 1
    if passed + failed == 0:
        print("no workbook found in", folder)
        return 1
    print(f"xlsx: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
