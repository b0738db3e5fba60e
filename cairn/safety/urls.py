from cairn.core.routes import route
from cairn.safety import views

app_name = "safety"
urlpatterns = [
    route("safe-for-now/", views.support_dismiss),
    route("welcome/understood/", views.expectations_seen),
    route("clients/<uuid:client_id>/safety-plan/", views.plan_detail),
    route("clients/<uuid:client_id>/safety-plan/edit/", views.plan_edit),
    route("clients/<uuid:client_id>/safety-plan/history/", views.plan_history),
    route("risk-flags/<uuid:flag_id>/", views.flag_review),
    route("practice/crisis/", views.crisis_settings),
]
