from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicInterestConfig(AppConfig):
    name = "liaison.publicinterest"
    label = "publicinterest"
    verbose_name = _("public-interest litigation")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.identities import reveal
        from liaison.recommendations.kinds import register_kind
        from liaison.workflow.registry import register

        from .identities import REPORTER
        from .recommending import PRE_LITIGATION, RECOMMENDATION, register_reactions
        from .selectors import triages_clues, works_at_procuratorate
        from .workflows import ADMIN_CASE, CIVIL_CASE, CLUE

        for workflow in (CLUE, ADMIN_CASE, CIVIL_CASE, RECOMMENDATION):
            register(workflow)
        register_kind(PRE_LITIGATION)
        register_reactions()
        reveal.register(REPORTER)
        _forget_fields_when_they_change()
        navigation.register(
            navigation.NavEntry(
                "publicinterest:triage",
                _("Clue triage"),
                triages_clues,
                order=40,
                testid="nav-triage",
                group=navigation.PUBLIC_INTEREST,
            ),
            navigation.NavEntry(
                "publicinterest:cases",
                _("Public-interest cases"),
                works_at_procuratorate,
                order=50,
                testid="nav-cases",
                group=navigation.PUBLIC_INTEREST,
            ),
            navigation.NavEntry(
                "publicinterest:intro",
                _("Report a public-interest clue"),
                navigation.visitor,
                order=110,
                public=True,
            ),
        )


def _forget_fields_when_they_change() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import Field
    from .selectors import forget_fields

    post_save.connect(forget_fields, sender=Field, dispatch_uid="publicinterest.fields.save")
    post_delete.connect(forget_fields, sender=Field, dispatch_uid="publicinterest.fields.delete")
