from cairn.accounts import views
from cairn.core.routes import route

app_name = "accounts"
urlpatterns = [
    route("profile/", views.profile),
    route("keep-alive/", views.keep_alive),
]
