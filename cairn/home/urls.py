from cairn.core.routes import route
from cairn.home import views

app_name = "home"
urlpatterns = [
    route("", views.home),
    route("clients/<uuid:client_id>/", views.client_overview),
    route("record/who-can-see-it/", views.who_can_see),
]
