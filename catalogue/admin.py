from django.contrib import admin

from catalogue.models import (
    QuestionOption,
    Service,
    ServiceGroup,
    ServiceQuestion,
    ServiceStandard,
    StandardStep,
)


class ServiceQuestionInline(admin.StackedInline):
    model = ServiceQuestion
    extra = 0
    show_change_link = True


class ServiceStandardInline(admin.StackedInline):
    model = ServiceStandard
    can_delete = False
    show_change_link = True


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "service_code", "group", "department", "jurisdiction", "is_active"]
    list_filter = ["jurisdiction", "group", "department", "is_active"]
    search_fields = ["name", "service_code", "keywords"]
    list_select_related = ["group", "department", "jurisdiction"]
    inlines = [ServiceStandardInline, ServiceQuestionInline]


class QuestionOptionInline(admin.TabularInline):
    model = QuestionOption
    extra = 0


@admin.register(ServiceQuestion)
class ServiceQuestionAdmin(admin.ModelAdmin):
    list_display = ["description", "service", "code", "datatype", "required", "order"]
    list_filter = ["datatype", "required"]
    search_fields = ["description", "code", "service__name"]
    list_select_related = ["service"]
    inlines = [QuestionOptionInline]


class StandardStepInline(admin.TabularInline):
    model = StandardStep
    extra = 0


@admin.register(ServiceStandard)
class ServiceStandardAdmin(admin.ModelAdmin):
    list_display = [
        "service",
        "priority",
        "first_response_amount",
        "first_response_unit",
        "resolution_amount",
        "resolution_unit",
    ]
    list_filter = ["priority"]
    list_select_related = ["service"]
    inlines = [StandardStepInline]


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction", "order"]
    prepopulated_fields = {"slug": ["name"]}
