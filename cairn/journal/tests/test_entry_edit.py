from django.urls import reverse

from cairn.safety.models import RiskFlag


def test_an_unreadable_version_is_a_conflict_not_an_error(client, ben, private_entry):
    client.force_login(ben)
    response = client.post(
        reverse("journal:entry_edit", args=[private_entry.pk]),
        {"body": "New words", "version": "abc"},
    )
    assert response.status_code == 409
    private_entry.refresh_from_db()
    assert private_entry.body == "Slept badly; worried about **work**."  # nothing saved


def test_words_of_risk_written_into_a_private_entry_show_support_and_tell_nobody(
    client, ana, ben, private_entry
):
    client.force_login(ben)
    response = client.post(
        reverse("journal:entry_edit", args=[private_entry.pk]),
        {"body": "I can't go on", "version": private_entry.version},
        follow=True,
    )
    assert 'id="support-now"' in response.content.decode()
    private_entry.refresh_from_db()
    assert private_entry.body == "I can't go on"
    assert not RiskFlag.objects.exists()
