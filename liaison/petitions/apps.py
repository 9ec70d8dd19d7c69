from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "liaison.petitions"
    label = "petitions"
    verbose_name = _("petitions involving laws and lawsuits")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.identities import reveal
        from liaison.workflow.registry import register

        from .identities import PETITIONER
        from .selectors import handles_petitions
        from .workflows import PETITION

        register(PETITION)
        reveal.register(PETITIONER)
        navigation.register(
            navigation.NavEntry(
                "petitions:list",
                _("Petitions"),
                handles_petitions,
                order=70,
                testid="nav-petitions",
            )
        )
