from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "liaison.hearings"
    label = "hearings"
    verbose_name = _("procuratorial hearings")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.workflow.registry import register

        from .workflows import HEARING

        register(HEARING)
        # Anyone may be invited to take part in a hearing: the list is each user's own.
        navigation.register(
            navigation.NavEntry("hearings:list", _("Hearings"), navigation.signed_in, order=30)
        )
