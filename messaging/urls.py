"""Routes for every channel's webhooks and the staff pages, mounted under /messaging/.

Each channel's own routes are in `<channel>/urls.py`; email has none (it comes in
by the MTA pipe or IMAP poll: `manage.py ingest_email`, `manage.py poll_imap`).
Staff pages look like the workspace and need the workspace sign-in.
"""

from django.urls import URLPattern, URLResolver, include, path

from messaging import views as held_views

app_name = "messaging"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("messaging.sms.urls")),
    path("", include("messaging.whatsapp.urls")),
    path("", include("messaging.social.urls")),
    path("", include("messaging.chat.urls")),
    # Held messages are every channel's: /messaging/staff/held/.
    path("staff/held/", held_views.held_list, name="held"),
    path("staff/held/<int:pk>/<slug:action>/", held_views.held_action, name="held-action"),
]
