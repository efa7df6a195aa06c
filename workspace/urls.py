from django.urls import path

from workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("start/", views.home, name="home"),
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.sign_out, name="logout"),
    path("bulk/", views.bulk, name="bulk"),
    path("views/", views.saved_view_create, name="saved_view_create"),
    path("views/<int:pk>/delete/", views.saved_view_delete, name="saved_view_delete"),
    path("intake/", views.intake, name="intake"),
    path("cases/<str:tracking_number>/", views.case_detail, name="case"),
    path("photos/<str:token>/", views.case_photo, name="photo"),
    path("cases/<str:tracking_number>/reply/", views.case_reply, name="reply"),
    path("cases/<str:tracking_number>/compare/", views.merge_compare, name="merge_compare"),
    path("cases/<str:tracking_number>/<slug:action>/", views.case_action, name="case_action"),
]
