from django.urls import reverse

from cairn.core.models import AuditEvent
from cairn.goals.models import GoalComment
from cairn.safety.models import RiskFlag
from tests.page import words


def test_a_refused_comment_keeps_its_words_and_says_why(client, ben, goal):
    client.force_login(ben)
    response = client.post(
        reverse("goals:comment_create", args=[goal.pk]), {"text": "<b>hi</b> and more words"}
    )
    assert "Please use plain words here" in words(response)
    # The words come back as typed, as text rather than markup, ready to mend.
    assert "&lt;b&gt;hi&lt;/b&gt; and more words" in response.content.decode()
    assert not GoalComment.objects.exists()


# Words of risk: the service notes them in the client's own words, and the page offers
# support on its word alone.
RISKY = "Some days I want to kill myself"


def comment(client, person, goal, text):
    client.force_login(person)
    return client.post(reverse("goals:comment_create", args=[goal.pk]), {"text": text}, follow=True)


def test_the_clients_words_of_risk_show_support_and_raise_one_flag(client, ben, goal):
    response = comment(client, ben, goal, RISKY)
    assert 'id="support-now"' in response.content.decode()
    saved = GoalComment.objects.get(goal=goal)
    assert RiskFlag.objects.filter(client=ben).count() == 1
    assert (
        AuditEvent.objects.filter(object_type="goal_comment", object_id=str(saved.pk)).count() == 1
    )


def test_the_therapists_same_words_show_no_support_and_raise_no_flag(client, ana, goal):
    response = comment(client, ana, goal, RISKY)
    assert 'id="support-now"' not in response.content.decode()
    assert GoalComment.objects.filter(goal=goal, author=ana).exists()
    assert not RiskFlag.objects.exists()


def test_ordinary_words_show_no_support(client, ben, goal):
    response = comment(client, ben, goal, "The walk was lovely today")
    assert 'id="support-now"' not in response.content.decode()
    assert not RiskFlag.objects.exists()
