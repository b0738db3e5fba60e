from cairn.core.routes import route
from cairn.journal import views

app_name = "journal"
urlpatterns = [
    route("journal/", views.entry_list),
    route("journal/new/", views.entry_create),
    route("journal/<uuid:entry_id>/", views.entry_detail),
    route("journal/<uuid:entry_id>/edit/", views.entry_edit),
    route("journal/<uuid:entry_id>/share/", views.entry_share),
    route("journal/<uuid:entry_id>/delete/", views.entry_delete),
    route("journal/<uuid:entry_id>/restore/", views.entry_restore),
    route("clients/<uuid:client_id>/journal/", views.shared_list),
]
