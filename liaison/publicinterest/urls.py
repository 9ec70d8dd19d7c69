from django.urls import path

from . import views

app_name = "publicinterest"

urlpatterns = [
    path("", views.intro, name="intro"),
    path("report/", views.report, name="report"),
    path("report/receipt/", views.receipt, name="receipt"),
    path("report/nearby/", views.nearby, name="nearby"),
    path("progress/", views.progress, name="progress"),
    path("places/", views.places, name="places"),
    path("triage/", views.triage, name="triage"),
    path("clues/<int:pk>/reporter/", views.reporter, name="reporter"),
    path(
        "clues/<int:pk>/additions/<int:addition>/reporter/",
        views.reporter,
        name="addition-reporter",
    ),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:pk>/observations/", views.observe, name="observe"),
    path("figures/", views.figures, name="figures"),
]
