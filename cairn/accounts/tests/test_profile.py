import pytest
from django.urls import reverse


def test_a_person_sets_their_name_and_time_zone(client, ben):
    client.force_login(ben)
    response = client.post(
        reverse("accounts:profile"), {"name": "Ben M.", "time_zone": "America/Toronto"}
    )
    assert response.status_code == 302
    ben.refresh_from_db()
    assert (ben.name, ben.time_zone) == ("Ben M.", "America/Toronto")


def test_an_unknown_time_zone_gets_a_clear_message(client, ben):
    client.force_login(ben)
    response = client.post(
        reverse("accounts:profile"), {"name": "Ben", "time_zone": "Mars/Olympus_Mons"}
    )
    assert "Please choose a time zone from the list" in response.content.decode()
    ben.refresh_from_db()
    assert ben.time_zone == "Europe/London"


# What the account page offers each person (links by URL): a client their record's
# log, their API, report, export and deletion; a therapist their API; others neither.
@pytest.mark.parametrize(
    ("person", "offered"),
    [
        ("ben", {"record_access_log", "tokens", "report", "export", "space_delete"}),
        ("ana", {"tokens"}),
        ("ed", set()),
        ("fay", set()),
    ],
)
def test_each_person_is_offered_what_is_theirs(client, request, person, offered):
    user = request.getfixturevalue(person)
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    urls = {
        "record_access_log": reverse("care:record_access_log"),
        "tokens": reverse("tokens:token_list"),
        "report": reverse("interop:report", args=[user.pk]),
        "export": reverse("interop:export_everything"),
        "space_delete": reverse("interop:space_delete"),
    }
    assert {name for name, url in urls.items() if f'"{url}"' in page} == offered
