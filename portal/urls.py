"""Resident portal routes, served twice: at / for the web and at /kiosk/ for counters."""

from django.urls import include, path

from portal import data_rights, views

app_name = "portal"


def _patterns(kiosk: bool) -> list:
    k = {"kiosk": kiosk}
    return [
        path("", views.home, k, name="home"),
        path("services/", views.catalogue, k, name="catalogue"),
        path("services/<slug:code>/", views.service_detail, k, name="service"),
        path("services/<slug:code>/request/", views.request_form, k, name="request"),
        path("requests/<str:number>/submitted/", views.submitted, k, name="submitted"),
        path("requests/<str:number>/", views.case_detail, k, name="case"),
        path("requests/<str:number>/message/", views.case_message, k, name="message"),
        path("track/", views.track, k, name="track"),
        path("answers/", views.kb_index, k, name="answers"),
        path("answers/suggest/", views.kb_suggest, k, name="suggest"),
        path("answers/<slug:slug>/", views.kb_article, k, name="article"),
        path("answers/<slug:slug>/vote/", views.kb_vote, k, name="vote"),
    ]


kiosk_patterns = [
    *_patterns(kiosk=True),
    path("language/", views.kiosk_language, {"kiosk": True}, name="language"),
    path("reset/", views.kiosk_reset, name="reset"),
]

urlpatterns = [
    *_patterns(kiosk=False),
    path("account/sign-up/", views.sign_up, name="sign_up"),
    path("account/sign-in/", views.sign_in, name="sign_in"),
    path("account/sign-out/", views.sign_out, name="sign_out"),
    path("account/requests/", views.my_cases, name="my_cases"),
    path("account/data/", data_rights.my_data, name="my_data"),
    path("account/data/copy.<str:fmt>", data_rights.my_data_copy, name="my_data_copy"),
    path("account/verify/<str:token>/", views.verify_email, name="verify_email"),
    path("account/verify/", views.resend_verification, name="resend_verification"),
    path("kiosk/", include((kiosk_patterns, "kiosk"), namespace="kiosk")),
]
