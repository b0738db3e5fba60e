from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD


def test_a_session_ends_after_30_minutes_idle(client, ben):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(
            reverse("account_login"), {"login": "ben@example.test", "password": TEST_PASSWORD}
        )
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("home:home")).status_code == 200
        traveller.shift(timedelta(minutes=31))
        assert client.get(reverse("home:home")).status_code == 302


def test_a_session_ends_12_hours_after_sign_in_however_active(client, ben):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(
            reverse("account_login"), {"login": "ben@example.test", "password": TEST_PASSWORD}
        )
        for _ in range(28):  # active every 25 minutes: 11 h 40 min
            traveller.shift(timedelta(minutes=25))
            assert client.get(reverse("home:home")).status_code == 200
        traveller.shift(timedelta(minutes=25))
        response = client.get(reverse("home:home"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
