from cairn.care.views import audit_log, care_team, invitations, people, practice
from cairn.core.routes import route

app_name = "care"
urlpatterns = [
    route("practice/", practice.practice_detail),
    route("practice/edit/", practice.practice_edit),
    route("practice/people/", people.people),
    route("practice/email/<uuid:email_id>/retry/", people.email_retry),
    route("practice/audit/", audit_log.audit_log),
    route("practice/audit/export.csv", audit_log.audit_export),
    route("practice/people/<uuid:client_id>/reference/", people.client_reference),
    route("invitations/new/", invitations.invitation_create),
    route("invitations/<uuid:invitation_id>/resend/", invitations.invitation_resend),
    route("invitations/<uuid:invitation_id>/revoke/", invitations.invitation_revoke),
    route("invitations/<str:token>/", invitations.invitation_accept),
    route("care/new/", care_team.care_start),
    route("care/<uuid:relationship_id>/end/", care_team.care_end),
    route("care/clients/<uuid:client_id>/co-therapist/", care_team.co_therapist_add),
    route("care/clients/<uuid:client_id>/transfer/", care_team.care_transfer),
    route("clients/past/", care_team.past_clients),
    route("record/who-opened-it/", audit_log.record_access_log),
]
