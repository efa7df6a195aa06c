"""Every model is editable in the admin by a city administrator."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_case


@pytest.fixture
def admin_client(client, city):
    city.ada.is_superuser = True
    city.ada.is_staff = True
    city.ada.save()
    client.force_login(city.ada)
    return client


def test_every_registered_model_has_working_list_and_add_pages(admin_client, city, rf):
    request = rf.get("/")
    request.user = city.ada
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(changelist).status_code == 200, changelist
        if model_admin.has_add_permission(request):
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert admin_client.get(add).status_code == 200, add


def test_case_change_page_shows_the_timeline_read_only(admin_client, city):
    case = make_case(city.pothole, address="1 Main St")
    response = admin_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert response.status_code == 200
    assert case.tracking_number in response.content.decode()


def test_service_standard_is_editable_with_its_steps(admin_client, city):
    standard = city.pothole.standard
    url = reverse("admin:catalogue_servicestandard_change", args=[standard.pk])
    page = admin_client.get(url).content.decode()
    assert "We inspect the site" in page
