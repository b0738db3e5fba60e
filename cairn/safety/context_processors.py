"""What base.html needs on every page: the support panel after something that may be
a sign of risk, the crisis resources for the honest-expectations line, and whether a
client has yet to read, once, who reads what they write."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cairn.care.access import standing_of
from cairn.care.selectors import practice_of
from cairn.core.risk import support_offered
from cairn.safety.crisis import SUPPORT_SENTENCE
from cairn.safety.selectors import crisis_settings_of, has_seen_expectations

EXPECTATIONS_SESSION_KEY = "cairn_expectations_seen"


def support(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        # No practice yet: the default country's numbers, should a page show them.
        return {
            "support_now": False,
            "crisis": SimpleLazyObject(lambda: crisis_settings_of(None)),
            "show_expectations": False,
        }
    practice = practice_of(user)
    is_client = standing_of(user).is_client

    def expectations_unseen() -> bool:
        if not is_client or request.session.get(EXPECTATIONS_SESSION_KEY):
            return False
        if has_seen_expectations(user):
            request.session[EXPECTATIONS_SESSION_KEY] = True
            return False
        return True

    return {
        "support_now": support_offered(request),
        "support_sentence": SUPPORT_SENTENCE,
        # Loaded only by the pages that show it.
        "crisis": SimpleLazyObject(lambda: crisis_settings_of(practice)),
        "show_expectations": SimpleLazyObject(expectations_unseen),
    }
