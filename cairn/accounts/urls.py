from django.urls import path

from cairn.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
]
