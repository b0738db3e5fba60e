from cairn.api import views
from cairn.core.routes import route

app_name = "tokens"
urlpatterns = [
    route("accounts/tokens/", views.token_list),
    route("accounts/tokens/<uuid:token_id>/revoke/", views.token_revoke),
]
