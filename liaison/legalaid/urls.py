from django.urls import path

from . import views

app_name = "legalaid"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_new, name="new"),
]
