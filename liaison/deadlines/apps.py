from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "liaison.deadlines"
    label = "deadlines"
    verbose_name = _("deadlines")

    def ready(self) -> None:
        """Load the declared periods after migrate and check them at start-up; drop the cached
        calendar and periods when they change."""
        from django.core import checks

        from .declarations import check_periods, sync_declared_periods
        from .models import CalendarCorrection, Period, PeriodOverride

        post_migrate.connect(
            sync_declared_periods, sender=self, dispatch_uid="deadlines.sync_declared_periods"
        )
        checks.register(check_periods)
        post_save.connect(
            invalidate_calendar_on_change,
            sender=CalendarCorrection,
            dispatch_uid="deadlines.calendar_cache.save",
        )
        post_delete.connect(
            invalidate_calendar_on_change,
            sender=CalendarCorrection,
            dispatch_uid="deadlines.calendar_cache.delete",
        )
        for model in (Period, PeriodOverride):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_periods_on_change,
                    sender=model,
                    dispatch_uid=f"deadlines.periods_cache.{model.__name__}.{signal is post_save}",
                )


def invalidate_calendar_on_change(sender: type, using: str = "default", **kwargs: object) -> None:
    """Clear the calendar cache at once (this request sees the change) and again after commit.

    The second clear catches another thread that reloaded the cache between the save and the
    commit and so still holds the old corrections.
    """
    from .calendar import invalidate_calendar_cache

    invalidate_calendar_cache()
    transaction.on_commit(invalidate_calendar_cache, using=using)


def forget_periods_on_change(sender: type, using: str = "default", **kwargs: object) -> None:
    """Drop the cached periods at once and again after commit (as the calendar's)."""
    from .periods import forget_periods

    forget_periods()
    transaction.on_commit(forget_periods, using=using)
