"""Routes for every channel's webhooks and the staff pages, mounted under /messaging/."""

from django.urls import URLPattern, URLResolver, path

from messaging import views as held_views
from messaging.chat import views as chat_views
from messaging.sms import views as sms_views
from messaging.social import views as social_views

app_name = "messaging"
urlpatterns: list[URLPattern | URLResolver] = [
    path("sms/twilio/", sms_views.twilio_inbound, name="sms-twilio"),
    path("social/webhook/", social_views.social_webhook, name="social-webhook"),
    # Staff pages (workspace look, workspace sign-in); the chat socket is /ws/messaging/staff/chat/.
    path("staff/chat/", chat_views.chat_panel, name="chat-panel"),
    path("staff/chat/<int:pk>/", chat_views.chat_panel, name="chat"),
    path("staff/chat/<int:pk>/reply/", chat_views.chat_reply, name="chat-reply"),
    path("staff/chat/<int:pk>/case/", chat_views.chat_keep, name="chat-keep"),
    path("staff/chat/<int:pk>/attach/", chat_views.chat_attach, name="chat-attach"),
    path("staff/held/", held_views.held_list, name="held"),
    path("staff/held/<int:pk>/<slug:action>/", held_views.held_action, name="held-action"),
    path("staff/social/", social_views.social_list, name="social"),
    path("staff/social/<str:tracking_number>/", social_views.social_case, name="social-case"),
]
