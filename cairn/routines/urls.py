from django.urls import path

from cairn.routines import views

app_name = "routines"
urlpatterns = [
    path("clients/<uuid:client_id>/routines/", views.routine_list, name="routine_list"),
    path("clients/<uuid:client_id>/routines/new/", views.routine_create, name="routine_create"),
    path("clients/<uuid:client_id>/maintenance/", views.maintenance_plan, name="maintenance_plan"),
    path(
        "clients/<uuid:client_id>/maintenance/edit/",
        views.maintenance_edit,
        name="maintenance_edit",
    ),
    path("routines/<uuid:routine_id>/log/", views.routine_log, name="routine_log"),
    path("routines/<uuid:routine_id>/pause/", views.routine_pause, name="routine_pause"),
    path("routines/<uuid:routine_id>/remove/", views.routine_remove, name="routine_remove"),
    path("after-therapy/", views.after_therapy, name="after_therapy"),
]
