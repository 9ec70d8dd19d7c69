from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawyersConfig(AppConfig):
    name = "liaison.lawyers"
    label = "lawyers"
    verbose_name = _("lawyers and the procuratorate")

    def ready(self) -> None:
        from liaison.workflow.registry import register

        from .workflows import ALL

        for workflow in ALL:
            register(workflow)
