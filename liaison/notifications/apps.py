from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "liaison.notifications"
    label = "notifications"
    verbose_name = _("notifications")

    def ready(self) -> None:
        from liaison.core import navigation

        navigation.register(
            navigation.NavEntry(
                "notifications:inbox",
                _("Inbox"),
                navigation.signed_in,
                order=80,
                badge="unread_notifications",
            )
        )
