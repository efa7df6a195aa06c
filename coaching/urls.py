from django.urls import path

from coaching import views

app_name = "coaching"
urlpatterns = [
    path("review/", views.review_panel, name="review"),
    path("training/", views.training, name="training"),
    path("training/lessons/<slug:slug>/", views.lesson, name="lesson"),
    path("training/practice/<slug:slug>/", views.practice, name="practice"),
    path("team/", views.team, name="team"),
    path("quality/", views.quality, name="quality"),
    path("scenarios/from-case/", views.scenario_from_case, name="scenario_from_case"),
]
