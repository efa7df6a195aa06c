from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("setup/", views.mfa_setup, name="mfa-setup"),
    path("verify/", views.mfa_verify, name="mfa-verify"),
    path("passkey/", views.mfa_passkey_verify, name="mfa-passkey-verify"),
    path("passkeys/", views.mfa_passkeys, name="mfa-passkeys"),
    path("passkeys/<int:pk>/remove/", views.mfa_passkey_remove, name="mfa-passkey-remove"),
    path("recovery-codes/", views.mfa_recovery_codes, name="mfa-recovery-codes"),
]
