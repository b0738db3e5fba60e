from cairn.core.routes import route
from cairn.sessions import views

app_name = "sessions"
urlpatterns = [
    route("clients/<uuid:client_id>/sessions/", views.session_list),
    route("clients/<uuid:client_id>/sessions/new/", views.session_create),
    route("clients/<uuid:client_id>/agenda/", views.agenda_list),
    route("sessions/<uuid:session_id>/", views.session_detail),
    route("sessions/<uuid:session_id>/edit/", views.session_edit),
    route("sessions/<uuid:session_id>/prep/", views.session_prep),
    route(
        "sessions/<uuid:session_id>/prep/goals/<uuid:goal_id>/chart.svg", views.session_prep_chart
    ),
    route("sessions/<uuid:session_id>/note/", views.session_note),
    route("sessions/<uuid:session_id>/summary/", views.session_summary),
    route("sessions/<uuid:session_id>/addendum/", views.session_addendum),
    route("agenda/new/", views.agenda_create),
    route("agenda/<uuid:item_id>/discussed/", views.agenda_discussed),
]
