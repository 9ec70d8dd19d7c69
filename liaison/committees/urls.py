from django.urls import path

from . import views

app_name = "committees"

urlpatterns = [
    path("", views.session_list, name="list"),
    path("new/", views.session_new, name="new"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda"),
    path("<int:pk>/agenda/<int:item_pk>/", views.agenda_item, name="agenda-item"),
    path("<int:pk>/agenda/<int:item_pk>/withdraw/", views.agenda_withdraw, name="agenda-withdraw"),
    path("<int:pk>/calendar.ics", views.ical, name="ical"),
]
