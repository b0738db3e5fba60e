from django.urls import path

from cairn.interop import views

app_name = "interop"
urlpatterns = [
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("clients/<uuid:client_id>/report/", views.report, name="report"),
    path("clients/<uuid:client_id>/report/pdf/", views.report_pdf, name="report_pdf"),
    path("record/download/", views.export_everything, name="export_everything"),
    path("exports/<uuid:job_id>/", views.export_status, name="export_status"),
    path("exports/<uuid:job_id>/download/", views.export_download, name="export_download"),
    path("record/delete-my-space/", views.space_delete, name="space_delete"),
    path("record/close/", views.account_close, name="account_close"),
    path("practice/records/", views.records_admin, name="records_admin"),
]
