from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("setup/", views.mfa_setup, name="mfa-setup"),
    path("verify/", views.mfa_verify, name="mfa-verify"),
    path("recovery-codes/", views.mfa_recovery_codes, name="mfa-recovery-codes"),
]
