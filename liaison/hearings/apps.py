from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "liaison.hearings"
    label = "hearings"
    verbose_name = _("procuratorial hearings")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.deadlines.declarations import declare_periods
        from liaison.workflow.registry import register

        from .actions import NOTICE_PERIOD
        from .workflows import HEARING

        register(HEARING)
        declare_periods([NOTICE_PERIOD], by="hearings.actions", read_by_code=True)
        # Anyone may be invited to take part in a hearing: the list is each user's own.
        navigation.register(
            navigation.NavEntry(
                "hearings:list",
                _("Hearings"),
                navigation.signed_in,
                order=30,
                group=navigation.PUBLIC_INTEREST,
            )
        )
