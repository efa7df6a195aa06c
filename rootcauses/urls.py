from django.urls import path

from rootcauses import views

app_name = "rootcauses"
urlpatterns = [
    path("", views.spikes, name="spikes"),
    path("spikes/<int:pk>/", views.spike_detail, name="spike"),
    path("hot-spots/", views.hot_spots, name="hot_spots"),
    path("hot-spots/<int:pk>/", views.hot_spot_detail, name="hot_spot"),
    path("repeats/", views.repeats, name="repeats"),
    path("drift/", views.drift, name="drift"),
    path("drift/proposals/", views.proposals, name="proposals"),
    path("drift/proposals/<int:pk>/", views.proposal_detail, name="proposal"),
]
