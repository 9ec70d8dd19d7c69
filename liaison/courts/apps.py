from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "liaison.courts"
    label = "courts"
    verbose_name = _("courts and the procuratorate")

    def ready(self) -> None:
        from liaison.core import navigation
        from liaison.recommendations.kinds import register_kind
        from liaison.workflow.registry import register

        from . import recommending, selectors
        from .workflows import ENFORCEMENT, NONLITIGATION

        register(recommending.RECOMMENDATION)
        register(ENFORCEMENT)
        register(NONLITIGATION)
        for kind in recommending.KINDS:
            register_kind(kind)
        recommending.register_reactions()
        navigation.register(
            navigation.NavEntry(
                "courts:recommend",
                _("Recommend to a court"),
                selectors.prosecutes,
                order=46,
                group=navigation.COURTS,
            ),
            navigation.NavEntry(
                "courts:cases",
                _("Enforcement cases"),
                selectors.sees_court_work,
                order=47,
                group=navigation.COURTS,
            ),
            navigation.NavEntry(
                "courts:figures",
                _("Court recommendations"),
                selectors.sees_court_work,
                order=48,
                group=navigation.COURTS,
            ),
        )
