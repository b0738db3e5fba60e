from django.urls import path

from cairn.interop import views

app_name = "interop"
urlpatterns = [
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
