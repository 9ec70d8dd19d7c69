"""The support-prosecution figures page, its XLSX export and its printable report, for the
staff of a procuratorate (their own and every procuratorate below it: ``orgs.selectors.
figures_scope``). Thin: the numbers are ``figures.figures_for``."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from liaison.core.templatetags.liaison import local_name
from liaison.orgs.models import Organisation
from liaison.orgs.roles import OrganisationKind
from liaison.orgs.selectors import figures_scope
from liaison.workflow.registry import get_workflow

from .figures import Figures, figures_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sees_figures(access: Any) -> bool:
    """The menu entry: staff of a procuratorate (the page asks ``figures_scope`` the same)."""
    from liaison.orgs.roles import STAFF_ROLES

    return any(
        s.kind == OrganisationKind.PROCURATORATE and s.role in STAFF_ROLES for s in access.seats
    )


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class FiguresForm(forms.Form):
    """Which procuratorate (with everything below it) and which period (either end open). The
    choices are the procuratorates the view already loaded: the form costs no query."""

    org = forms.TypedChoiceField(label=_("Procuratorate"), coerce=int)
    since = _date_field(pgettext_lazy("period", "From"))
    until = _date_field(pgettext_lazy("period", "Until"))

    def __init__(self, *args: Any, scopes: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        top = min(o.path.count("/") for o in scopes) if scopes else 0
        self.fields["org"].choices = [  # type: ignore[attr-defined]
            (o.pk, "\u3000" * (o.path.count("/") - top) + local_name(o)) for o in scopes
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period comes before its start."))
        return data


def _figures(request: HttpRequest) -> tuple[FiguresForm | None, Figures | None, int]:
    """The form and the figures asked for, with the status: 403 for someone who is staff of no
    procuratorate, 400 for a bad period (the form says why), else 200."""
    scopes = list(
        figures_scope(
            request.access,  # type: ignore[attr-defined]
            kind=OrganisationKind.PROCURATORATE,
        ).order_by("path")
    )
    if not scopes:
        return None, None, 403
    params = request.GET.copy()
    params.setdefault("org", str(scopes[0].pk))
    params.setdefault("since", date(timezone.localdate().year, 1, 1).isoformat())
    form = FiguresForm(params, scopes=scopes)
    if not form.is_valid():
        return form, None, 400
    scope = next(o for o in scopes if o.pk == form.cleaned_data["org"])
    data = form.cleaned_data
    return form, figures_for(scope, since=data["since"], until=data["until"]), 200


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    form, result, status = _figures(request)
    if status == 403:
        return render(request, "supportprosecution/figures_forbidden.html", status=403)
    return render(
        request,
        "supportprosecution/figures.html",
        {
            "form": form,
            "figures": result,
            "outcome_rows": outcome_rows(result) if result else [],
            "query": request.GET.urlencode(),
        },
        status=status,
    )


@login_required
@require_GET
def figures_print(request: HttpRequest) -> HttpResponse:
    """The printable report: the same tables, a print stylesheet, no charts or menus."""
    form, result, status = _figures(request)
    if status == 403:
        return render(request, "supportprosecution/figures_forbidden.html", status=403)
    return render(
        request,
        "supportprosecution/figures_print.html",
        {
            "form": form,
            "figures": result,
            "outcome_rows": outcome_rows(result) if result else [],
            "printed_on": timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def figures_xlsx(request: HttpRequest) -> HttpResponse:
    form, result, status = _figures(request)
    if status == 403:
        return render(request, "supportprosecution/figures_forbidden.html", status=403)
    if result is None:
        return render(request, "supportprosecution/figures.html", {"form": form}, status=status)
    response = HttpResponse(workbook(result), content_type=XLSX)
    name = f"support-prosecution-{result.scope.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def workbook(f: Figures) -> bytes:
    """The figures as an XLSX workbook: one sheet, the tables one under another, amounts as
    exact decimals with two places (yuan)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = gettext("Support prosecution")[:31]
    bold = Font(bold=True)
    period = (
        f"{f.since.isoformat() if f.since else '…'} – {f.until.isoformat() if f.until else '…'}"
    )
    rows: list[list[Any]] = [
        [gettext("Support-prosecution figures"), local_name(f.scope)],
        [gettext("Period"), period],
        [],
        [gettext("Cases supported"), f.cases],
        [gettext("Supported to judgment or mediation"), f.to_judgment_or_mediation],
        [gettext("People helped"), f.people],
        [gettext("Money recovered (yuan)"), f.recovered],
        [gettext("Publicity events"), f.publicity_events],
        [],
        [gettext("Category"), gettext("Cases"), gettext("People helped")],
        *([row.category.label, row.cases, row.people] for row in f.by_category),
        [],
        [
            gettext("Group"),
            gettext("Cases"),
            gettext("People helped"),
            gettext("Money recovered (yuan)"),
        ],
        *([str(row.label), row.cases, row.people, row.recovered] for row in f.by_group),
        [],
        [gettext("Outcome"), gettext("Cases")],
        *([str(label), n] for label, n in outcome_rows(f)),
        [],
        [gettext("Publicity"), gettext("Events"), gettext("Audience")],
        *([str(label), n, people] for label, n, people in f.publicity),
        [],
        [
            gettext("Legal-aid referrals"),
            pgettext("referral figures", "Sent"),
            pgettext("referral figures", "Received"),
            pgettext("referral figures", "Answered in time"),
            pgettext("referral figures", "Answered late"),
            pgettext("referral figures", "Overdue"),
            pgettext("referral figures", "Accepted"),
        ],
        *(
            [
                str(get_workflow(row.matter_type).label),
                row.sent,
                row.received,
                row.sent_in_time + row.received_in_time,
                row.sent_late + row.received_late,
                row.received_overdue,
                row.accepted,
            ]
            for row in f.referrals or ()
        ),
    ]
    for row in rows:
        sheet.append(row)
        if len(row) > 1 and isinstance(row[0], str) and all(isinstance(c, str) for c in row):
            for cell in sheet[sheet.max_row]:
                cell.font = bold
    for row in sheet.iter_rows():
        for cell in row:
            if hasattr(cell.value, "as_tuple"):  # a Decimal: yuan with two places
                cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 36
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def outcome_rows(f: Figures) -> list[tuple[Any, int]]:
    from .models import Outcome

    rows = [(o.label, f.by_outcome.get(o.value, 0)) for o in Outcome]
    pending = f.by_outcome.get("", 0)
    return [*rows, (_("no outcome yet"), pending)]
