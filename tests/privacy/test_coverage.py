"""Every model that holds personal data is covered by export, erasure and retention.

A new model with a field that can hold a name, a contact or resident-written
text fails here until its app registers it in its privacy.py (privacy/registry.py)
or it is listed below with the reason it holds none.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from privacy.registry import registered

OUR_APPS = {
    "accounts", "api", "bookings", "calendars", "cases", "catalogue", "core", "insights",
    "knowledge", "messaging", "notifications", "open311", "organisations", "portal",
    "privacy", "residents", "workspace", "bre", "coaching", "alerts", "payments", "rootcauses",
    "audit",
    "engagement",
}  # fmt: skip
PERSONAL_NAMES = {
    "full_name", "name", "first_name", "last_name", "email", "phone", "address", "body",
    "body_html", "description", "sender", "sender_name", "subject", "handle", "answers",
    "fields", "device_id", "account_id", "address_id", "file", "actor_label", "post_url",
    "media_url", "notes", "contact_name", "contact_email", "contact_phone", "text",
}  # fmt: skip
NOT_PERSONAL = {
    "accounts.User": "staff accounts: staff data, not residents'; resident accounts are deleted",
    "accounts.PasskeyDevice": "a staff member's passkey and its label (staff data)",
    "catalogue.Service": "catalogue content written by staff",
    "payments.Bill": "bills the city issued: a reference, staff-written text and an amount",
    "insights.Ward": "a ward's name and bounding box (open data configuration)",
    "insights.PublicResolutionText": "a per-service text written by staff for publication",
    "catalogue.ServiceGroup": "catalogue content written by staff",
    "catalogue.ServiceQuestion": "catalogue content written by staff",
    "catalogue.QuestionOption": "catalogue content written by staff",
    "catalogue.StandardStep": "catalogue content written by staff",
    "catalogue.ServiceStandard": "catalogue content written by staff",
    "knowledge.Category": "published knowledge base",
    "knowledge.Article": "published knowledge base",
    "knowledge.ArticleTranslation": "published knowledge base",
    "portal.ServiceGroupTranslation": "catalogue translations",
    "portal.ServiceTranslation": "catalogue translations",
    "portal.StepTranslation": "catalogue translations",
    "portal.QuestionTranslation": "catalogue translations",
    "portal.OptionTranslation": "catalogue translations",
    "organisations.Jurisdiction": "the city itself",
    "organisations.Department": "the city's departments",
    "calendars.BusinessCalendar": "opening hours",
    "calendars.Closure": "holidays",
    "bookings.BookableResource": "parks and rooms",
    "bookings.Blackout": "closures of a resource",
    "cases.CaseStep": "the service standard's step names",
    "messaging.Mailbox": "the city's mailboxes",
    "messaging.StaffPresence": "staff chat presence",
    "open311.ApiKey": "apps that call Open311",
    "api.ApiToken": "staff API tokens",
    "workspace.SavedView": "staff queue filters",
    "privacy.LegalHold": "the reason names a matter, not a person; removed with the case",
    "privacy.RetentionRule": "configuration",
    "privacy.AnonymisedCase": "a marker",
    "privacy.DataRequest": "the request itself: kept as the record that it was handled",
    "bookings.BookableResourceTranslation": "names of parks and rooms",
    "coaching.PracticeAttempt": "staff answers to made-up training scenarios (staff data)",
    "bre.Business": "a company's register entry (a business address, not a person's)",
    "bre.Stakeholder": "partner organisations (chamber, utilities), not people",
    "bre.Instrument": "the programme's interview",
    "bre.Question": "the programme's interview",
    "bre.Opportunity": "a business's growth plans",
    "bre.MacroIssue": "an issue shared by many businesses",
}


def _personal_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.Field) and not f.is_relation and f.name in PERSONAL_NAMES
    ]


def test_every_model_with_personal_fields_is_registered_or_explained():
    covered = {entry.model._meta.label for entry in registered()}
    missing = [
        f"{model._meta.label} ({', '.join(_personal_fields(model))})"
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and _personal_fields(model)
        and model._meta.label not in covered
        and model._meta.label not in NOT_PERSONAL
    ]

    assert missing == []


def test_every_registration_names_real_fields_and_a_case_scope_where_it_has_a_case():
    for entry in registered():
        names = {f.name for f in entry.model._meta.get_fields()}
        assert set(entry.fields) <= names, entry.model._meta.label
        has_case = any(
            f.concrete and getattr(f, "related_model", None) is apps.get_model("cases", "Case")
            for f in entry.model._meta.get_fields()
        )
        if has_case:
            assert entry.for_cases is not None, entry.model._meta.label
