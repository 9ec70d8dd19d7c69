from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "liaison.notices"
    label = "notices"
    verbose_name = _("information notices")

    def ready(self) -> None:
        from liaison.workflow.registry import register

        from .workflows import NOTICE

        register(NOTICE)
