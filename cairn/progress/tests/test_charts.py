import re
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse

from cairn.accounts.time import local_today
from cairn.progress import charts
from cairn.progress.models import Mood
from cairn.progress.series import MOOD_DAYS
from cairn.progress.tests.factories import CheckInFactory, GoalRatingFactory, MeasureValueFactory
from tests.page import words

START = date(2026, 9, 1)


def test_gaps_in_check_ins_are_drawn_as_gaps():
    points = [(START, 2), (START + timedelta(days=1), 3), (START + timedelta(days=20), 5)]
    _days, values = charts._with_gaps(points)
    assert len(values) == 4
    assert values[2] != values[2]  # NaN breaks the line
    svg = charts.rating_chart(points)
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg


def test_the_trend_follows_the_direction_under_the_noise():
    points = [(START + timedelta(days=i), v) for i, v in enumerate([2, 4, 3, 5, 4, 6])]
    (_, _), (first, last) = charts._trend(points)
    assert last > first


def test_the_words_say_what_the_chart_shows_kindly():
    points = [
        (START, 2),
        (START + timedelta(days=1), 7),
        (START + timedelta(days=2), 4),
        (START + timedelta(days=30), 8),
    ]
    text = charts.describe_ratings(points)
    assert "It started at 2 out of 10 and is now 8." in text
    assert "harder stretch" in text and "progress is rarely a straight line" in text
    assert "shown as gaps" in text


def test_measure_and_mood_charts_and_their_words():
    values = [(START, Decimal("1")), (START + timedelta(days=2), Decimal("2.5"))]
    walks = charts.MeasureScale(unit="walks", baseline=Decimal(0), target=Decimal(3))
    assert "<svg" in charts.measure_chart(values, walks)
    assert charts.describe_measure(values, walks) == (
        "2 values; the latest is 2.5 walks on 3 September. It started at 0 walks. The target is 3 walks."
    )
    assert "<svg" in charts.mood_chart([(START, 3), (START + timedelta(days=1), 4)])
    assert charts.rating_chart([]).count("No ratings yet") == 1


def test_the_chart_image_is_served_with_a_policy_of_its_own(client, ben, goal):
    client.force_login(ben)
    response = client.get(reverse("progress:goal_chart", args=[goal.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "script" not in response["Content-Security-Policy"]


def test_the_progress_page_has_a_text_alternative_and_a_table(client, ben, goal):

    checkin = CheckInFactory(client=ben, date=START)
    GoalRatingFactory(checkin=checkin, goal=goal, rating=4)
    client.force_login(ben)
    page = client.get(reverse("progress:goal_progress", args=[goal.pk])).content.decode()
    assert (
        'alt="1 rating from 1 September to 1 September. It started at 4 out of 10 and is now 4."'
        in page
    )
    assert "<td>4</td>" in page


def _smallest_text_on_screen(svg: str, shown_width_px: float) -> float:
    """The smallest font size, in CSS pixels, once the SVG is scaled to the width shown."""
    import re

    width_pt = float(re.search(r'<svg[^>]*width="([\d.]+)pt"', svg).group(1))
    sizes = [float(size) for size in re.findall(r"font[:-]\s*(?:size:\s*)?([\d.]+)px", svg)]
    sizes += [float(size) for size in re.findall(r"font:\s*([\d.]+)px", svg)]
    assert sizes, "no text found"
    # Sizes are in the SVG's own units, the same as its width in pt.
    return min(sizes) * shown_width_px / width_pt


def test_chart_text_stays_readable_on_a_phone_and_the_desktop():
    from datetime import date, timedelta
    from decimal import Decimal

    from cairn.progress import charts

    days = [date(2026, 9, 1) + timedelta(days=i) for i in range(30)]
    ratings = [(d, 3 + i % 4) for i, d in enumerate(days)]
    values = [(d, Decimal(i % 5)) for i, d in enumerate(days)]
    # A 390 px phone shows a chart about 358 px wide; a desktop up to 640 px.
    for svg, shown in [
        (charts.rating_chart(ratings, phone=True), 358),
        (
            charts.measure_chart(
                values,
                charts.MeasureScale(unit="walks", baseline=None, target=Decimal(3)),
                phone=True,
            ),
            358,
        ),
        (charts.mood_chart([(d, 1 + i % 5) for i, d in enumerate(days)], phone=True), 358),
        (charts.rating_chart(ratings), 640),
    ]:
        assert _smallest_text_on_screen(svg, shown) >= 11


def test_a_one_value_chart_spans_a_fortnight_not_years():
    import re
    from datetime import date

    from cairn.progress import charts

    svg = charts.rating_chart([(date(2026, 11, 20), 4)])
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    years = set(re.findall(r"\b20\d\d\b", texts))
    assert years <= {"2026"}, years
    assert "Nov" in texts


def test_units_agree_with_their_number():
    from decimal import Decimal

    from cairn.progress.charts import amount

    assert amount(Decimal("1.00"), "nights") == "1 night"
    assert amount(Decimal("2.00"), "nights") == "2 nights"
    assert amount(Decimal("7.50"), "hours") == "7.5 hours"
    assert amount(Decimal("100"), "") == "100"
    assert amount(Decimal("1"), "glasses") == "1 glass"
    assert amount(Decimal("1"), "minutes") == "1 minute"


def test_chart_dates_have_no_leading_zeros():
    import re
    from datetime import date, timedelta

    from cairn.progress import charts

    days = [date(2026, 10, 19) + timedelta(days=i) for i in range(40)]
    svg = charts.rating_chart([(d, 5) for d in days])
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert not [t for t in texts if re.fullmatch(r"0\d", t.strip())]
    assert "2026-Nov" not in svg


def test_the_target_is_drawn_as_it_was_at_each_date(
    client, ana, ben, goal, django_capture_on_commit_callbacks
):
    """A step where an agreed change moved it; a change waiting for agreement moves nothing."""
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from cairn.goals.models import GoalChange, Revision
    from cairn.goals.services.goal_changes import goal_change_agree, goal_revise
    from cairn.progress import series

    goal.measure_name, goal.measure_unit = "walks a week", "walks"
    goal.measure_baseline, goal.measure_target = Decimal(0), Decimal(3)
    goal.save()
    today = timezone.localdate()
    for days, value in ((20, 1), (10, 2), (1, 3)):
        checkin = CheckInFactory(client=ben, date=today - timedelta(days=days))
        MeasureValueFactory(checkin=checkin, goal=goal, value=value)
    goal_revise(
        goal=goal,
        by=ana,
        data={"measure_target": Decimal(5)},
        version=goal.version,
        reason="life_changed",
    )
    # Waiting for Ben: the target in force is still 3, a single flat line.
    assert series.target_steps(goal) == [(goal.start_date, Decimal(3))]
    change = GoalChange.objects.get(goal=goal)
    goal_change_agree(change=change, by=ben)
    # Agreed ten days ago: 3 until then, 5 from then on.
    Revision.objects.filter(goal=goal, reason="life_changed").update(
        created_at=timezone.now() - timedelta(days=10)
    )
    steps = series.target_steps(goal)
    assert steps == [(goal.start_date, Decimal(3)), (today - timedelta(days=10), Decimal(5))]

    client.force_login(ben)
    svg = client.get(reverse("progress:measure_chart", args=[goal.pk])).content.decode()
    assert "Your target (as agreed then)" in svg
    page = client.get(reverse("progress:goal_progress", args=[goal.pk])).content.decode()
    assert "It was 3 walks until" in page and "when you agreed 5 walks." in page


def test_an_unchanged_chart_is_not_drawn_again_and_a_new_rating_redraws_it(
    client, ben, goal, monkeypatch
):
    from cairn.progress import charts as chart_module

    drawn = []
    real = chart_module.rating_chart

    def counting(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(chart_module, "rating_chart", counting)
    checkin = CheckInFactory(client=ben, date=START)
    GoalRatingFactory(checkin=checkin, goal=goal, rating=4)
    client.force_login(ben)
    first = client.get(reverse("progress:goal_chart", args=[goal.pk])).content
    assert client.get(reverse("progress:goal_chart", args=[goal.pk])).content == first
    assert len(drawn) == 1
    later = CheckInFactory(client=ben, date=START + timedelta(days=1))
    GoalRatingFactory(checkin=later, goal=goal, rating=7)
    assert client.get(reverse("progress:goal_chart", args=[goal.pk])).content != first
    assert len(drawn) == 2


def test_the_mood_page_lists_the_last_four_months(client, ben):
    today = local_today(ben)
    CheckInFactory(client=ben, date=today - timedelta(days=MOOD_DAYS), mood=Mood.GOOD)
    CheckInFactory(client=ben, date=today - timedelta(days=MOOD_DAYS + 1), mood=Mood.LOW)
    client.force_login(ben)
    page = words(client.get(reverse("progress:mood", args=[ben.pk])), within="main")
    first = today - timedelta(days=MOOD_DAYS)
    day_before = first - timedelta(days=1)
    assert f"{first:%a} {first.day} {first:%b %Y} 4" in page
    assert f"{day_before:%a} {day_before.day} {day_before:%b %Y}" not in page


def test_a_chart_asked_for_a_phone_is_drawn_narrow(client, ben, goal):
    GoalRatingFactory(checkin=CheckInFactory(client=ben), goal=goal, rating=4)
    client.force_login(ben)
    url = reverse("progress:goal_chart", args=[goal.pk])

    def width(response):
        return float(re.search(r'<svg[^>]* width="([\d.]+)pt"', response.content.decode())[1])

    assert width(client.get(url, {"size": "phone"})) < width(client.get(url))


def test_the_progress_page_says_which_days_it_covers(client, ben, goal):
    # The first rating's day to the last measure's, as a printed copy says at the top.
    goal.measure_name, goal.measure_unit = "walks a week", "walks"
    goal.save()
    today = local_today(ben)
    first, rated, measured = (today - timedelta(days=d) for d in (30, 10, 2))
    for day, rating in ((first, 3), (rated, 5)):
        GoalRatingFactory(checkin=CheckInFactory(client=ben, date=day), goal=goal, rating=rating)
    MeasureValueFactory(checkin=CheckInFactory(client=ben, date=measured), goal=goal)
    client.force_login(ben)
    page = words(client.get(reverse("progress:goal_progress", args=[goal.pk])))
    assert f"Check-ins from {first.day} {first:%B %Y} to {measured.day} {measured:%B %Y}" in page
