from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "liaison.petitions"
    label = "petitions"
    verbose_name = _("petitions involving laws and lawsuits")

    def ready(self) -> None:
        from liaison.workflow.registry import register

        from .workflows import PETITION

        register(PETITION)
