"""The figures' pages, included under the app's namespace (``urls.py``, one line)."""

from django.urls import path

from . import figures_views

urlpatterns = [
    path("", figures_views.figures, name="figures"),
    path("report/", figures_views.figures_print, name="figures-print"),
    path("figures.xlsx", figures_views.figures_xlsx, name="figures-xlsx"),
]
