"""Issue 14 finding 4, as the attack: contact details typed by a stranger change no one's record.

Through the real door: the signed-out portal form.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from tests.portal.test_request_form import valid

pytestmark = pytest.mark.django_db


def test_a_signed_out_request_with_someones_email_and_a_new_phone_leaves_their_record(client, city):
    rita = city.rita
    rita.phone = ""
    rita.save(update_fields=["phone"])

    response = client.post(
        reverse("portal:request", args=["pothole"]),
        valid(full_name="Mallory", email=rita.email.upper(), phone="+1 212 555 0666"),
    )

    assert response.status_code == 302
    rita.refresh_from_db()
    assert (rita.full_name, rita.phone) == ("Rita Moreno", "")
    # The request is routed by the email it gave, and nothing else moved.
    assert Case.objects.order_by("-id").first().resident == rita
