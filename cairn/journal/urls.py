from django.urls import path

from cairn.journal import views

app_name = "journal"
urlpatterns = [
    path("journal/", views.entry_list, name="entry_list"),
    path("journal/new/", views.entry_create, name="entry_create"),
    path("journal/<uuid:entry_id>/", views.entry_detail, name="entry_detail"),
    path("journal/<uuid:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("journal/<uuid:entry_id>/share/", views.entry_share, name="entry_share"),
    path("journal/<uuid:entry_id>/delete/", views.entry_delete, name="entry_delete"),
    path("journal/<uuid:entry_id>/restore/", views.entry_restore, name="entry_restore"),
    path("clients/<uuid:client_id>/journal/", views.shared_list, name="shared_list"),
]
