from django.urls import path

from cairn.sessions import views

app_name = "sessions"
urlpatterns = [
    path("clients/<uuid:client_id>/sessions/", views.session_list, name="session_list"),
    path("clients/<uuid:client_id>/sessions/new/", views.session_create, name="session_create"),
    path("clients/<uuid:client_id>/agenda/", views.agenda_list, name="agenda_list"),
    path("sessions/<uuid:session_id>/", views.session_detail, name="session_detail"),
    path("sessions/<uuid:session_id>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<uuid:session_id>/prep/", views.session_prep, name="session_prep"),
    path(
        "sessions/<uuid:session_id>/prep/goals/<uuid:goal_id>/chart.svg",
        views.session_prep_chart,
        name="session_prep_chart",
    ),
    path("sessions/<uuid:session_id>/note/", views.session_note, name="session_note"),
    path("sessions/<uuid:session_id>/summary/", views.session_summary, name="session_summary"),
    path("sessions/<uuid:session_id>/addendum/", views.session_addendum, name="session_addendum"),
    path("agenda/new/", views.agenda_create, name="agenda_create"),
    path("agenda/<uuid:item_id>/discussed/", views.agenda_discussed, name="agenda_discussed"),
]
