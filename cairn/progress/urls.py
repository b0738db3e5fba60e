from cairn.core.routes import route
from cairn.progress import views

app_name = "progress"
urlpatterns = [
    route("checkin/", views.checkin),
    route("wins/new/", views.win_create),
    route("tracking/pause/", views.tracking_pause),
    route("tracking/resume/", views.tracking_resume),
    route("clients/<uuid:client_id>/checkins/", views.checkin_list),
    route("clients/<uuid:client_id>/wins/", views.win_list),
    route("clients/<uuid:client_id>/mood/", views.mood),
    route("clients/<uuid:client_id>/mood.svg", views.mood_chart),
    route("goals/<uuid:goal_id>/progress/", views.goal_progress),
    route("goals/<uuid:goal_id>/chart.svg", views.goal_chart),
    route("goals/<uuid:goal_id>/measure.svg", views.measure_chart),
    route("goals/<uuid:goal_id>/achievement/", views.achievement_override),
]
