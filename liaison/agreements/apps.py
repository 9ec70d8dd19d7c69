from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "liaison.agreements"
    label = "agreements"
    verbose_name = _("cooperation agreements")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.workflow.registry import add_shared_panel, register

        from .selectors import takes_part_in_agreements
        from .workflows import AGREEMENT, GOVERNED_BY_PANEL

        register(AGREEMENT)
        add_shared_panel(GOVERNED_BY_PANEL)
        navigation.register(
            navigation.NavEntry(
                "agreements:list",
                _("Agreements"),
                takes_part_in_agreements,
                order=15,
                group=navigation.COOPERATION,
            )
        )
