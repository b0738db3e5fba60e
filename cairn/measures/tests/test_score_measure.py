import json

import pytest
from django.core.management import CommandError, call_command

from tests.shell import refused_from_the_shell


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("score_measure", *args, stdout=out)
    return json.loads(out.getvalue())


def test_it_scores_phq9():
    assert run("phq9", "--json", "1,2,1,2,1,2,1,2,1") == {
        "measure": "phq9",
        "total": 13,
        "band": "moderate",
        "item9_positive": True,
    }


def test_it_scores_gad7_without_question_9():
    assert run("gad7", "--json", "0,0,1,1,1,1,1") == {"measure": "gad7", "total": 5, "band": "mild"}


def test_it_compares_with_a_baseline():
    # 18 (moderately severe) to 10 (moderate): 8 points down, still at caseness.
    result = run("phq9", "--json", "1,1,1,1,1,1,2,2,0", "--baseline", "2,2,2,2,2,2,2,2,2")
    assert result == {
        "measure": "phq9",
        "total": 10,
        "band": "moderate",
        "item9_positive": False,
        "change": -8,
        "reliable_improvement": True,
        "reliable_deterioration": False,
        "recovery": False,  # 10 is still at caseness
        "reliable_recovery": False,
    }


def test_reliable_deterioration():
    result = run("gad7", "--json", "2,2,1,1,1,1,1", "--baseline", "1,1,1,1,1,0,0")
    assert (result["change"], result["reliable_deterioration"]) == (4, True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["phq9", "--json", "1,2,3"], "PHQ-9 has 9 answers, not 3"),
        (["gad7", "--json", "1,1,1,1,1,1,7"], "answer 7 is '7'"),
        (["bdi", "--json", "1,1,1"], "unknown measure 'bdi'"),
        (["gad7", "--json", "1,1,1,1,1,1,1", "--baseline", "1,1"], "--baseline: GAD-7 has 7"),
        (["gad7"], "give the answers with --json"),
    ],
)
def test_bad_input_exits_2(args, message):
    with pytest.raises(CommandError, match=message) as error:
        run(*args)
    assert error.value.returncode == 2


def test_from_the_shell_a_one_line_message_and_status_2():
    assert refused_from_the_shell("score_measure", "phq9", "--json", "1,2,3,3,3,3,3,3,9") == [
        "CommandError: answer 9 is '9': each answer must be 0, 1, 2 or 3"
    ]
