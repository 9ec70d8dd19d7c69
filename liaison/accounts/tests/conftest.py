"""The accounts tests share the organisation tests' fixtures (divisions, admin client)."""

from liaison.orgs.tests.conftest import divisions, staff_client, superuser

__all__ = ["divisions", "staff_client", "superuser"]
