from django.urls import path

from cairn.progress import views

app_name = "progress"
urlpatterns = [
    path("checkin/", views.checkin, name="checkin"),
    path("wins/new/", views.win_create, name="win_create"),
    path("tracking/pause/", views.tracking_pause, name="tracking_pause"),
    path("tracking/resume/", views.tracking_resume, name="tracking_resume"),
    path("clients/<uuid:client_id>/checkins/", views.checkin_list, name="checkin_list"),
    path("clients/<uuid:client_id>/wins/", views.win_list, name="win_list"),
    path("clients/<uuid:client_id>/mood/", views.mood, name="mood"),
    path("clients/<uuid:client_id>/mood.svg", views.mood_chart, name="mood_chart"),
    path("goals/<uuid:goal_id>/progress/", views.goal_progress, name="goal_progress"),
    path("goals/<uuid:goal_id>/chart.svg", views.goal_chart, name="goal_chart"),
    path("goals/<uuid:goal_id>/measure.svg", views.measure_chart, name="measure_chart"),
    path(
        "goals/<uuid:goal_id>/achievement/", views.achievement_override, name="achievement_override"
    ),
]
