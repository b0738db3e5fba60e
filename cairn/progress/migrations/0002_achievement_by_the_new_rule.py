"""Every goal's achievement status again, by the rule that replaced "latest against
first" (CLINICAL.md), with what it compares. Statuses a therapist set by hand stay."""

from collections import defaultdict

from django.db import migrations


def recompute(apps, schema_editor):
    from cairn.progress.achievement import achievement_of

    Goal = apps.get_model("goals", "Goal")
    GoalRating = apps.get_model("progress", "GoalRating")
    ratings = defaultdict(list)
    for goal_id, day, rating in GoalRating.objects.values_list(
        "goal_id", "checkin__date", "rating"
    ).iterator():
        ratings[goal_id].append((day, rating))
    for goal in Goal.objects.iterator():
        status = achievement_of(ratings.get(goal.pk, []), target=goal.rating_target)
        goal.achievement_baseline = status.baseline
        goal.achievement_current = status.current
        goal.achievement_ratings = status.ratings
        fields = ["achievement_baseline", "achievement_current", "achievement_ratings"]
        if not goal.achievement_overridden:
            goal.achievement_status = status.code
            fields.append("achievement_status")
        goal.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0005_goal_change"),
        ("progress", "0001_initial"),
    ]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
