from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from catalogue.models import (
    FEE_NOT_NEGATIVE,
    FEE_TOO_HIGH,
    WINDOW_RANGE,
    QuestionOption,
    Service,
    ServiceGroup,
    ServiceQuestion,
    ServiceStandard,
    StandardStep,
)


def _sees_every_department(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_superuser or user.has_perm("cases.view_all_departments"))


class DepartmentScopedAdmin(admin.ModelAdmin[Any]):
    """A department admin edits only their own departments' services (and what hangs off them)."""

    department_path = "department"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if _sees_every_department(request):
            return queryset
        return queryset.filter(**{f"{self.department_path}__staff": request.user}).distinct()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if not _sees_every_department(request):
            if db_field.name == "department":
                kwargs["queryset"] = db_field.related_model.objects.filter(staff=request.user.pk)
            elif db_field.name == "service":
                kwargs["queryset"] = Service.objects.filter(department__staff=request.user.pk)
        if db_field.name == "service":
            # Two towns may both have a "Pothole": the choice names the town.
            kwargs["form_class"] = ServiceWithTownField
            kwargs.setdefault("queryset", Service.objects.all())
            kwargs["queryset"] = kwargs["queryset"].select_related("jurisdiction")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ServiceWithTownField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.jurisdiction})"


class ServiceQuestionInline(admin.StackedInline[ServiceQuestion, Service]):
    model = ServiceQuestion
    extra = 0
    show_change_link = True


class ServiceStandardInline(admin.StackedInline[ServiceStandard, Service]):
    model = ServiceStandard
    can_delete = False
    show_change_link = True


_FEE_ERRORS = {"min_value": FEE_NOT_NEGATIVE, "max_value": FEE_TOO_HIGH}


class ServiceAdminForm(forms.ModelForm[Service]):
    """The service's own form; a negative or huge fee gets the catalogue's words, not the
    generic "greater than or equal to 0"."""

    class Meta:
        model = Service
        fields = "__all__"  # noqa: DJ007 - the admin shows every field of a service
        error_messages = {
            "fee_cents": _FEE_ERRORS,
            "non_resident_fee_cents": _FEE_ERRORS,
            "payment_window_minutes": {"min_value": WINDOW_RANGE, "max_value": WINDOW_RANGE},
        }


@admin.register(Service)
class ServiceAdmin(DepartmentScopedAdmin):
    form = ServiceAdminForm
    list_display = ["name", "service_code", "group", "department", "jurisdiction", "is_active"]
    list_filter = ["jurisdiction", "group", "department", "is_active"]
    search_fields = ["name", "service_code", "keywords", "jurisdiction__name"]
    list_select_related = ["group", "department", "jurisdiction"]
    inlines = [ServiceStandardInline, ServiceQuestionInline]


class QuestionOptionInline(admin.TabularInline[QuestionOption, ServiceQuestion]):
    model = QuestionOption
    extra = 0


@admin.register(ServiceQuestion)
class ServiceQuestionAdmin(DepartmentScopedAdmin):
    department_path = "service__department"
    list_display = [
        "description",
        "service",
        "jurisdiction",
        "code",
        "datatype",
        "required",
        "order",
    ]
    list_filter = ["service__jurisdiction", "datatype", "required"]
    search_fields = ["description", "code", "service__name"]
    list_select_related = ["service__jurisdiction"]

    @admin.display(description="Jurisdiction", ordering="service__jurisdiction__name")
    def jurisdiction(self, obj: ServiceQuestion) -> str:
        return str(obj.service.jurisdiction)

    inlines = [QuestionOptionInline]


class StandardStepInline(admin.TabularInline[StandardStep, ServiceStandard]):
    model = StandardStep
    extra = 0


@admin.register(ServiceStandard)
class ServiceStandardAdmin(DepartmentScopedAdmin):
    department_path = "service__department"
    list_display = [
        "service",
        "jurisdiction",
        "priority",
        "first_response_amount",
        "first_response_unit",
        "resolution_amount",
        "resolution_unit",
    ]
    list_filter = ["service__jurisdiction", "priority"]
    list_select_related = ["service__jurisdiction"]
    inlines = [StandardStepInline]

    @admin.display(description="Jurisdiction", ordering="service__jurisdiction__name")
    def jurisdiction(self, obj: ServiceStandard) -> str:
        return str(obj.service.jurisdiction)


@admin.register(ServiceGroup)
class ServiceGroupAdmin(admin.ModelAdmin[ServiceGroup]):
    list_display = ["name", "jurisdiction", "order"]
    prepopulated_fields = {"slug": ["name"]}
