from django.urls import include, path

from . import views

app_name = "supportprosecution"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("apply/", views.apply, name="apply"),
    path("apply/receipt/", views.receipt, name="receipt"),
    path("status/", views.status, name="status"),
    path("new/", views.case_new, name="new"),
    path("referrals/new/", views.referral_new, name="referral-new"),
    path("cases/<int:pk>/beneficiaries/", views.beneficiary_add, name="beneficiary-add"),
    path(
        "cases/<int:pk>/beneficiaries/<int:item>/remove/",
        views.beneficiary_remove,
        name="beneficiary-remove",
    ),
    path("cases/<int:pk>/recoveries/", views.recovery_add, name="recovery-add"),
    path("cases/<int:pk>/opinion.<str:fmt>", views.opinion, name="opinion"),
    path("figures/", include("liaison.supportprosecution.figures_urls")),
]
