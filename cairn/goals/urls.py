from django.urls import path

from cairn.core.routes import route
from cairn.goals import views

app_name = "goals"
urlpatterns = [
    route("clients/<uuid:client_id>/goals/", views.goal_list),
    route("clients/<uuid:client_id>/goals/new/", views.goal_create),
    route("clients/<uuid:client_id>/vision/", views.vision_detail),
    route("goals/coach/", views.smart_coach),
    route("goals/<uuid:goal_id>/", views.goal_detail),
    route("goals/<uuid:goal_id>/edit/", views.goal_edit),
    route("goals/<uuid:goal_id>/agree/", views.goal_agree),
    route("goals/<uuid:goal_id>/status/", views.goal_status),
    route("goal-changes/<uuid:change_id>/agree/", views.goal_change_agree),
    route("goal-changes/<uuid:change_id>/withdraw/", views.goal_change_withdraw),
    route("goals/<uuid:goal_id>/history/", views.goal_history),
    route("goals/<uuid:goal_id>/comments/", views.comment_create),
    route("goals/<uuid:goal_id>/barriers/new/", views.barrier_create),
    route("goals/<uuid:goal_id>/plans/new/", views.plan_create),
    route("goals/<uuid:goal_id>/milestones/new/", views.milestone_create),
    route("barriers/<uuid:barrier_id>/edit/", views.barrier_edit),
    route("plans/<uuid:plan_id>/edit/", views.plan_edit),
    route("milestones/<uuid:milestone_id>/edit/", views.milestone_edit),
    route("milestones/<uuid:milestone_id>/complete/", views.milestone_complete),
    route("milestones/<uuid:milestone_id>/reopen/", views.milestone_reopen),
    route("milestones/<uuid:milestone_id>/move/", views.milestone_move),
    route("vision/edit/<int:step>/", views.vision_edit),
    route("visions/<uuid:vision_id>/", views.vision_version),
    # `help` would hide Python's builtin as a function name, so this one is named apart.
    path("help/goals/", views.help_page, name="help"),
]
