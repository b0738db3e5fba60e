"""A paged list answers a page number it cannot use (none, not a number, before the
first page or past the last) with a real page of the list, never an error."""

import pytest
from django.urls import reverse

PAGED_LISTS = [
    # who looks, the list, and something on its only page
    pytest.param("ed", lambda ben: reverse("care:people"), "ben@example.test", id="people"),
    pytest.param("ana", lambda ben: reverse("home:home"), "Ben Marchetti", id="caseload"),
    pytest.param("ben", lambda ben: reverse("journal:entry_list"), "Just for me", id="journal"),
    pytest.param(
        "ben",
        lambda ben: reverse("progress:win_list", args=[ben.pk]),
        "Went to the pool",
        id="wins",
    ),
]


@pytest.mark.parametrize("number", ["0", "-1", "-3", "99", "999", "abc", "1.5", "1e3", ""])
@pytest.mark.parametrize(("viewer", "url", "listed"), PAGED_LISTS)
def test_an_odd_page_number_shows_a_real_page(
    client, request, ben, private_entry, bens_win, viewer, url, listed, number
):
    client.force_login(request.getfixturevalue(viewer))
    response = client.get(url(ben), {"page": number})
    assert response.status_code == 200
    assert listed in response.content.decode()
