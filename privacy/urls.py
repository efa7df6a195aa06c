from django.urls import path

from privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.data_requests, name="requests"),
    path("<int:pk>/", views.data_request, name="request"),
    path("<int:pk>/copy.<str:fmt>", views.data_request_copy, name="copy"),
    path("holds/", views.legal_holds, name="holds"),
    path("holds/<int:pk>/lift/", views.legal_hold_lift, name="lift"),
    path("retention/", views.retention_report, name="retention"),
]
