from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from cairn.progress.tests.factories import CheckInFactory, MeasureValueFactory


def test_a_unit_with_a_dollar_sign_still_draws(client, ben, goal):
    goal.measure_name, goal.measure_unit = "savings", "$\\frac"
    goal.save()
    checkin = CheckInFactory(client=ben, date=timezone.localdate())
    MeasureValueFactory(checkin=checkin, goal=goal, value=Decimal(5))
    client.force_login(ben)
    response = client.get(reverse("progress:measure_chart", args=[goal.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg")
