from django.urls import path

from . import views

app_name = "orgs"

urlpatterns = [
    path("", views.administered, name="administered"),
    path("<int:pk>/", views.partners, name="partners"),
    path("<int:pk>/candidates/", views.candidates, name="candidates"),
    path("<int:pk>/cooperations/", views.cooperation_new, name="cooperation-new"),
    path(
        "<int:pk>/cooperations/<int:cooperation>/end/",
        views.cooperation_end,
        name="cooperation-end",
    ),
    path("<int:pk>/area/", views.own_area, name="own-area"),
]
