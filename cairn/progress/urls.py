from cairn.core.routes import route
from cairn.progress.views import checkins, goal_progress, mood, wins

app_name = "progress"
urlpatterns = [
    route("checkin/", checkins.checkin),
    route("wins/new/", wins.win_create),
    route("tracking/pause/", checkins.tracking_pause),
    route("tracking/resume/", checkins.tracking_resume),
    route("clients/<uuid:client_id>/checkins/", checkins.checkin_list),
    route("clients/<uuid:client_id>/wins/", wins.win_list),
    route("clients/<uuid:client_id>/mood/", mood.mood),
    route("clients/<uuid:client_id>/mood.svg", mood.mood_chart),
    route("goals/<uuid:goal_id>/progress/", goal_progress.goal_progress),
    route("goals/<uuid:goal_id>/chart.svg", goal_progress.goal_chart),
    route("goals/<uuid:goal_id>/measure.svg", goal_progress.measure_chart),
    route("goals/<uuid:goal_id>/achievement/", goal_progress.achievement_override),
]
