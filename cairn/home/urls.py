from django.urls import path

from cairn.home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path("clients/<uuid:client_id>/", views.client_overview, name="client_overview"),
    path("record/who-can-see-it/", views.who_can_see, name="who_can_see"),
]
