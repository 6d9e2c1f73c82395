#!/usr/bin/env python3
"""Make the sample workbooks in samples/workbooks/ from samples/*.csv, or
convert any export to .xlsx for benchmarks.

    scripts/make-workbooks.py                      # regenerate samples/workbooks/
    scripts/make-workbooks.py convert IN.csv OUT.xlsx [--sheet NAME]

Cells are typed the way a spreadsheet user's copy would be: MPN IDs as
numbers, valid YYYY-MM-DD dates as date cells, yes/no flags as booleans,
everything else as text (never as a formula). The workbooks are rewritten
with fixed zip timestamps, so regenerating them changes no byte.

Needs openpyxl (xlsx), odfpy (ods) and xlwt (xls), pinned below; installs
them with pip when they are missing.
"""

import csv
import datetime
import io
import itertools
import re
import subprocess
import sys
import zipfile
from pathlib import Path

PINS = {"openpyxl": "openpyxl==3.1.5", "odf": "odfpy==1.4.1", "xlwt": "xlwt==1.3.0"}


def need(*modules):
    missing = []
    for module in modules:
        try:
            __import__(module)
        except ImportError:
            missing.append(PINS[module])
    if missing:
        subprocess.check_call(
            [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *missing]
        )


# Header names (normalised as the tool does) whose values get typed cells.
ID_COLUMNS = {"mpnid", "partnerid"}
DATE_COLUMNS = {"startdate", "enddate", "membershipstart", "membershipend", "start", "end", "expirationdate"}
FLAG_COLUMNS = {"renewed", "autorenew"}
FLAGS = {"yes": True, "true": True, "no": False, "false": False}


def normalize(header):
    return "".join(c for c in header.strip().lstrip("\ufeff") if c not in " _-.").lower()


def typed(kind, value):
    """The cell value a spreadsheet would hold for this CSV text."""
    if kind == "id" and value.isdigit() and not value.startswith("0"):
        return int(value)
    if kind == "date":
        try:
            return datetime.date.fromisoformat(value) if len(value) == 10 else value
        except ValueError:
            return value
    if kind == "flag" and value.strip().lower() in FLAGS:
        return FLAGS[value.strip().lower()]
    return value


def read_csv(path):
    """The header and an iterator over the typed rows (streamed: a million rows fit)."""
    f = open(path, newline="", encoding="utf-8-sig")
    reader = csv.reader(f)
    header = next(reader)
    kinds = []
    for name in header:
        key = normalize(name)
        kinds.append("id" if key in ID_COLUMNS else "date" if key in DATE_COLUMNS else "flag" if key in FLAG_COLUMNS else "")
    return header, ([typed(k, v) for k, v in zip(kinds, row)] for row in reader)


def text_cell(ws, value):
    """A write-only cell; text stays text even when it starts with '='."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    if isinstance(value, datetime.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_xlsx(path, sheets, fixed_zip=True, hidden=()):
    """`sheets`: [(name, rows, (first_row, first_col))], 1-based origin of the table;
    the sheets named in `hidden` are hidden."""
    need("openpyxl")
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    fixed = datetime.datetime(2026, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    for name, rows, (row0, col0) in sheets:
        ws = wb.create_sheet(name)
        if name in hidden:
            ws.sheet_state = "hidden"
        for _ in range(row0 - 1):
            ws.append([])
        for row in rows:
            ws.append([None] * (col0 - 1) + [text_cell(ws, v) if v not in ("", None) else None for v in row])
    if not fixed_zip:
        wb.save(path)
        return
    buf = io.BytesIO()
    wb.save(buf)
    write_fixed_zip(path, buf.getvalue())


def write_fixed_zip(path, data):
    """The same zip with every entry's timestamp fixed (order and compression kept),
    and openpyxl's save-time `modified` stamp replaced by a fixed one."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-01-01T00:00:00Z", body)
            dst.writestr(fixed, body)
    Path(path).write_bytes(out.getvalue())


def write_ods(path, sheets):
    need("odf")
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows, _ in sheets:
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for v in row:
                if v in ("", None):
                    tr.addElement(TableCell())
                    continue
                if isinstance(v, bool):
                    cell = TableCell(valuetype="boolean", booleanvalue="true" if v else "false")
                    text = "TRUE" if v else "FALSE"
                elif isinstance(v, int):
                    cell = TableCell(valuetype="float", value=str(v))
                    text = str(v)
                elif isinstance(v, datetime.date):
                    cell = TableCell(valuetype="date", datevalue=v.isoformat())
                    text = v.isoformat()
                else:
                    cell = TableCell(valuetype="string")
                    text = v
                cell.addElement(P(text=text))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    # odfpy stamps meta.xml with the time and its version: leave meta out.
    doc.meta.childNodes = []
    buf = io.BytesIO()
    doc.write(buf)
    write_fixed_zip(path, buf.getvalue())


def write_xls(path, sheets):
    need("xlwt")
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, rows, _ in sheets:
        ws = wb.add_sheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v in ("", None):
                    continue
                if isinstance(v, datetime.date):
                    ws.write(r, c, v, date_style)
                else:
                    ws.write(r, c, v)
    wb.save(path)


def samples(root):
    out = root / "samples" / "workbooks"
    out.mkdir(parents=True, exist_ok=True)
    m_header, m_rows = read_csv(root / "samples" / "memberships.csv")
    e_header, e_rows = read_csv(root / "samples" / "employees.csv")
    m_rows, e_rows = list(m_rows), list(e_rows)
    m, e = [m_header] + m_rows, [e_header] + e_rows
    for ext, write in (("xlsx", write_xlsx), ("ods", write_ods), ("xls", write_xls)):
        write(out / f"memberships.{ext}", [("Memberships", m, (1, 1))])
        write(out / f"employees.{ext}", [("Employees", e, (1, 1))])

    notes = [["Cleaned PMC employee list"], ["Owner", "IT"], [], ["Sheet 2 holds the data."]]
    write_xlsx(out / "two-sheets.xlsx", [("Notes", notes, (1, 1)), ("Employees", e, (1, 1))])
    # Both exports in one workbook: each input picks its own sheet.
    write_xlsx(out / "both.xlsx", [("Employees", e, (1, 1)), ("Memberships", m, (1, 1))])

    # Two sheets that both fit: the first wins unless --sheet names the other.
    draft = e + [[4471203, "Extra", "Person", "extra.person@contoso.com", "Employee", "", "", "", ""]]
    write_xlsx(out / "draft-and-final.xlsx", [("Draft", draft, (1, 1)), ("Employees", e, (1, 1))])
    # The same with the draft hidden: passed over unless --sheet names it.
    write_xlsx(out / "hidden-draft.xlsx", [("Draft", draft, (1, 1)), ("Employees", e, (1, 1))], hidden=("Draft",))

    wrong = [["Partner ID", "First Name", "Last Name", "Mail"]] + [r[:4] for r in e_rows]
    write_xlsx(out / "wrong-header.xlsx", [("Employees", wrong, (1, 1))])

    # The table starts at B3 and has a blank row and a bad address in it, so a
    # finding's line and column must be the spreadsheet's row and column.
    offset = [list(e_header)] + [list(r) for r in e_rows[:3]] + [[]] + [list(r) for r in e_rows[3:6]]
    offset[6][3] = "not-an-address"
    write_xlsx(out / "offset.xlsx", [("Employees", offset, (3, 2))])

    # A Partner Center team-status export of two sample accounts (the plan of
    # samples/ names them) and one unknown; the header in row 2, a blank row 5.
    status = [
        ["User Name", "Signed In", "PU Connected", "Associated At"],
        ["megan.bowen@contoso.com", True, True, datetime.datetime(2026, 12, 2, 9, 30)],
        ["anna.lee@contoso.com", False, None, None],
        [],
        ["someone.else@contoso.com", True, False, None],
    ]
    write_xlsx(out / "status.xlsx", [("Status", status, (2, 1))])


def convert(args):
    if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "--sheet"):
        sys.exit(__doc__)
    src, dst = args[0], args[1]
    name = args[3] if len(args) == 4 else Path(src).stem.capitalize()
    header, rows = read_csv(src)
    write_xlsx(dst, [(name, itertools.chain([header], rows), (1, 1))], fixed_zip=False)


def main():
    args = sys.argv[1:]
    if args[:1] == ["convert"]:
        convert(args[1:])
    elif not args:
        samples(Path(__file__).resolve().parent.parent)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
