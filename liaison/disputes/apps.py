from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "liaison.disputes"
    label = "disputes"
    verbose_name = _("disputes")

    def ready(self) -> None:
        from liaison.agreements.workflows import AGREEMENT, NAMED
        from liaison.core import navigation
        from liaison.workflow.definitions import Panel
        from liaison.workflow.registry import add_shared_panel, react, register

        from .actions import meeting_cancelled, office_changed
        from .selectors import takes_part_in_disputes
        from .workflows import DISPUTE

        register(DISPUTE)
        # On the page of any matter a dispute may be about (the template asks the selectors).
        add_shared_panel(Panel("disputes/_subject_disputes.html", column="side"))
        react("meetings.meeting", "cancel", meeting_cancelled)
        # The joint office of open disputes follows the liaison persons named under the agreement.
        react(AGREEMENT.name, NAMED, office_changed)
        navigation.register(
            navigation.NavEntry(
                "disputes:list",
                _("Disputes"),
                takes_part_in_disputes,
                order=27,
                group=navigation.COOPERATION,
            )
        )
