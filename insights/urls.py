from django.urls import path

from insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("metrics/", views.metrics, name="metrics"),
    path("open-data/", views.open_data, name="open_data"),
]
