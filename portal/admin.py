from django.contrib import admin

from portal.models import (
    OptionTranslation,
    QuestionTranslation,
    ServiceGroupTranslation,
    ServiceTranslation,
    StepTranslation,
)


@admin.register(ServiceTranslation)
class ServiceTranslationAdmin(admin.ModelAdmin[ServiceTranslation]):
    list_display = ["service", "language", "name"]
    list_filter = ["language"]


for model in (ServiceGroupTranslation, StepTranslation, QuestionTranslation, OptionTranslation):
    admin.site.register(model)
