"""The role catalogue: which roles a member of each kind of organisation may hold.

Workflows name roles by these codes (``Transition(..., who=[Who("partner_org", {"liaison"})])``),
so the catalogue is code, translated like every other label, not a table anyone can edit.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PROCURATORATE = "procuratorate", _("procuratorate")
    COURT = "court", _("court")
    JUDICIAL_BUREAU = "judicial_bureau", _("judicial bureau")
    LEGAL_AID_CENTRE = "legal_aid_centre", _("legal-aid centre")
    LAW_FIRM = "law_firm", _("law firm")
    BAR_ASSOCIATION = "bar_association", _("bar association")
    VOLUNTEER_ORGANISATION = "volunteer_organisation", _("volunteer organisation")
    ADMINISTRATIVE_AGENCY = "administrative_agency", _("administrative agency")
    #: A company or other organisation a procuratorial recommendation may be addressed to.
    COMPANY = "company", _("company or other organisation")
    #: A public security organ (公安机关): a supervision refers a suspected refusal to execute a
    #: judgment to it, and it decides whether to file the case for investigation.
    PUBLIC_SECURITY = "public_security", _("public security organ")


class Role(models.TextChoices):
    # procuratorate
    CLUE_OFFICER = "clue_officer", _("clue officer")
    PROSECUTOR = "prosecutor", _("prosecutor")
    DEPARTMENT_HEAD = "department_head", _("department head")
    CHIEF_PROCURATOR = "chief_procurator", _("chief procurator")
    CASE_MANAGEMENT = "case_management", _("case-management office")
    # court
    JUDGE = "judge", _("judge")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("enforcement officer")
    COURT_PRESIDENT = "court_president", _("court president")
    # judicial bureau and legal-aid centre
    BUREAU_OFFICER = "bureau_officer", _("judicial bureau officer")
    LEGAL_AID_OFFICER = "legal_aid_officer", _("legal-aid officer")
    # law firm and bar association
    LAWYER = "lawyer", _("lawyer")
    FIRM_ADMINISTRATOR = "firm_administrator", _("law firm administrator")
    BAR_OFFICER = "bar_officer", _("bar association officer")
    # volunteer organisation
    VOLUNTEER = "volunteer", _("volunteer")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("volunteer coordinator")
    # administrative agency
    AGENCY_OFFICER = "agency_officer", _("agency officer")
    # public security organ
    POLICE_OFFICER = "police_officer", _("police case officer")
    # every kind: the named contact for an agreement
    LIAISON = "liaison", _("liaison person")
    ADMINISTRATOR = "administrator", _("organisation administrator")


_EVERY_KIND = {Role.LIAISON, Role.ADMINISTRATOR}

CATALOGUE: dict[str, frozenset[str]] = {
    OrganisationKind.PROCURATORATE: frozenset(
        {
            Role.CLUE_OFFICER,
            Role.PROSECUTOR,
            Role.DEPARTMENT_HEAD,
            Role.CHIEF_PROCURATOR,
            Role.CASE_MANAGEMENT,
        }
        | _EVERY_KIND
    ),
    OrganisationKind.COURT: frozenset(
        {Role.JUDGE, Role.ENFORCEMENT_OFFICER, Role.COURT_PRESIDENT} | _EVERY_KIND
    ),
    OrganisationKind.JUDICIAL_BUREAU: frozenset(
        {Role.BUREAU_OFFICER, Role.LEGAL_AID_OFFICER} | _EVERY_KIND
    ),
    OrganisationKind.LEGAL_AID_CENTRE: frozenset({Role.LEGAL_AID_OFFICER} | _EVERY_KIND),
    OrganisationKind.LAW_FIRM: frozenset({Role.LAWYER, Role.FIRM_ADMINISTRATOR} | _EVERY_KIND),
    OrganisationKind.BAR_ASSOCIATION: frozenset({Role.BAR_OFFICER, Role.LAWYER} | _EVERY_KIND),
    OrganisationKind.VOLUNTEER_ORGANISATION: frozenset(
        {Role.VOLUNTEER, Role.VOLUNTEER_COORDINATOR} | _EVERY_KIND
    ),
    OrganisationKind.ADMINISTRATIVE_AGENCY: frozenset({Role.AGENCY_OFFICER} | _EVERY_KIND),
    OrganisationKind.COMPANY: frozenset(_EVERY_KIND),
    OrganisationKind.PUBLIC_SECURITY: frozenset({Role.POLICE_OFFICER} | _EVERY_KIND),
}

# Groups of a procuratorate's roles that several mechanisms name: each is named here, once.

#: Those above the prosecutors, in the order they approve: the department head, then the chief
#: procurator (``Approval(default_approvers=SENIOR_ROLES)``).
SENIOR_ROLES: tuple[str, ...] = (Role.DEPARTMENT_HEAD, Role.CHIEF_PROCURATOR)
#: Who handles a procuratorate's cases, runs its hearings and publishes its notices: its
#: prosecutors and those above them.
CASE_ROLES = frozenset({Role.PROSECUTOR, *SENIOR_ROLES})
#: Who handles a case file or a petition, with the case-management office (which keeps the
#: files and runs the 12309 reception in many places).
CASE_STAFF_ROLES = CASE_ROLES | {Role.CASE_MANAGEMENT}
#: Who receive lawyers: the case-management office, prosecutors and department heads.
RECEPTION_ROLES = frozenset({Role.CASE_MANAGEMENT, Role.PROSECUTOR, Role.DEPARTMENT_HEAD})
#: Who speaks for an organisation towards its partners: drafts, signs and ends its cooperation
#: agreements (its administrator, its liaison person and its heads, whatever its kind).
SPEAKS_FOR_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.LIAISON,
        Role.CHIEF_PROCURATOR,
        Role.DEPARTMENT_HEAD,
        Role.COURT_PRESIDENT,
        Role.BUREAU_OFFICER,
        Role.LEGAL_AID_OFFICER,
        Role.VOLUNTEER_COORDINATOR,
        Role.BAR_OFFICER,
        Role.FIRM_ADMINISTRATOR,
    }
)

#: Who schedules a court's adjudication committee sessions and records them: its president, who
#: convenes the committee, and its judges (the committee's members and those who report cases
#: to it). Not its enforcement officers, nor its administrator, who keeps records, not cases.
COMMITTEE_ROLES = frozenset({Role.COURT_PRESIDENT, Role.JUDGE})
#: Who raise and answer a false-litigation or pension-fraud flag (``liaison/flags``): the case
#: staff of a procuratorate, the court's judges, enforcement officers and president, and an
#: agency's officers.
FLAG_ROLES = CASE_STAFF_ROLES | {
    Role.JUDGE,
    Role.ENFORCEMENT_OFFICER,
    Role.COURT_PRESIDENT,
    Role.AGENCY_OFFICER,
}

# Roles whose holders are staff: they work in the staff workspace and see their organisation's
# matters. Lawyers and volunteers see only the matters they are party to.
STAFF_ROLES = frozenset(Role) - {Role.LAWYER, Role.VOLUNTEER}


def roles_for(kind: str) -> frozenset[str]:
    """The roles a member of an organisation of this kind may hold."""
    return CATALOGUE.get(kind, frozenset())
