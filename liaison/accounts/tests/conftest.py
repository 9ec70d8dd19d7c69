"""The accounts tests share the organisation tests' fixtures (divisions, admin client)."""

from liaison.orgs.tests.conftest import divisions, plain_pages, staff_client, superuser

__all__ = ["divisions", "plain_pages", "staff_client", "superuser"]
