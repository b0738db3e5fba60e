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
