from django.urls import reverse


def test_an_unreadable_version_is_a_conflict_not_an_error(client, ben, private_entry):
    client.force_login(ben)
    response = client.post(
        reverse("journal:entry_edit", args=[private_entry.pk]),
        {"body": "New words", "version": "abc"},
    )
    assert response.status_code == 409
    private_entry.refresh_from_db()
    assert private_entry.body == "Slept badly; worried about **work**."  # nothing saved
