from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "liaison.committees"
    label = "committees"
    verbose_name = _("adjudication committee sessions")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.deadlines.declarations import declare_periods
        from liaison.workflow.registry import add_shared_event, register

        from .rules import NOTICE_PERIOD
        from .selectors import takes_part
        from .workflows import OPINION_EVENT, OPINION_LABEL, SESSION

        register(SESSION)
        add_shared_event(OPINION_EVENT, OPINION_LABEL)
        declare_periods([NOTICE_PERIOD], by="committees.rules", read_by_code=True)
        navigation.register(
            navigation.NavEntry(
                "committees:list",
                _("Adjudication committee"),
                takes_part,
                order=27,
                group=navigation.COURTS,
            )
        )
