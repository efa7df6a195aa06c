from django.urls import path

from coaching import views

app_name = "coaching"
urlpatterns = [
    path("review/", views.review_panel, name="review"),
]
