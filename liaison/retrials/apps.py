from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetrialsConfig(AppConfig):
    name = "liaison.retrials"
    label = "retrials"
    verbose_name = _("civil retrials")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.deadlines.declarations import use_periods
        from liaison.workflow.registry import register

        from .selectors import sees_retrials
        from .workflows import RECOMMENDATION_PERIOD, RETRIAL

        register(RETRIAL)
        # The ruling clock runs the protest's period or the recommendation's, by the case's
        # kind (``workflows.KindClockSpec``); the registry knows only the first from the spec.
        use_periods([RECOMMENDATION_PERIOD], by=RETRIAL.name)
        navigation.register(
            navigation.NavEntry(
                "retrials:list",
                _("Civil retrials"),
                sees_retrials,
                order=28,
                group=navigation.COURTS,
            )
        )
