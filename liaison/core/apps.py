from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "liaison.core"
    label = "core"
    verbose_name = _("core")

    def ready(self) -> None:
        from . import navigation

        navigation.register(
            navigation.NavEntry(
                "admin:index", _("Administration"), navigation.site_administrator, order=90
            ),
            navigation.NavEntry("login", _("Log in"), navigation.visitor, order=150, public=True),
        )
