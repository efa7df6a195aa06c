from typing import Any

from django.contrib import admin

from knowledge.models import Article, ArticleTranslation, Category
from knowledge.services import article_delete, article_reindex


class ArticleTranslationInline(admin.StackedInline[ArticleTranslation, Article]):
    model = ArticleTranslation
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin[Article]):
    list_display = ["slug", "category", "is_published", "is_standard_answer", "helpful_count"]
    list_filter = ["is_published", "is_standard_answer", "category"]
    search_fields = ["slug", "translations__title"]
    filter_horizontal = ["related_services"]
    inlines = [ArticleTranslationInline]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        # Inline edits bypass knowledge/services.py; re-sync the search index here.
        super().save_related(request, form, formsets, change)
        article_reindex(article=form.instance)

    def delete_model(self, request: Any, obj: Article) -> None:
        article_delete(article=obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for article in queryset:
            article_delete(article=article)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["name_en", "name_es", "jurisdiction", "order"]
    prepopulated_fields = {"slug": ["name_en"]}
