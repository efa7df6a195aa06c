from django.contrib import admin

from coaching.models import JargonTerm, ReplyReview


@admin.register(JargonTerm)
class JargonTermAdmin(admin.ModelAdmin):
    list_display = ("term", "plain", "language", "jurisdiction")
    list_filter = ("jurisdiction", "language")
    search_fields = ("term", "plain")


@admin.register(ReplyReview)
class ReplyReviewAdmin(admin.ModelAdmin):
    list_display = ("event", "author", "door", "language", "score", "created_at")
    list_filter = ("door", "language")
    readonly_fields = [f.name for f in ReplyReview._meta.fields]
    list_select_related = ("event", "author")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
