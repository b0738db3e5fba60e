"""What base.html needs on every page: the support panel after something that may be
a sign of risk, the crisis resources for the honest-expectations line and the footer's
urgent-help words, and whether a client has yet to read, once, who reads what they
write."""

import functools
from typing import cast

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from cairn.care.access import standing_of
from cairn.care.selectors import only_practice, practice_of
from cairn.core.risk import support_offered
from cairn.safety.crisis import SUPPORT_SENTENCE, places_to_turn
from cairn.safety.models import CrisisSettings
from cairn.safety.selectors import crisis_settings_of, has_seen_expectations

EXPECTATIONS_SESSION_KEY = "cairn_expectations_seen"


def support(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        # Signed out (the sign-in page, a reset link): the crisis settings of the practice
        # this Cairn serves when it serves just one, as the navigation names it
        # (home/context_processors.py), so the footer's urgent-help words still show;
        # else the default country's numbers. Read once, by the first that a page shows.
        practice_once = functools.cache(only_practice)
        crisis = cast(CrisisSettings, SimpleLazyObject(lambda: crisis_settings_of(practice_once())))
        return {
            "support_now": False,
            "crisis": crisis,
            "crisis_places": SimpleLazyObject(lambda: places_to_turn(crisis, practice_once())),
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

    crisis = cast(CrisisSettings, SimpleLazyObject(lambda: crisis_settings_of(practice)))
    return {
        "support_now": support_offered(request),
        "support_sentence": SUPPORT_SENTENCE,
        # Loaded only by the pages that show it.
        "crisis": crisis,
        "crisis_places": SimpleLazyObject(lambda: places_to_turn(crisis, practice)),
        "show_expectations": SimpleLazyObject(expectations_unseen),
    }
