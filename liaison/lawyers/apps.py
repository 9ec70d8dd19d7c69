from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawyersConfig(AppConfig):
    name = "liaison.lawyers"
    label = "lawyers"
    verbose_name = _("lawyers and the procuratorate")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.workflow.registry import register

        from .selectors import uses_lawyer_pages
        from .workflows import ALL

        for workflow in ALL:
            register(workflow)
        navigation.register(
            navigation.NavEntry(
                "lawyers:home", _("Lawyers"), uses_lawyer_pages, order=60, testid="nav-lawyers"
            ),
            navigation.NavEntry(
                "lawyers:register",
                _("Register as a lawyer"),
                navigation.visitor,
                order=140,
                public=True,
            ),
        )
