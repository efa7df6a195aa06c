"""What the coach keeps: a jurisdiction's own jargon, and the review of every sent reply."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import Language


class JargonTerm(models.Model):
    """An internal word the coach flags in this jurisdiction's replies, with the plain one."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="jargon_terms"
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    term = models.CharField(
        _("term"),
        max_length=60,
        help_text=_("Written in capitals, it is matched as written (SOP); otherwise in any case."),
    )
    plain = models.CharField(
        _("plain wording"), max_length=120, blank=True, help_text=_("Empty: leave the term out.")
    )

    class Meta:
        ordering = ["jurisdiction", "language", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "language", "term"], name="jargon_term_unique"
            )
        ]
        verbose_name = _("jargon term")

    def __str__(self) -> str:
        return self.term


class ReplyReview(models.Model):
    """The coach's score of a reply as it was sent, and any warning the agent overrode."""

    event = models.OneToOneField(
        "cases.CaseEvent", on_delete=models.CASCADE, related_name="coach_review"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reply_reviews",
    )
    door = models.CharField(max_length=16, default="workspace")  # workspace, api, chat, …
    language = models.CharField(max_length=8, choices=Language.choices)
    score = models.PositiveSmallIntegerField()
    codes = models.JSONField(default=list, blank=True)  # every finding's code at send time
    overridden = models.JSONField(default=list, blank=True)  # the warnings sent anyway
    override_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["author", "created_at"], name="replyreview_author_idx")]

    def __str__(self) -> str:
        return f"{self.score} ({self.event_id})"
