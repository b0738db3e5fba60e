from django.urls import reverse


def test_marking_discussed_never_redirects_off_site_or_fails_on_a_bad_session(
    client, ana, agenda_item
):
    client.force_login(ana)
    response = client.post(
        reverse("sessions:agenda_discussed", args=[agenda_item.pk]),
        {"session": "not-a-uuid", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response.url == reverse("home:home")
