from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("read/", views.mark_read, name="mark_read"),
    path("failed/", views.failed_list, name="failed"),
    path("failed/<int:pk>/send-again/", views.send_again, name="send_again"),
]
