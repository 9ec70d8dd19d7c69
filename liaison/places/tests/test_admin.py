"""The division admin lets staff search the table but not change it."""

import copy
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from liaison.places.models import Division

pytestmark = [
    pytest.mark.usefixtures("divisions"),
    pytest.mark.urls("liaison.places.tests.admin_urls"),
]


@pytest.fixture
def superuser(db: None) -> Any:
    return get_user_model().objects.create_superuser("root", "root@example.com", "x", name="管理员")


@pytest.fixture
def model_admin() -> admin.ModelAdmin:
    return admin.site._registry[Division]


@pytest.fixture
def plain_pages(settings: Any) -> None:
    """Django's own context processors only: these pages must not depend on other apps' state."""
    templates = copy.deepcopy(settings.TEMPLATES)
    for engine in templates:
        processors = engine.get("OPTIONS", {}).get("context_processors", [])
        processors[:] = [p for p in processors if p.startswith("django.")]
    settings.TEMPLATES = templates


@pytest.mark.parametrize(
    ("query", "code"), [("康巴什", "150603"), ("150603", "150603"), ("1506", "150603")]
)
def test_search_by_name_and_code(
    model_admin: admin.ModelAdmin, superuser: Any, query: str, code: str
) -> None:
    request = RequestFactory().get("/", {"q": query})
    request.user = superuser
    found, _ = model_admin.get_search_results(request, Division.objects.all(), query)
    assert code in {d.code for d in found}
    assert all(d.code.startswith(query) or query in d.name for d in found)


def test_read_only(model_admin: admin.ModelAdmin, superuser: Any) -> None:
    request = RequestFactory().get("/")
    request.user = superuser
    division = Division.objects.get(code="150603")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, division)
    assert not model_admin.has_delete_permission(request, division)
    assert model_admin.has_view_permission(request, division)


@pytest.mark.usefixtures("plain_pages")
def test_pages(superuser: Any) -> None:
    client = Client()
    client.force_login(superuser)
    changelist = client.get(reverse("admin:places_division_changelist"), {"q": "康巴什"})
    assert changelist.status_code == 200
    assert "150603" in changelist.content.decode()
    change = reverse("admin:places_division_change", args=["150603"])
    assert client.get(change).status_code == 200
    assert client.post(change, {"name": "改名"}).status_code == 403
    assert client.get(reverse("admin:places_division_add")).status_code == 403
    delete = reverse("admin:places_division_delete", args=["150603"])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Division.objects.get(code="150603").name == "康巴什区"
