from cairn.core.routes import route
from cairn.routines import views

app_name = "routines"
urlpatterns = [
    route("clients/<uuid:client_id>/routines/", views.routine_list),
    route("clients/<uuid:client_id>/routines/new/", views.routine_create),
    route("clients/<uuid:client_id>/maintenance/", views.maintenance_plan),
    route("clients/<uuid:client_id>/maintenance/edit/", views.maintenance_edit),
    route("routines/<uuid:routine_id>/log/", views.routine_log),
    route("routines/<uuid:routine_id>/pause/", views.routine_pause),
    route("routines/<uuid:routine_id>/remove/", views.routine_remove),
    route("after-therapy/", views.after_therapy),
]
