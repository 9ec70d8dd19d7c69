from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "liaison.notices"
    label = "notices"
    verbose_name = _("information notices")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.workflow.registry import register

        from .selectors import takes_part_in_notices
        from .workflows import NOTICE

        register(NOTICE)
        navigation.register(
            navigation.NavEntry(
                "notices:list",
                _("Information notices"),
                takes_part_in_notices,
                order=20,
                group=navigation.COOPERATION,
            )
        )
