"""Parsing the request form: fields, service questions and photos, with one message per field.

The service's questions are validated by catalogue.answers.clean_answers (through
cases.services.case_create), so the portal has no rules of its own about
answers; it only maps each error back to the field it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.password_reset import AccountLimitedResetForm, is_staff_account
from cases.models import Channel
from cases.services import case_validate
from catalogue.models import QuestionType, Service
from portal.photos import MAX_PHOTOS, CleanPhoto, PhotoError, clean_photo
from portal.selectors import QuestionView, location_prompt
from portal.services import clean_contact

HONEYPOT = "website"
# Order of fields on the page, so the error summary lists them in the same order.
FIELD_ORDER = [
    "description",
    "address",
    "lat",
    "long",
    "photos",
    "anonymous",
    "full_name",
    "email",
    "phone",
    "channel",
    "language",
]


@dataclass
class RequestFormData:
    values: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    photos: list[CleanPhoto] = field(default_factory=list)
    contact: dict[str, str] | None = None
    errors: dict[str, str] = field(default_factory=dict)

    def add_error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)


def without_nul(text: str) -> str:
    """PostgreSQL refuses NUL characters in text; no resident means to send one."""
    return text.replace("\x00", "")


def _raw_answers(questions: list[QuestionView], post: QueryDict) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for question in questions:
        if not question.variable:
            continue
        if question.datatype == QuestionType.MULTI_VALUE_LIST:
            raw[question.code] = [without_nul(v) for v in post.getlist(question.field_name)]
        else:
            raw[question.code] = without_nul(post.get(question.field_name, ""))
    return raw


def parse_photos(files: MultiValueDict[str, UploadedFile[bytes]]) -> tuple[list[CleanPhoto], str]:
    """The photos chosen in a form's `photos` field, cleaned (EXIF gone), or an error."""
    uploads = [u for u in files.getlist("photos") if getattr(u, "size", 0)]
    if len(uploads) > MAX_PHOTOS:
        return [], _("Attach up to %(n)d photos; you chose %(m)d.") % {
            "n": MAX_PHOTOS,
            "m": len(uploads),
        }
    photos = []
    for upload in uploads:
        try:
            photos.append(clean_photo(upload))
        except PhotoError as exc:
            return [], str(exc)
    return photos, ""


def _parse_contact(form: RequestFormData) -> bool:
    """The contact details typed on the form into `form.contact` (None when neither an
    email nor a phone was given); False, with the errors added, when they are refused."""
    values = form.values
    try:
        form.contact = clean_contact(
            full_name=values["full_name"],
            email=values["email"],
            phone=values["phone"],
            channel=values["channel"],
            language=values["language"],
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            form.add_error(name, messages[0])
        return False
    if not form.contact["email"] and not form.contact["phone"]:
        form.contact = None
    return True


def parse_request_form(
    *,
    service: Service,
    questions: list[QuestionView],
    post: QueryDict,
    files: MultiValueDict[str, UploadedFile[bytes]],
    language: str,
    signed_in: bool,
    intake_channel: str = Channel.WEB,
) -> RequestFormData:
    """Everything the resident sent, cleaned, plus a message for each field that is wrong.

    `intake_channel` is the case's channel (web or kiosk); `values["channel"]` is how the
    resident wants to hear from us.
    """
    form = RequestFormData()
    values = form.values
    for name in ("description", "address", "lat", "long", "full_name", "email", "phone"):
        values[name] = without_nul(post.get(name) or "")[:10_100].strip()
    values["channel"] = post.get("channel") or "email"
    values["language"] = post.get("language") or language
    values["anonymous"] = bool(post.get("anonymous")) and service.allows_anonymous
    # The non-resident rate of a service with a fee (the resident says; staff can check).
    values["non_resident"] = bool(post.get("non_resident")) and service.non_resident_fee_cents > 0
    form.answers = _raw_answers(questions, post)
    values["answers"] = form.answers

    if location_prompt(service) == "none":
        values["address"] = values["lat"] = values["long"] = ""
    elif location_prompt(service) == "address":
        values["lat"] = values["long"] = ""

    if service.asks_photos:
        form.photos, photo_error = parse_photos(files)
        if photo_error:
            form.add_error("photos", photo_error)

    contact_refused = False
    if not signed_in and not values["anonymous"]:
        contact_refused = not _parse_contact(form)

    # The rules for a new case are the domain's (answers, location, who must give contact
    # details): checked here without saving, so the resident sees every problem at once;
    # case_create checks them again when it saves.
    try:
        case_validate(
            service=service,
            channel=intake_channel,
            description=values["description"],
            answers=form.answers,
            resident_given=signed_in or contact_refused or form.contact is not None,
            address=values["address"],
            lat=values["lat"] or None,
            long=values["long"] or None,
        )
    except ValidationError as exc:
        for name, message in errors_from_case_create(exc).items():
            form.add_error(name, message)
    return form


def errors_from_case_create(exc: ValidationError) -> dict[str, str]:
    """case_create's error dict, keyed by the form's field names."""
    mapped: dict[str, str] = {}
    for key, messages in exc.message_dict.items():
        if key == "resident":
            # The form asks for an email address or a phone number: say which.
            mapped.setdefault(
                "email", _("This service needs an email address or phone number to follow up.")
            )
            continue
        elif key in FIELD_ORDER or key in ("service", "channel"):
            name = key
        else:
            name = f"q_{key}"
        mapped.setdefault(name, messages[0])
    return mapped


def error_summary(errors: dict[str, str], questions: list[QuestionView]) -> list[tuple[str, str]]:
    """(anchor id, message) in page order, for the error summary at the top of the form."""
    order = ["description"]
    order += [q.field_name for q in questions]
    order += [n for n in FIELD_ORDER if n != "description"]
    list_questions = {q.field_name: q for q in questions if q.options}
    summary = []
    for name in order + [n for n in errors if n not in order]:
        if name not in errors:
            continue
        anchor = f"id_{name}"
        if name in list_questions:
            anchor = f"id_{name}_0"
        if name == "channel":
            anchor = "id_channel_0"
        if name == "long":
            anchor = "id_lat" if "lat" not in errors else "id_long"
        summary.append((anchor, errors[name]))
    return summary


class TrackForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=40,
        help_text=gettext_lazy("For example 7KQ3M-9XRT2"),
        error_messages={"required": gettext_lazy("Enter your tracking number.")},
    )
    contact = forms.CharField(
        label=gettext_lazy("Email address or phone number you gave us"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the email address or phone number.")},
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Add information or reply"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Write your message first."),
            "max_length": gettext_lazy("Keep your message under 5000 characters."),
        },
    )
    # Read by parse_photos from request.FILES; declared so its errors have a place.
    photos = forms.FileField(required=False)


class SignUpForm(forms.Form):
    full_name = forms.CharField(label=gettext_lazy("Your name"), max_length=150)
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        error_messages={"invalid": gettext_lazy("Enter an email address like name@example.com.")},
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        # As sign-in does: spaces at either end are part of the password.
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("At least 12 characters."),
    )

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password


class ResidentPasswordResetForm(AccountLimitedResetForm):
    """Django's reset form for resident accounts only, with the per-account limit
    (accounts/password_reset.py): staff reset on their own page."""

    scope = "portal-password-reset"

    def get_users(self, email: str) -> Iterator[Any]:
        return (user for user in super().get_users(email) if not is_staff_account(user))


class ResidentSetPasswordForm(SetPasswordForm[User]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = gettext_lazy("New password")
        self.fields["new_password1"].help_text = gettext_lazy("At least 12 characters.")
        self.fields["new_password2"].label = gettext_lazy("New password again")
        self.fields["new_password2"].help_text = ""
