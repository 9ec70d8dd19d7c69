from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "liaison.meetings"
    label = "meetings"
    verbose_name = _("joint meetings")

    def ready(self) -> None:
        from liaison.agreements import registry as agreements_registry
        from liaison.core import navigation
        from liaison.workflow.definitions import Panel
        from liaison.workflow.registry import add_my_work_panel, add_shared_panel, register

        from .selectors import meetings_records, takes_part_in_meetings
        from .workflows import ACTION_ITEM, MEETING

        register(MEETING)
        # On an agreement's page (the template shows nothing on another matter's).
        add_shared_panel(Panel("meetings/_agreement_meetings.html", column="side"))
        add_my_work_panel("meetings/_my_work.html")
        register(ACTION_ITEM)
        agreements_registry.set_meetings_provider(meetings_records)
        navigation.register(
            navigation.NavEntry(
                "meetings:list",
                _("Joint meetings"),
                takes_part_in_meetings,
                order=26,
                group=navigation.COOPERATION,
            )
        )
