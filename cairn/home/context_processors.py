import functools
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import get_script_prefix, reverse

from cairn.care.access import Standing, standing_of
from cairn.care.selectors import only_practice, practice_of


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


def navigation(request: HttpRequest) -> dict[str, object]:
    """The links that fit the signed-in person's part in the practice, and their
    practice. `nav_standing` (care/access.py's Standing) is what templates ask to show
    a link or a word to one kind of person; they never compare roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        # Signed out (the sign-in page, a reset link): the footer still names the practice
        # when this Cairn serves one, as it usually does (and safety's context processor
        # gives its urgent-help words).
        return {"nav_links": [], "nav_practice": only_practice(), "nav_standing": Standing()}
    practice = practice_of(user)
    standing = standing_of(user)
    links = _links(standing, user.pk, practice is not None, get_script_prefix())
    return {
        "nav_links": links,
        "nav_practice": practice,
        "nav_standing": standing,
    }


@functools.lru_cache(maxsize=4096)
def _links(
    standing: Standing, user_id: object, has_membership: bool, prefix: str
) -> tuple[NavLink, ...]:
    """The same for every page a person opens: worked out (a dozen URL reversals) once
    per person and process, not on every request. `prefix` keys the script prefix the
    URLs were reversed under."""
    links = [NavLink("Home", reverse("home:home"))]
    if standing.is_client:
        links += [
            NavLink("Check in", reverse("progress:checkin")),
            NavLink("My goals", reverse("goals:goal_list", args=[user_id])),
            NavLink("Journal", reverse("journal:entry_list")),
            NavLink("Wins", reverse("progress:win_list", args=[user_id])),
            NavLink("Routines", reverse("routines:routine_list", args=[user_id])),
            NavLink("My safety plan", reverse("safety:plan_detail", args=[user_id])),
        ]
    elif standing.is_therapist:
        links += [
            NavLink("Invite a client", reverse("care:invitation_create")),
            NavLink("Past clients", reverse("care:past_clients")),
        ]
    elif standing.may_administer:
        links += [
            NavLink("People", reverse("care:people")),
            NavLink("Audit log", reverse("care:audit_log")),
            NavLink("Invite", reverse("care:invitation_create")),
        ]
    if has_membership and not standing.is_client:
        links.append(NavLink("Practice", reverse("care:practice_detail")))
    links.append(NavLink("Help", reverse("goals:help")))
    links.append(NavLink("Account", reverse("accounts:profile")))
    return tuple(links)
