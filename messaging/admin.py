from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.decorators import signed_in_user
from cases.services import CaseError
from messaging.held import held_message_discard, held_message_release
from messaging.models import EmailMessageRecord, HeldMessage, HeldStatus, Mailbox, SocialThread


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin[Mailbox]):
    list_display = ["address", "jurisdiction", "service", "is_active"]
    list_filter = ["jurisdiction", "is_active"]
    search_fields = ["address"]


@admin.register(HeldMessage)
class HeldMessageAdmin(admin.ModelAdmin[HeldMessage]):
    list_display = ["received_at", "channel", "sender", "subject", "reason", "status", "case"]
    list_filter = ["status", "reason", "channel"]
    search_fields = ["sender", "subject"]
    list_select_related = ["case"]
    readonly_fields = [f.name for f in HeldMessage._meta.fields]
    actions = ["release", "discard"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Add to the case it is about (after checking the sender)")
    def release(self, request: HttpRequest, queryset: QuerySet[HeldMessage]) -> None:
        for held in queryset.filter(status=HeldStatus.PENDING).select_related("case"):
            try:
                held_message_release(held=held, by=signed_in_user(request))
            except CaseError as exc:
                self.message_user(request, f"{held}: {exc}", messages.WARNING)

    @admin.action(description="Discard")
    def discard(self, request: HttpRequest, queryset: QuerySet[HeldMessage]) -> None:
        for held in queryset.filter(status=HeldStatus.PENDING):
            held_message_discard(held=held, by=signed_in_user(request))


@admin.register(EmailMessageRecord)
class EmailMessageRecordAdmin(admin.ModelAdmin[EmailMessageRecord]):
    list_display = ["created_at", "direction", "case", "address", "subject"]
    list_filter = ["direction"]
    search_fields = ["message_id", "address", "case__tracking_number"]
    list_select_related = ["case"]
    readonly_fields = [f.name for f in EmailMessageRecord._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SocialThread)
class SocialThreadAdmin(admin.ModelAdmin[SocialThread]):
    list_display = ["created_at", "platform", "handle", "origin", "case"]
    list_filter = ["platform", "origin"]
    search_fields = ["handle", "case__tracking_number"]
    list_select_related = ["case"]
    readonly_fields = [f.name for f in SocialThread._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
