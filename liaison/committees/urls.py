from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.session_new, name="new"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda"),
    path("<int:pk>/calendar.ics", views.ical, name="ical"),
]
