from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentitiesConfig(AppConfig):
    name = "liaison.identities"
    label = "identities"
    verbose_name = _("identities of private persons")
