"""Only the admin, so these tests do not depend on URL modules other apps are still writing."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
