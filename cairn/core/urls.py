from cairn.core import views
from cairn.core.routes import route

app_name = "core"
urlpatterns = [
    route("healthz", views.healthz),
]
