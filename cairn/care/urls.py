from django.urls import path

from cairn.care import views

app_name = "care"
urlpatterns = [
    path("practice/", views.practice_detail, name="practice_detail"),
    path("practice/edit/", views.practice_edit, name="practice_edit"),
    path("practice/people/", views.people, name="people"),
    path("practice/email/<uuid:email_id>/retry/", views.email_retry, name="email_retry"),
    path("practice/audit/", views.audit_log, name="audit_log"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("care/new/", views.care_start, name="care_start"),
    path("care/<uuid:relationship_id>/end/", views.care_end, name="care_end"),
    path(
        "care/clients/<uuid:client_id>/co-therapist/",
        views.co_therapist_add,
        name="co_therapist_add",
    ),
    path("care/clients/<uuid:client_id>/transfer/", views.care_transfer, name="care_transfer"),
    path("clients/past/", views.past_clients, name="past_clients"),
    path("record/who-opened-it/", views.record_access_log, name="record_access_log"),
]
