from django.urls import path

from bre import views

app_name = "bre"
urlpatterns = [
    path("", views.home, name="home"),
    path("businesses/", views.register, name="register"),
    path("businesses/new/", views.business_new, name="business_new"),
    path("businesses/<int:pk>/", views.business_detail, name="business"),
    path("businesses/<int:pk>/edit/", views.business_edit, name="business_edit"),
    path("businesses/<int:pk>/contacts/", views.contact_new, name="contact_new"),
    path("contacts/<int:pk>/", views.contact_edit, name="contact_edit"),
    path("businesses/<int:pk>/referrals/", views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", views.referral_close, name="referral_close"),
    path("partners/", views.stakeholders, name="stakeholders"),
    path("businesses/<int:pk>/visits/new/", views.visit_new, name="visit_new"),
    path("businesses/<int:pk>/visits/schedule/", views.visit_schedule, name="visit_schedule"),
    path("visits/<int:pk>/attachments/", views.visit_attach, name="visit_attach"),
    path("attachments/<slug:token>/", views.attachment, name="attachment"),
    path("businesses/<int:pk>/flags/", views.flag_new, name="flag_new"),
    path("opportunities/<int:pk>/outcome/", views.opportunity_outcome, name="opportunity_outcome"),
    path("businesses/<int:pk>/opportunities/", views.opportunity_new, name="opportunity_new"),
    path("businesses/<int:pk>/actions/new/", views.action_new, name="action_new"),
    path("flags/", views.flags, name="flags"),
    path("flags/<int:pk>/", views.flag_respond, name="flag_respond"),
    path("issues/", views.issues, name="issues"),
    path("issues/new/", views.issue_new, name="issue_new"),
    path("issues/<int:pk>/", views.issue_detail, name="issue"),
    path("issues/<int:pk>/link/", views.issue_link, name="issue_link"),
    path("time/", views.time_log, name="time"),
    path("plan/", views.plan, name="plan"),
    path("export/register.csv", views.export_register, name="export_register"),
    path("export/answers.csv", views.export_answers, name="export_answers"),
]
