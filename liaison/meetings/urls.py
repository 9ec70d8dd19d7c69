from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("figures/", views.figures, name="figures"),
    path("new/<int:agreement>/", views.meeting_new, name="new"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/minutes/approve/", views.approve, name="approve"),
    path("<int:pk>/resolutions/", views.resolve, name="resolve"),
    path("<int:pk>/calendar.ics", views.ical, name="ical"),
    path("<int:pk>/minutes.<str:fmt>", views.minutes, name="minutes"),
    path("items/<int:pk>/progress/", views.progress, name="progress"),
]
