from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "liaison.volunteers"
    label = "volunteers"
    verbose_name = _("volunteers")

    def ready(self) -> None:
        from liaison.core import navigation

        from .points import register_reactions
        from .selectors import has_volunteer_page

        register_reactions()
        navigation.register(
            navigation.NavEntry(
                "volunteers:me",
                _("My volunteer page"),
                has_volunteer_page,
                order=100,
                testid="nav-volunteer",
            ),
            navigation.NavEntry(
                "volunteers:register",
                _("Become a volunteer"),
                navigation.visitor,
                order=130,
                public=True,
            ),
        )
