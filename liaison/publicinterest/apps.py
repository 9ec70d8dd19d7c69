from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicInterestConfig(AppConfig):
    name = "liaison.publicinterest"
    label = "publicinterest"
    verbose_name = _("public-interest litigation")

    def ready(self) -> None:
        from liaison.workflow.registry import register

        from .workflows import ADMIN_CASE, CIVIL_CASE, CLUE, RECOMMENDATION

        for workflow in (CLUE, ADMIN_CASE, CIVIL_CASE, RECOMMENDATION):
            register(workflow)
