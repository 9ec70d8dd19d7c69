from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "liaison.workflow"
    label = "workflow"
    verbose_name = _("workflow")

    def ready(self) -> None:
        from django.core import checks

        from liaison.core import navigation

        from .registry import check_reactions

        post_migrate.connect(_sync_workflow_periods, sender=self)
        checks.register(check_reactions)
        navigation.register(
            navigation.NavEntry("workspace:my-work", _("My work"), navigation.signed_in, order=10)
        )


def _sync_workflow_periods(**kwargs: object) -> None:
    """Create the Period rows the registered workflows need (never overwriting corrections)."""
    from liaison.deadlines.periods import sync_periods

    from .registry import all_workflows

    sync_periods(p for w in all_workflows() for p in w.periods)
