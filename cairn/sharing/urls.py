from django.urls import path

from cairn.sharing import views

app_name = "sharing"
urlpatterns = [
    path("shared/<uuid:grant_id>/", views.shared_view, name="shared_view"),
    path(
        "shared/<uuid:grant_id>/goals/<uuid:goal_id>/chart.svg",
        views.shared_goal_chart,
        name="shared_goal_chart",
    ),
    path("shared/<uuid:grant_id>/cheer/", views.cheer_create, name="cheer_create"),
    path("support/<str:token>/", views.invite_accept, name="invite_accept"),
    path("sharing/", views.grant_list, name="grant_list"),
    path("sharing/invite/", views.invite_create, name="invite_create"),
    path("sharing/share-win/", views.win_share, name="win_share"),
    path("sharing/<uuid:grant_id>/edit/", views.grant_edit, name="grant_edit"),
    path("sharing/<uuid:grant_id>/revoke/", views.grant_revoke, name="grant_revoke"),
    path("cheers/<uuid:cheer_id>/hide/", views.cheer_hide, name="cheer_hide"),
]
