"""The ASGI application: Django for HTTP, live chat for WebSockets (docs/channels.md).

Served by `manage.py runserver` (daphne is first in INSTALLED_APPS) and, in
production, by `daphne civicdesk.asgi:application` or uvicorn.
"""

import os

from channels.routing import ProtocolTypeRouter
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
# Set Django up before anything imports models (the chat routes do).
django_asgi_app = get_asgi_application()

from messaging.chat.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # Origin checked against ALLOWED_HOSTS, then the session's user, then the routes.
        "websocket": websocket_application(),
    }
)
