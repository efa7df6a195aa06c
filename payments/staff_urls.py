from django.urls import path

from payments import staff_views

app_name = "payments_staff"
urlpatterns = [
    path("", staff_views.reconciliation_page, name="reconciliation"),
    path("reconciliation.csv", staff_views.reconciliation_download, name="reconciliation_csv"),
]
