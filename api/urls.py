"""REST API v1 under /api/v1/ (see api/main.py and docs/api.md).

No app_name here: django-ninja registers its own URL namespace, "api-v1".
"""

from django.urls import path

from api.main import api

urlpatterns = [path("", api.urls)]
