from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from cairn.core.routes import route


@login_required
def goal_pause(request: HttpRequest, goal_id: int) -> HttpResponse:
    return HttpResponse()


def test_a_route_takes_its_name_from_the_view_it_serves():
    pattern = route("goals/<int:goal_id>/pause/", goal_pause)

    assert pattern.name == "goal_pause"  # the decorator keeps the view's own name
    assert pattern.resolve("goals/7/pause/").kwargs == {"goal_id": 7}
