from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "liaison.volunteers"
    label = "volunteers"
    verbose_name = _("volunteers")

    def ready(self) -> None:
        from .points import register_reactions

        register_reactions()
