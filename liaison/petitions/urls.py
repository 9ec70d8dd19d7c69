from django.urls import path

from liaison.identities.views import reveal

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.petition_new, name="new"),
    # the audited look at who petitioned is the shared one (``identities:reveal``)
    path("<int:pk>/petitioner/", reveal, {"subject": "petitioner"}, name="petitioner"),
    path("figures/", views.figures, name="figures"),
]
