from cairn.core.routes import route
from cairn.measures import views

app_name = "measures"
urlpatterns = [
    route("clients/<uuid:client_id>/measures/", views.measure_list),
    route("clients/<uuid:client_id>/measures/assign/", views.assignment_create),
    route("clients/<uuid:client_id>/measures/<slug:measure>.svg", views.measure_chart),
    route("measure-assignments/<uuid:assignment_id>/end/", views.assignment_end),
    route("measures/<slug:measure>/", views.response_create),
    route("measure-responses/<uuid:response_id>/", views.response_detail),
]
