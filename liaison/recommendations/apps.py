from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "liaison.recommendations"
    label = "recommendations"
    verbose_name = _("procuratorial recommendations")

    def ready(self) -> None:
        from liaison.workflow.registry import register

        from .kinds import check_kinds, register_kind
        from .workflows import RECOMMENDATION, SOCIAL_GOVERNANCE

        register(RECOMMENDATION)
        register_kind(SOCIAL_GOVERNANCE)
        checks.register(check_kinds)
