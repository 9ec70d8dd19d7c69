from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "liaison.workflow"
    label = "workflow"
    verbose_name = _("workflow")

    def ready(self) -> None:
        from django.core import checks

        from liaison.core import navigation

        from .registry import check_reactions

        checks.register(check_reactions)
        navigation.register(
            navigation.NavEntry("workspace:my-work", _("My work"), navigation.signed_in, order=10)
        )
