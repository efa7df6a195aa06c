"""Forgotten staff passwords, under /staff/password/ (accounts/password_reset.py)."""

from django.urls import path

from accounts import views

app_name = "staff_password"
urlpatterns = [
    path("reset/", views.password_reset, name="reset"),
    path("reset/sent/", views.password_reset_done, name="done"),
    path("reset/<uidb64>/<token>/", views.password_reset_confirm, name="confirm"),
    path("reset/done/", views.password_reset_complete, name="complete"),
]
