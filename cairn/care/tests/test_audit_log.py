def test_the_admin_sees_allowed_and_denied_openings(client, ed, ana, ben, dana):
    client.force_login(ana)
    client.get(f"/clients/{ben.pk}/")
    client.force_login(dana)
    client.get(f"/clients/{ben.pk}/")

    client.force_login(ed)
    page = client.get("/practice/audit/").content.decode()
    assert "Ana Thornbury" in page and "Dana Okonkwo-Reyes" in page
    assert "Refused" in page and "Allowed" in page

    denied = client.get("/practice/audit/", {"outcome": "denied"}).content.decode()
    assert "Dana Okonkwo-Reyes" in denied
    assert "Ana Thornbury" not in denied.split("<tbody>")[1]


def test_it_shows_only_this_practices_events(client, ed, gus):
    client.force_login(gus)
    client.get("/")
    client.force_login(ed)
    page = client.get("/practice/audit/").content.decode()
    assert "Gus Varga" not in page


def test_a_bad_filter_names_the_field(client, ed):
    client.force_login(ed)
    response = client.get("/practice/audit/", {"since": "2026-05-02", "until": "2026-05-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()


def test_the_log_runs_a_constant_number_of_queries(
    client, ed, ana, ben, django_assert_max_num_queries
):
    client.force_login(ana)
    for _ in range(30):
        client.get(f"/clients/{ben.pk}/")
    client.force_login(ed)
    with django_assert_max_num_queries(12):
        assert client.get("/practice/audit/").status_code == 200


def test_the_client_sees_who_opened_their_record(client, ana, ben):
    client.force_login(ana)
    client.get(f"/clients/{ben.pk}/")
    client.force_login(ben)
    client.get(f"/clients/{ben.pk}/")  # his own openings are not listed
    page = client.get("/record/who-opened-it/").content.decode()
    assert "Ana Thornbury" in page
    assert page.count("Opened the record") == 1


def test_only_admins_see_the_practice_log(client, ana, ben, fay):
    for person in (ana, ben, fay):
        client.force_login(person)
        assert client.get("/practice/audit/").status_code == 403
