from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "liaison.announcements"
    label = "announcements"
    verbose_name = _("public notices")

    def ready(self) -> None:
        from liaison.core import navigation

        navigation.register(
            navigation.NavEntry(
                "announcements:list",
                _("Public notices"),
                navigation.visitor,
                order=120,
                public=True,
            )
        )
