from django.urls import reverse

from cairn.reminders.models import Preference


def test_opening_the_settings_writes_nothing(client, ben):
    # Defaults show until the person saves; a GET never writes.
    Preference.objects.filter(user=ben).delete()
    client.force_login(ben)
    assert client.get(reverse("reminders:preferences")).status_code == 200
    assert not Preference.objects.filter(user=ben).exists()
