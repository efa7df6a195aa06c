"""Resident-facing translations of catalogue text, owned by the portal.

The catalogue keeps one (English) text per field; these tables add other
languages without changing the catalogue's models. A missing translation falls
back to the catalogue's own text, marked lang="en" (core/languages.py, `localised`).
"""

from __future__ import annotations

from django.db import models

from core.languages import Language


class ServiceGroupTranslation(models.Model):
    group = models.ForeignKey(
        "catalogue.ServiceGroup", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["group", "language"]
        constraints = [
            models.UniqueConstraint(fields=["group", "language"], name="group_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class ServiceTranslation(models.Model):
    service = models.ForeignKey(
        "catalogue.Service", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(max_length=200)
    description = models.TextField()
    what_to_provide = models.TextField(blank=True)
    minimum_expectation = models.TextField(blank=True)

    class Meta:
        ordering = ["service", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="service_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class StepTranslation(models.Model):
    step = models.ForeignKey(
        "catalogue.StandardStep", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["step", "language"]
        constraints = [
            models.UniqueConstraint(fields=["step", "language"], name="step_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class QuestionTranslation(models.Model):
    question = models.ForeignKey(
        "catalogue.ServiceQuestion", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=Language.choices)
    description = models.CharField(max_length=500)
    datatype_description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["question", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="question_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.description} [{self.language}]"


class OptionTranslation(models.Model):
    option = models.ForeignKey(
        "catalogue.QuestionOption", on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8, choices=Language.choices)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["option", "language"]
        constraints = [
            models.UniqueConstraint(fields=["option", "language"], name="option_translation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} [{self.language}]"


class VerifiedEmail(models.Model):
    """A resident account's email address, proven by a link we sent to it.

    Only a verified address lets an account see requests made before sign-up
    (matched by the email on the request), so nobody can read another
    person's requests by signing up with their address.
    """

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="verified_email"
    )
    email = models.EmailField()
    verified_at = models.DateTimeField()

    class Meta:
        ordering = ["user"]

    def __str__(self) -> str:
        return self.email
