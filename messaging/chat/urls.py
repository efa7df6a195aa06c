"""Live chat's staff panel, mounted under /messaging/; the sockets are in routing.py."""

from django.urls import URLPattern, path

from messaging.chat import views

urlpatterns: list[URLPattern] = [
    path("staff/chat/", views.chat_panel, name="chat-panel"),
    path("staff/chat/<int:pk>/", views.chat_panel, name="chat"),
    path("staff/chat/<int:pk>/reply/", views.chat_reply, name="chat-reply"),
    path("staff/chat/<int:pk>/case/", views.chat_keep, name="chat-keep"),
    path("staff/chat/<int:pk>/attach/", views.chat_attach, name="chat-attach"),
]
