from cairn.core.routes import route
from cairn.interop import views

app_name = "interop"
urlpatterns = [
    route("calendar/", views.calendar_settings),
    route("calendar/<str:token>.ics", views.calendar_feed),
    route("clients/<uuid:client_id>/report/", views.report),
    route("clients/<uuid:client_id>/report/pdf/", views.report_pdf),
    route("record/download/", views.export_everything),
    route("exports/<uuid:job_id>/", views.export_status),
    route("exports/<uuid:job_id>/download/", views.export_download),
    route("record/delete-my-space/", views.space_delete),
    route("record/close/", views.account_close),
    route("practice/records/", views.records_admin),
]
