from django.urls import path

from cairn.reminders import views

app_name = "reminders"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("after-therapy/return/", views.ask_to_return, name="ask_to_return"),
]
