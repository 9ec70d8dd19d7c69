from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportProsecutionConfig(AppConfig):
    name = "liaison.supportprosecution"
    label = "supportprosecution"
    verbose_name = _("support prosecution")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.identities.reveal import register as register_subjects
        from liaison.workflow.registry import react, register

        from . import identities, selectors
        from .referrals import referral_accepted
        from .workflows import SUPPORT_CASE

        register(SUPPORT_CASE)
        react("legalaid.to_procuratorate", ("accept",), referral_accepted)
        register_subjects(identities.APPLICANT, identities.BENEFICIARY)
        navigation.register(
            navigation.NavEntry(
                "supportprosecution:list",
                _("Support prosecution"),
                selectors.works_on_support,
                order=49,
                group=navigation.SUPPORT,
            ),
            navigation.NavEntry(
                "supportprosecution:apply",
                _("Apply for support prosecution"),
                navigation.visitor,
                order=112,
                public=True,
            ),
        )
        from .figures_views import sees_figures

        navigation.register(
            navigation.NavEntry(
                "supportprosecution:figures",
                _("Support-prosecution figures"),
                sees_figures,
                order=50,
            )
        )
