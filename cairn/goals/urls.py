from django.urls import path

from cairn.goals import views

app_name = "goals"
urlpatterns = [
    path("clients/<uuid:client_id>/goals/", views.goal_list, name="goal_list"),
    path("clients/<uuid:client_id>/goals/new/", views.goal_create, name="goal_create"),
    path("clients/<uuid:client_id>/vision/", views.vision_detail, name="vision_detail"),
    path("goals/coach/", views.smart_coach, name="smart_coach"),
    path("goals/<uuid:goal_id>/", views.goal_detail, name="goal_detail"),
    path("goals/<uuid:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<uuid:goal_id>/agree/", views.goal_agree, name="goal_agree"),
    path("goals/<uuid:goal_id>/status/", views.goal_status, name="goal_status"),
    path("goal-changes/<uuid:change_id>/agree/", views.goal_change_agree, name="goal_change_agree"),
    path(
        "goal-changes/<uuid:change_id>/withdraw/",
        views.goal_change_withdraw,
        name="goal_change_withdraw",
    ),
    path("goals/<uuid:goal_id>/history/", views.goal_history, name="goal_history"),
    path("goals/<uuid:goal_id>/comments/", views.comment_create, name="comment_create"),
    path("goals/<uuid:goal_id>/barriers/new/", views.barrier_create, name="barrier_create"),
    path("goals/<uuid:goal_id>/plans/new/", views.plan_create, name="plan_create"),
    path("goals/<uuid:goal_id>/milestones/new/", views.milestone_create, name="milestone_create"),
    path("barriers/<uuid:barrier_id>/edit/", views.barrier_edit, name="barrier_edit"),
    path("plans/<uuid:plan_id>/edit/", views.plan_edit, name="plan_edit"),
    path("milestones/<uuid:milestone_id>/edit/", views.milestone_edit, name="milestone_edit"),
    path(
        "milestones/<uuid:milestone_id>/complete/",
        views.milestone_complete,
        name="milestone_complete",
    ),
    path("milestones/<uuid:milestone_id>/reopen/", views.milestone_reopen, name="milestone_reopen"),
    path("milestones/<uuid:milestone_id>/move/", views.milestone_move, name="milestone_move"),
    path("vision/edit/<int:step>/", views.vision_edit, name="vision_edit"),
    path("visions/<uuid:vision_id>/", views.vision_version, name="vision_version"),
    path("help/goals/", views.help_page, name="help"),
]
