from django.urls import reverse

from cairn.goals.models import GoalComment
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
