from cairn.core.routes import route
from cairn.reminders import views

app_name = "reminders"
urlpatterns = [
    route("preferences/", views.preferences),
    route("notifications/", views.notification_list),
    route("notifications/read/", views.notifications_read),
    route("unsubscribe/<str:token>/", views.unsubscribe),
    route("after-therapy/return/", views.ask_to_return),
]
