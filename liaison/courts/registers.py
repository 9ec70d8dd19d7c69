"""Reading a court's enforcement register (CSV or XLSX), row by row.

Each row is checked on its own (the case number's format, the parties, the amount as an exact
decimal, the dates) and against the others (a case number twice in the file) and the court's
register (a case number already there). The result is every row read and every row rejected
with its reasons; ``actions.register_import`` imports the rows only when none is rejected.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.text import normalise_text

from .models import normalise_case_number, validate_case_number

#: Accepted headings of each column (Chinese as courts export them, or English).
COLUMNS = {
    "case_number": ("案号", "case number", "case_number"),
    "applicant": ("申请执行人", "applicant"),
    "respondent": ("被执行人", "respondent"),
    "amount": ("执行标的金额", "执行标的", "金额", "amount"),
    "filed_on": ("立案日期", "filed on", "filed_on"),
    "closed_on": ("结案日期", "closed on", "closed_on"),
}
REQUIRED = ("case_number", "applicant", "respondent", "amount", "filed_on")
MAX_ROWS = 5000
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass
class Row:
    number: int
    case_number: str = ""
    applicant: str = ""
    respondent: str = ""
    amount: Decimal | None = None
    filed_on: date | None = None
    closed_on: date | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Register:
    rows: list[Row] = field(default_factory=list)
    #: An error about the whole file (unreadable, no heading, too many rows).
    problem: str = ""

    @property
    def rejected(self) -> list[Row]:
        return [row for row in self.rows if row.errors]


def _cells(name: str, content: bytes) -> Iterator[list[Any]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
        workbook.close()
        return
    text = content.decode("utf-8-sig") if _utf8(content) else content.decode("gb18030")
    yield from csv.reader(io.StringIO(text))


def _utf8(content: bytes) -> bool:
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _heading(cells: list[Any]) -> dict[str, int]:
    names = [normalise_text(str(c or "")).lower() for c in cells]
    found: dict[str, int] = {}
    for key, accepted in COLUMNS.items():
        for i, name in enumerate(names):
            if name in accepted:
                found[key] = i
                break
    return found


def _text(value: Any) -> str:
    return normalise_text("" if value is None else str(value))


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value).replace("/", "-").replace(".", "-")
    for pattern in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _amount(value: Any) -> Decimal:
    if isinstance(value, float):
        # A spreadsheet's number: its shortest decimal form, never the binary float's digits.
        value = repr(value)
    text = _text(value).replace(",", "").replace("，", "").removesuffix("元")
    amount = Decimal(text)
    if not amount.is_finite():
        raise InvalidOperation(text)
    return amount


def _check(row: Row, cells: list[Any], columns: dict[str, int]) -> None:
    def cell(key: str) -> Any:
        i = columns.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    number = normalise_case_number(_text(cell("case_number")))
    row.case_number = number
    try:
        validate_case_number(number)
    except ValidationError:
        row.errors.append(
            _("case number %(value)s is not in the court's format") % {"value": number or "—"}
        )
    for key, label in (("applicant", _("applicant")), ("respondent", _("respondent"))):
        value = _text(cell(key))
        if not value:
            row.errors.append(_("the %(column)s is missing") % {"column": label})
        elif len(value) > 200:
            row.errors.append(_("the %(column)s is too long") % {"column": label})
        setattr(row, key, value)
    try:
        amount = _amount(cell("amount"))
    except (InvalidOperation, ValueError):
        shown = _text(cell("amount")) or "—"
        row.errors.append(_("the amount %(value)s is not a number") % {"value": shown})
    else:
        if amount < 0 or amount > MAX_AMOUNT:
            row.errors.append(_("the amount %(value)s is out of range") % {"value": amount})
        elif amount != amount.quantize(Decimal("0.01")):
            row.errors.append(
                _("the amount %(value)s has more than two decimals") % {"value": amount}
            )
        else:
            row.amount = amount
    for key, label in (("filed_on", _("filing date")), ("closed_on", _("closing date"))):
        try:
            day = _date(cell(key))
        except ValueError:
            row.errors.append(
                _("the %(column)s %(value)s is not a date (2026-03-01)")
                % {"column": label, "value": _text(cell(key))}
            )
            continue
        if day is None and key == "filed_on":
            row.errors.append(_("the filing date is missing"))
        setattr(row, key, day)
    if row.filed_on and row.closed_on and row.closed_on < row.filed_on:
        row.errors.append(_("the case is closed before it was filed"))
    if row.filed_on and row.filed_on > timezone.localdate():
        row.errors.append(_("the filing date is in the future"))


def read_register(name: str, content: bytes, *, existing: Iterable[str]) -> Register:
    """Every row of the register, each with its errors (none: it may be imported)."""
    register = Register()
    try:
        lines = _cells(name, content)
        heading = next(lines, None)
        if heading is None:
            register.problem = _("The register is empty.")
            return register
        columns = _heading(heading)
        missing = [COLUMNS[key][0] for key in REQUIRED if key not in columns]
        if missing:
            register.problem = _("The register has no column %(columns)s.") % {
                "columns": "、".join(missing)
            }
            return register
        for number, cells in enumerate(lines, start=2):
            if not any(_text(c) for c in cells):
                continue
            if len(register.rows) >= MAX_ROWS:
                register.problem = _("The register has more than %(max)s rows.") % {"max": MAX_ROWS}
                return register
            row = Row(number)
            _check(row, cells, columns)
            register.rows.append(row)
    except Exception:
        register.problem = _("The file could not be read as CSV or XLSX.")
        register.rows = []
        return register
    if not register.rows:
        register.problem = _("The register has no rows.")
    known = set(existing)
    seen: dict[str, int] = {}
    for row in register.rows:
        if not row.case_number:
            continue
        if row.case_number in seen:
            row.errors.append(
                _("case number %(value)s is also on row %(row)s")
                % {"value": row.case_number, "row": seen[row.case_number]}
            )
        else:
            seen[row.case_number] = row.number
        if row.case_number in known:
            row.errors.append(
                _("case number %(value)s is already in the court's register")
                % {"value": row.case_number}
            )
    return register


def report_csv(rejected: list[dict[str, Any]]) -> bytes:
    """The rejected rows and their reasons, as a CSV that Excel opens (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Row"), _("Case number"), _("Reasons")])
    for item in rejected:
        writer.writerow([item["row"], item["case_number"], "；".join(item["errors"])])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
