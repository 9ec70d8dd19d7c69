from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_new, name="new"),
    path("recipients/", views.recipient_search, name="recipients"),
]
