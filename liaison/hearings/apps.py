from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "liaison.hearings"
    label = "hearings"
    verbose_name = _("procuratorial hearings")

    def ready(self) -> None:
        from liaison.workflow.registry import register

        from .workflows import HEARING

        register(HEARING)
