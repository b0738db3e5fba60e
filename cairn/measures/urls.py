from django.urls import path

from cairn.measures import views

app_name = "measures"
urlpatterns = [
    path("clients/<uuid:client_id>/measures/", views.measure_list, name="measure_list"),
    path(
        "clients/<uuid:client_id>/measures/assign/",
        views.assignment_create,
        name="assignment_create",
    ),
    path(
        "clients/<uuid:client_id>/measures/<slug:measure>.svg",
        views.measure_chart,
        name="measure_chart",
    ),
    path(
        "measure-assignments/<uuid:assignment_id>/end/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("measures/<slug:measure>/", views.response_create, name="response_create"),
    path("measure-responses/<uuid:response_id>/", views.response_detail, name="response_detail"),
]
