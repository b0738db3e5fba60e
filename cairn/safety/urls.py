from django.urls import path

from cairn.safety import views

app_name = "safety"
urlpatterns = [
    path("safe-for-now/", views.support_dismiss, name="support_dismiss"),
    path("welcome/understood/", views.expectations_seen, name="expectations_seen"),
    path("clients/<uuid:client_id>/safety-plan/", views.plan_detail, name="plan_detail"),
    path("clients/<uuid:client_id>/safety-plan/edit/", views.plan_edit, name="plan_edit"),
    path("clients/<uuid:client_id>/safety-plan/history/", views.plan_history, name="plan_history"),
    path("risk-flags/<uuid:flag_id>/", views.flag_review, name="flag_review"),
    path("practice/crisis/", views.crisis_settings, name="crisis_settings"),
]
