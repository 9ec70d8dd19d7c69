from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "liaison.orgs"
    label = "orgs"
    verbose_name = _("orgs")

    def ready(self) -> None:
        from liaison.core import navigation

        from .selectors import administers_an_organisation

        navigation.register(
            navigation.NavEntry(
                "orgs:administered",
                _("Cooperation partners"),
                administers_an_organisation,
                order=85,
                testid="nav-partners",
            )
        )
