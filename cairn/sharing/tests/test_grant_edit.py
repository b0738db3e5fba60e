from django.urls import reverse

from tests.page import words


def test_one_shared_win_can_be_taken_back_without_ending_the_grant(
    client, ben, fay, fays_grant, bens_win
):
    fays_grant.all_wins = False
    fays_grant.save()
    fays_grant.wins.add(bens_win)
    client.force_login(ben)
    goal = fays_grant.goals.get()
    response = client.post(
        reverse("sharing:grant_edit", args=[fays_grant.pk]),
        {"goals": [str(goal.pk)], "keep_items": []},
    )
    assert response.status_code == 302
    assert list(fays_grant.wins.all()) == []
    client.force_login(fay)
    page = words(client.get(reverse("sharing:shared_view", args=[fays_grant.pk])))
    assert "Went to the pool" not in page and goal.title in page
