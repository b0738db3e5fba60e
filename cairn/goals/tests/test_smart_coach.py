def test_the_coach_answers_as_the_person_types(client, ben):
    client.force_login(ben)
    vague = client.post("/goals/coach/", {"title": "I want to feel better"}, HTTP_HX_REQUEST="true")
    page = vague.content.decode()
    assert vague.status_code == 200
    for letter in ("specific", "measurable", "time_bound"):
        assert f'coach__item--not-yet" data-letter="{letter}"' in page
    assert 'coach__item--unknown" data-letter="achievable"' in page  # no confidence given yet
    assert "<html" not in page  # a fragment, not a page

    sharper = client.post(
        "/goals/coach/",
        {
            "title": "Walk round the park for 20 minutes three times a week",
            "why_it_matters": "For my kids",
            "confidence": "8",
        },
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert sharper.count("coach__item--not-yet") == 0
    assert sharper.count("coach__item--met") == 5


def test_the_coach_stores_nothing(client, ben):
    from cairn.core.models import AuditEvent
    from cairn.goals.models import Goal

    client.force_login(ben)
    client.post("/goals/coach/", {"title": "Walk daily"})
    assert not Goal.objects.exists()
    assert not AuditEvent.objects.filter(object_type="goal").exists()
