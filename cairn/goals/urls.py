from django.urls import path

from cairn.core.routes import route
from cairn.goals.views import (
    barriers_and_plans,
    coach,
    goal_changes,
    goal_pages,
    milestones,
    vision,
)

app_name = "goals"
urlpatterns = [
    route("clients/<uuid:client_id>/goals/", goal_pages.goal_list),
    route("clients/<uuid:client_id>/goals/new/", goal_pages.goal_create),
    route("clients/<uuid:client_id>/vision/", vision.vision_detail),
    route("goals/coach/", coach.smart_coach),
    route("goals/<uuid:goal_id>/", goal_pages.goal_detail),
    route("goals/<uuid:goal_id>/edit/", goal_changes.goal_edit),
    route("goals/<uuid:goal_id>/agree/", goal_changes.goal_agree),
    route("goals/<uuid:goal_id>/status/", goal_changes.goal_status),
    route("goal-changes/<uuid:change_id>/agree/", goal_changes.goal_change_agree),
    route("goal-changes/<uuid:change_id>/withdraw/", goal_changes.goal_change_withdraw),
    route("goals/<uuid:goal_id>/history/", goal_pages.goal_history),
    route("goals/<uuid:goal_id>/comments/", goal_pages.comment_create),
    route("goals/<uuid:goal_id>/barriers/new/", barriers_and_plans.barrier_create),
    route("goals/<uuid:goal_id>/plans/new/", barriers_and_plans.plan_create),
    route("goals/<uuid:goal_id>/milestones/new/", milestones.milestone_create),
    route("barriers/<uuid:barrier_id>/edit/", barriers_and_plans.barrier_edit),
    route("plans/<uuid:plan_id>/edit/", barriers_and_plans.plan_edit),
    route("milestones/<uuid:milestone_id>/edit/", milestones.milestone_edit),
    route("milestones/<uuid:milestone_id>/complete/", milestones.milestone_complete),
    route("milestones/<uuid:milestone_id>/reopen/", milestones.milestone_reopen),
    route("milestones/<uuid:milestone_id>/move/", milestones.milestone_move),
    route("vision/edit/<int:step>/", vision.vision_edit),
    route("visions/<uuid:vision_id>/", vision.vision_version),
    # `help` would hide Python's builtin as a function name, so this one is named apart.
    path("help/goals/", goal_pages.help_page, name="help"),
]
