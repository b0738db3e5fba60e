from cairn.core.routes import route
from cairn.sharing import views

app_name = "sharing"
urlpatterns = [
    route("shared/<uuid:grant_id>/", views.shared_view),
    route("shared/<uuid:grant_id>/goals/<uuid:goal_id>/chart.svg", views.shared_goal_chart),
    route("shared/<uuid:grant_id>/cheer/", views.cheer_create),
    route("support/<str:token>/", views.invite_accept),
    route("sharing/", views.grant_list),
    route("sharing/invite/", views.invite_create),
    route("sharing/share-win/", views.win_share),
    route("sharing/<uuid:grant_id>/edit/", views.grant_edit),
    route("sharing/<uuid:grant_id>/revoke/", views.grant_revoke),
    route("cheers/<uuid:cheer_id>/hide/", views.cheer_hide),
]
