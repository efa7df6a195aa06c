"""Resident portal routes, served twice: at / for the web and at /kiosk/ for counters."""

from django.urls import URLPattern, URLResolver, include, path

from bookings import views as bookings_views
from portal import bills, data_rights, partners, pwa, views

app_name = "portal"


def _patterns(kiosk: bool) -> list[URLPattern | URLResolver]:
    k = {"kiosk": kiosk}
    return [
        path("", views.home, k, name="home"),
        path("services/", views.catalogue, k, name="catalogue"),
        path("services/<slug:code>/", views.service_detail, k, name="service"),
        path("services/<slug:code>/request/", views.request_form, k, name="request"),
        path("requests/<str:number>/submitted/", views.submitted, k, name="submitted"),
        path("requests/<str:number>/", views.case_detail, k, name="case"),
        path("requests/<str:number>/message/", views.case_message, k, name="message"),
        path("requests/<str:number>/photos/<str:token>/", views.case_photo, k, name="photo"),
        path("requests/<str:number>/survey/", views.case_survey, k, name="case_survey"),
        path("track/", views.track, k, name="track"),
        path("answers/", views.kb_index, k, name="answers"),
        path("answers/suggest/", views.kb_suggest, k, name="suggest"),
        path("answers/<slug:slug>/", views.kb_article, k, name="article"),
        path("answers/<slug:slug>/vote/", views.kb_vote, k, name="vote"),
        # Residents as partners (docs/engagement.md)
        path("services/<slug:code>/nearby/", partners.service_nearby, k, name="nearby"),
        path("requests/<str:number>/not-fixed/", partners.case_not_fixed, k, name="not_fixed"),
        path("map/", partners.public_map, k, name="map"),
        path("map/<str:number>/", partners.public_report, k, name="report"),
        path("map/<str:number>/follow/", partners.report_follow, k, name="report_follow"),
        path("map/<str:number>/me-too/", partners.report_me_too, k, name="report_me_too"),
    ]


# Booking at the kiosk: the bookings pages under the kiosk's session rules (portal_view).
# The cancel link is emailed, never shown on the shared screen; cancelling is on the web.
_kiosk_bookings = [
    path("", views.portal_view(bookings_views.resource_list), {"kiosk": True}, name="list"),
    path(
        "<slug:slug>/",
        views.portal_view(bookings_views.resource_calendar),
        {"kiosk": True},
        name="calendar",
    ),
    path("<slug:slug>/book/", views.portal_view(bookings_views.book), {"kiosk": True}, name="book"),
]

kiosk_patterns = [
    path("bookings/", include((_kiosk_bookings, "bookings"), namespace="bookings")),
    *_patterns(kiosk=True),
    path("language/", views.kiosk_language, {"kiosk": True}, name="language"),
    path(
        "requests/<str:number>/text-receipt/",
        views.kiosk_text_receipt_view,
        {"kiosk": True},
        name="text_receipt",
    ),
    path("reset/", views.kiosk_reset, name="reset"),
]

urlpatterns = [
    *_patterns(kiosk=False),
    path("pay-a-bill/", bills.pay_bill, name="pay_bill"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("survey/<str:token>/", views.survey_link, name="survey"),
    path("performance/", views.performance, name="performance"),
    path("account/sign-up/", views.sign_up, name="sign_up"),
    path("account/sign-in/", views.sign_in, name="sign_in"),
    path("account/sign-out/", views.sign_out, name="sign_out"),
    path("account/requests/", views.my_cases, name="my_cases"),
    path("account/password/reset/", views.password_reset, name="password_reset"),
    path("account/password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "account/password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        views.password_reset_complete,
        name="password_reset_complete",
    ),
    path("account/data/", data_rights.my_data, name="my_data"),
    path("account/data/copy.<str:fmt>", data_rights.my_data_copy, name="my_data_copy"),
    path("account/verify/<str:token>/", views.verify_email, name="verify_email"),
    path("account/verify/", views.resend_verification, name="resend_verification"),
    path("kiosk/", include((kiosk_patterns, "kiosk"), namespace="kiosk")),
    # A follower's links (sent to them; the token is the proof): web only.
    path("follow/<str:token>/", partners.follow_manage, name="follow_manage"),
    path("follow/<str:token>/confirm/", partners.follow_confirm_view, name="follow_confirm"),
    path("follow/<str:token>/stop/", partners.follow_unsubscribe_view, name="follow_unsubscribe"),
    path("follow/<str:token>/not-fixed/", partners.follow_not_fixed, name="follow_not_fixed"),
]
