from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self) -> None:
        from cases.hooks import on_case_finished
        from surveys.services import survey_on_case_finished

        on_case_finished(survey_on_case_finished)
