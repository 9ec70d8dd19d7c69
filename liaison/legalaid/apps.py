from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalAidConfig(AppConfig):
    name = "liaison.legalaid"
    label = "legalaid"
    verbose_name = _("legal-aid referrals")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.identities import reveal
        from liaison.workflow.registry import register

        from .identities import PERSONS
        from .selectors import may_refer, takes_part_in_referrals
        from .workflows import WORKFLOWS

        for workflow in WORKFLOWS:
            register(workflow)
        reveal.register(*PERSONS)
        navigation.register(
            navigation.NavEntry(
                "legalaid:list",
                _("Legal-aid referrals"),
                takes_part_in_referrals,
                order=75,
                testid="nav-legalaid",
                group=navigation.SUPPORT,
            )
        )
        navigation.register(
            navigation.NavEntry(
                "legalaid:new",
                _("Refer to legal aid"),
                may_refer,
                order=76,
                testid="nav-refer",
                group=navigation.SUPPORT,
            )
        )
