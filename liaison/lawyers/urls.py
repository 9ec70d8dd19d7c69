from django.urls import path

from . import views

app_name = "lawyers"

urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("register/confirm/", views.register_confirm, name="register-confirm"),
    path("book/", views.book, name="book"),
    path("book/<int:pk>/", views.book_slot, name="book-slot"),
    path("bookings/<int:pk>/calendar.ics", views.booking_calendar, name="calendar"),
    path("my-cases/<int:pk>/", views.counsel_case, name="counsel-case"),
    path("file-review/", views.file_review_new, name="file-review"),
    path("documents/<str:token>/", views.download, name="download"),
    path("complaints/new/", views.complaint_new, name="complaint"),
    path("plea/<int:pk>/opinion/", views.opinion, name="opinion"),
    path("cases/", views.cases, name="cases"),
    path("cases/<int:pk>/counsel/", views.counsel, name="counsel"),
    path("counsel/<int:pk>/end/", views.counsel_end, name="counsel-end"),
    path("cases/<int:pk>/release/", views.release, name="release"),
    path("releases/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("slots/", views.slots, name="slots"),
    path("roster/", views.roster, name="roster"),
    path("figures/", views.figures, name="figures"),
]
