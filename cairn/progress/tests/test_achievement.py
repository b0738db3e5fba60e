from decimal import Decimal as D

import pytest

from cairn.progress.achievement import derive_status

N = None


@pytest.mark.parametrize(
    ("ratings", "values", "target", "direction", "expected"),
    [
        ([], [], None, "up", "in-progress"),
        ([4], [], None, "up", "in-progress"),
        ([2, 5], [], None, "up", "improving"),  # +3 is a reliable change
        ([2, 4], [], None, "up", "no-change"),  # +2 is not
        ([6, 3], [], None, "up", "worsening"),  # -3
        ([6, 4], [], None, "up", "no-change"),
        ([2, 8, 3], [], None, "up", "no-change"),  # a setback: latest against first
        ([2, 1, 0, 6], [], None, "up", "improving"),  # progress is not linear
        ([3, 10], [], None, "up", "achieved"),
        ([3, 10, 10], [], None, "up", "sustaining"),
        ([3, 10, 9], [], None, "up", "improving"),  # left achieved: back to the ratings
        ([3, 4], [D(0), D(3)], D(3), "up", "achieved"),  # measure target reached
        ([3, 4, 4], [D(0), D(3), D(4)], D(3), "up", "sustaining"),
        ([5, 5], [D(8), D(5)], D(5), "down", "achieved"),  # lower is better
        ([5, 5], [D(8), D(6)], D(5), "down", "no-change"),
        ([N, N], [D(1), D(2)], D(5), "up", "in-progress"),  # values alone, not there yet
        ([1, N, 5], [], None, "up", "improving"),  # a day without a rating
    ],
)
def test_the_achievement_rules(ratings, values, target, direction, expected):
    assert derive_status(ratings, values, target=target, direction=direction) == expected
