import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse


def test_a_person_changes_their_email_after_confirming_the_new_one(client, ben):
    client.force_login(ben)
    response = client.post(
        reverse("account_email"), {"email": "ben.new@example.test", "action_add": ""}
    )
    assert response.status_code == 302
    ben.refresh_from_db()
    assert ben.email == "ben@example.test"  # not until it is confirmed

    assert mail.outbox[-1].to == ["ben.new@example.test"]
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    client.post(link)

    ben.refresh_from_db()
    assert ben.email == "ben.new@example.test"
    assert EmailAddress.objects.get(user=ben, primary=True).email == "ben.new@example.test"


def test_a_malformed_email_gets_a_clear_message(client, ben):
    client.force_login(ben)
    response = client.post(reverse("account_email"), {"email": "not-an-address", "action_add": ""})
    assert "Enter a valid email address." in response.content.decode()
    assert EmailAddress.objects.filter(user=ben).count() == 1
