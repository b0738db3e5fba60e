from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from cairn.care.models import Role
from cairn.core.models import AuditEvent
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, member


def totp_now(secret: str = TEST_TOTP_SECRET) -> str:
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, email: str, password: str = TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_client_signs_in_with_email_and_password(client, ben):
    response = sign_in(client, "ben@example.test")
    assert response.status_code == 302
    assert response.url == reverse("home:home")
    assert "Hello, Ben Marchetti" in client.get(reverse("home:home")).content.decode()
    assert AuditEvent.objects.filter(actor_id=ben.pk, action="sign_in").exists()


def test_a_therapist_must_give_an_authenticator_code(client, ana):
    response = sign_in(client, "ana@example.test")
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("home:home")).status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert response.status_code == 302
    assert client.get(reverse("home:home")).status_code == 200


def test_a_wrong_authenticator_code_is_refused(client, ana):
    sign_in(client, "ana@example.test")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert client.get(reverse("home:home")).status_code == 302


def test_a_wrong_password_says_so_and_is_audited(client, ben):
    response = sign_in(client, "ben@example.test", "not-the-password")
    assert response.status_code == 200
    assert (
        "The email address and/or password you specified are not correct."
        in response.content.decode()
    )
    assert AuditEvent.objects.filter(action="sign_in_failed", object_id=str(ben.pk)).exists()


def sign_in_from(client, address: str, email: str, password: str = TEST_PASSWORD):
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_many_addresses_at_one_account_are_slowed_down_and_the_owner_is_told(client, ben):
    # The clock stands still while the five are tried (see the test below).
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(5):
            sign_in_from(Client(), f"198.51.100.{n}", "ben@example.test", "not-the-password")
        # Even the right password, from yet another address, must wait now.
        response = sign_in_from(client, "198.51.100.77", "ben@example.test")
    assert "Too many failed sign-ins. Please wait 30 seconds" in response.content.decode()
    assert client.get(reverse("home:home")).status_code == 302
    # Ben hears of it once, with the way back in, and nothing clinical.
    told = [m for m in mail.outbox if m.to == ["ben@example.test"]]
    assert len(told) == 1
    assert "wrong password 5 times" in told[0].body
    assert reverse("account_reset_password") in told[0].body
    # A wait, not a lock: after it the right password works.
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        response = sign_in_from(client, "198.51.100.77", "ben@example.test")
    assert response.status_code == 302 and response.url == reverse("home:home")


def test_each_further_failure_waits_longer(client, ben):
    # The clock stands still while the five are tried: on a busy machine hashing five
    # passwords takes seconds, and the wait is counted from the failures' times.
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in_from(client, "198.51.100.1", "ben@example.test", "not-the-password")
    with time_machine.travel(start + timedelta(seconds=31), tick=False):
        sign_in_from(client, "198.51.100.1", "ben@example.test", "not-the-password")
        response = sign_in_from(client, "198.51.100.1", "ben@example.test")
    assert "Please wait 1 minute" in response.content.decode()


def test_one_address_failing_at_many_accounts_does_not_lock_out_the_practice(client, practice):
    """Behind a practice's shared address: one visitor's failures are not everyone's."""
    people = [member(practice, Role.CLIENT, email=f"walker{n}@example.test") for n in range(12)]
    for person in people[:11]:
        sign_in_from(Client(), "192.0.2.10", person.email, "not-the-password")
    response = sign_in_from(client, "192.0.2.10", people[11].email)
    assert response.status_code == 302 and response.url == reverse("home:home")


def test_an_address_failing_again_and_again_is_slowed_down_alone(client, practice, ben):
    people = [member(practice, Role.CLIENT, email=f"walker{n}@example.test") for n in range(30)]
    for person in people:
        sign_in_from(Client(), "192.0.2.66", person.email, "not-the-password")
    response = sign_in_from(client, "192.0.2.66", "ben@example.test")
    assert "Too many failed sign-ins" in response.content.decode()
    # Ben at another address is not held up.
    response = sign_in_from(Client(), "192.0.2.7", "ben@example.test")
    assert response.status_code == 302 and response.url == reverse("home:home")


def test_a_password_reset_lifts_the_wait(client, ben):
    for _ in range(5):
        sign_in_from(client, "198.51.100.1", "ben@example.test", "not-the-password")
    from allauth.account.signals import password_reset

    password_reset.send(sender=type(ben), request=None, user=ben)
    response = sign_in_from(client, "198.51.100.1", "ben@example.test")
    assert response.status_code == 302 and response.url == reverse("home:home")


def test_wrong_authenticator_codes_are_counted_apart_per_account(client, ana, cara):
    sign_in(client, "ana@example.test")
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_now()})
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("home:home")).status_code == 302
    told = [m for m in mail.outbox if m.to == ["ana@example.test"]]
    assert len(told) == 1 and "wrong authenticator code" in told[0].body
    # Cara, at the same address, is not affected; neither is Ana's password count.
    other = Client()
    sign_in(other, "cara@example.test")
    assert other.post(reverse("mfa_authenticate"), {"code": totp_now()}).status_code == 302
    assert other.get(reverse("home:home")).status_code == 200
    with time_machine.travel(timedelta(seconds=31)):
        sign_in(client, "ana@example.test")
        client.post(reverse("mfa_authenticate"), {"code": totp_now()})
        assert client.get(reverse("home:home")).status_code == 200


def test_the_limit_is_shared_by_every_worker_process(ben):
    # The counters live in the shared cache, not in a process's memory.
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in {
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }


def test_signing_out_ends_the_session_on_the_server(client, ben):
    sign_in(client, "ben@example.test")
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert AuditEvent.objects.filter(actor_id=ben.pk, action="sign_out").exists()


def test_changing_the_password_ends_other_sessions(client, ben, django_user_model):
    from django.test import Client

    other_device = Client()
    sign_in(other_device, "ben@example.test")
    assert other_device.get(reverse("home:home")).status_code == 200
    other_key = other_device.session.session_key

    sign_in(client, "ben@example.test")
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "new-lantern-river-stone",
            "password2": "new-lantern-river-stone",
        },
    )
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=other_key).exists()
    assert other_device.get(reverse("home:home")).status_code == 302


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short"),
        ("password123", "This password is too common"),
        ("8675309123456", "This password is entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(client, ben, password, message):
    sign_in(client, "ben@example.test")
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": TEST_PASSWORD, "password1": password, "password2": password},
    )
    assert message in response.content.decode()


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2(ben):
    ben.set_password("new-lantern-river-stone")
    ben.save()
    assert identify_hasher(ben.password).algorithm == "argon2"


def test_production_settings_hash_with_argon2_first():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_sends_a_working_link_by_email(client, ben):
    response = client.post(reverse("account_reset_password"), {"email": "ben@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/key/" in line)
    path = link[link.index("/accounts/") :].strip()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "new-lantern-river-stone", "password2": "new-lantern-river-stone"},
    )
    assert response.status_code == 302
    ben.refresh_from_db()
    assert ben.check_password("new-lantern-river-stone")
