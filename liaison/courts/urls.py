from django.urls import path

from . import views

app_name = "courts"

urlpatterns = [
    path("recommend/", views.recommend, name="recommend"),
    path("cases/", views.cases, name="cases"),
    path("cases/share/", views.share, name="share"),
    path("cases/<int:pk>/", views.case, name="case"),
    path("import/", views.register_import, name="import"),
    path("import/<int:pk>/report.csv", views.import_report, name="import-report"),
    path("figures/", views.figures, name="figures"),
]
