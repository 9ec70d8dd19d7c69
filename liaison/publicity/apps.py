from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "liaison.publicity"
    label = "publicity"
    verbose_name = _("joint publicity")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.workflow.definitions import Panel
        from liaison.workflow.registry import add_shared_panel

        from .selectors import takes_part_in_publicity

        # On an agreement's page (the template shows nothing on another matter's).
        add_shared_panel(Panel("publicity/_agreement_events.html", column="side"))
        navigation.register(
            navigation.NavEntry(
                "publicity:list", _("Joint publicity"), takes_part_in_publicity, order=27
            )
        )
