from django.urls import path

from payments import views

app_name = "payments"
urlpatterns = [
    path("webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("demo/<str:token>/", views.demo_checkout, name="demo_checkout"),
    path("<str:token>/", views.pay, name="pay"),
    path("<str:token>/done/", views.done, name="done"),
]
