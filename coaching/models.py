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


class ScenarioKind(models.TextChoices):
    ANGRY = "angry", _("An angry resident")
    CONFUSED = "confused", _("A confused resident")
    CANNOT_GIVE = "cannot_give", _("Asking for what we cannot give")
    IN_THE_MIDDLE = "in_the_middle", _("In the middle between a colleague and a resident")
    TRANSFER = "transfer", _("A transfer from another department")
    FROM_CASE = "from_case", _("From a real closed case")


class PracticeScenario(models.Model):
    """A resident's message for agents to answer in training; the coach scores the answer."""

    slug = models.SlugField(max_length=80, unique=True)
    language = models.CharField(max_length=8, choices=Language.choices)
    kind = models.CharField(max_length=16, choices=ScenarioKind.choices)
    title = models.CharField(max_length=200)
    resident_message = models.TextField()
    situation = models.TextField(blank=True)  # what the agent knows (the facts of the case)
    promise_working_days = models.PositiveSmallIntegerField(default=5)
    lesson = models.SlugField(max_length=40, blank=True)  # coaching/standards/lessons.toml
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="practice_scenarios",
    )
    source_case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["language", "kind", "slug"]

    def __str__(self) -> str:
        return self.title


class PracticeAttempt(models.Model):
    """One answer an agent wrote to a scenario, as the coach scored it."""

    scenario = models.ForeignKey(
        PracticeScenario, on_delete=models.CASCADE, related_name="attempts"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_attempts"
    )
    text = models.TextField()
    score = models.PositiveSmallIntegerField()
    codes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agent", "created_at"], name="practice_agent_idx")]

    def __str__(self) -> str:
        return f"{self.agent_id}: {self.score}"


class QualityReview(models.Model):
    """A supervisor's review of one sent reply: the LEAD steps, and a comment the agent sees."""

    reply = models.OneToOneField(ReplyReview, on_delete=models.CASCADE, related_name="quality")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    listened = models.BooleanField(_("listened"), default=False)
    empathized = models.BooleanField(_("empathized"), default=False)
    accepted_responsibility = models.BooleanField(_("accepted responsibility"), default=False)
    delivered = models.BooleanField(_("delivered a remedy"), default=False)
    comment = models.TextField(_("comment for the agent"), blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.reply_id}: {self.lead_score}/4"

    @property
    def lead_score(self) -> int:
        return sum((self.listened, self.empathized, self.accepted_responsibility, self.delivered))
