from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlagsConfig(AppConfig):
    name = "liaison.flags"
    label = "flags"
    verbose_name = _("false-litigation and pension-fraud flags")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.workflow.definitions import Panel
        from liaison.workflow.registry import add_shared_panel, register

        from .selectors import takes_part_in_flags
        from .workflows import FLAG

        register(FLAG)
        # On the page of any matter (the template asks the selectors what it may show).
        add_shared_panel(Panel("flags/_subject_flags.html", column="side"))
        navigation.register(
            navigation.NavEntry(
                "flags:list",
                _("Flags"),
                takes_part_in_flags,
                order=28,
                group=navigation.COOPERATION,
            )
        )
