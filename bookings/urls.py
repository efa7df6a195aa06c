from django.urls import path

from bookings import views

app_name = "bookings"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("booking/<str:token>/", views.confirmed, name="confirmed"),
    path("booking/<str:token>/cancel/", views.cancel, name="cancel"),
    path("booking/<str:token>/calendar.ics", views.booking_calendar_file, name="ics"),
    path("<slug:slug>/", views.resource_calendar, name="calendar"),
    path("<slug:slug>/book/", views.book, name="book"),
]
