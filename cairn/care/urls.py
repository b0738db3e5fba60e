from cairn.care import views
from cairn.core.routes import route

app_name = "care"
urlpatterns = [
    route("practice/", views.practice_detail),
    route("practice/edit/", views.practice_edit),
    route("practice/people/", views.people),
    route("practice/email/<uuid:email_id>/retry/", views.email_retry),
    route("practice/audit/", views.audit_log),
    route("practice/audit/export.csv", views.audit_export),
    route("practice/people/<uuid:client_id>/reference/", views.client_reference),
    route("invitations/new/", views.invitation_create),
    route("invitations/<uuid:invitation_id>/resend/", views.invitation_resend),
    route("invitations/<uuid:invitation_id>/revoke/", views.invitation_revoke),
    route("invitations/<str:token>/", views.invitation_accept),
    route("care/new/", views.care_start),
    route("care/<uuid:relationship_id>/end/", views.care_end),
    route("care/clients/<uuid:client_id>/co-therapist/", views.co_therapist_add),
    route("care/clients/<uuid:client_id>/transfer/", views.care_transfer),
    route("clients/past/", views.past_clients),
    route("record/who-opened-it/", views.record_access_log),
]
