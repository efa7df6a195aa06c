"""The knowledge base: one set of answers for residents (self-service) and staff (replies)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import Language


class Category(models.Model):
    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="kb_categories"
    )
    slug = models.SlugField(max_length=80)
    name_en = models.CharField(max_length=120)
    name_es = models.CharField(max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name_en"]
        verbose_name_plural = "categories"
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "slug"], name="kb_category_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en


class Article(models.Model):
    """One answer, written once per language in ArticleTranslation."""

    jurisdiction = models.ForeignKey(
        "organisations.Jurisdiction", on_delete=models.CASCADE, related_name="kb_articles"
    )
    slug = models.SlugField(max_length=120)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    related_services = models.ManyToManyField(
        "catalogue.Service", blank=True, related_name="kb_articles"
    )
    is_published = models.BooleanField(default=True)
    is_standard_answer = models.BooleanField(
        default=False, help_text=_("Offered to staff as a standard reply in the composer.")
    )
    helpful_count = models.PositiveIntegerField(default=0)
    not_helpful_count = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "slug"], name="kb_article_slug_unique"),
        ]

    def __str__(self) -> str:
        return self.slug


class ArticleTranslation(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=Language.choices)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text=_("Plain text or Markdown-like paragraphs; shown escaped."))

    class Meta:
        ordering = ["article", "language"]
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="kb_translation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"
