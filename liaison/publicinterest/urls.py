from django.urls import path

from liaison.identities.views import reveal

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
    # the audited look at who reported a clue is the shared one (``identities:reveal``)
    path("clues/<int:pk>/reporter/", reveal, {"subject": "reporter"}, name="reporter"),
    path(
        "clues/<int:pk>/additions/<int:item>/reporter/",
        reveal,
        {"subject": "reporter"},
        name="addition-reporter",
    ),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:pk>/evidence/", views.add_evidence, name="add-evidence"),
    path("cases/<int:pk>/observations/", views.observe, name="observe"),
    path("cases/<int:pk>/supervision/", views.supervision, name="supervision"),
    path("cases/<int:pk>/supervisors/", views.assign_supervisor, name="assign-supervisor"),
    path(
        "cases/<int:pk>/supervisors/<int:person>/withdraw/",
        views.withdraw_supervisor,
        name="withdraw-supervisor",
    ),
    path("observations/<int:pk>/review/", views.review_observation, name="review-observation"),
    path("figures/", views.figures, name="figures"),
]
