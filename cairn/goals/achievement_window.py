"""How many ratings the achievement rule reads (the rule itself is
progress/achievement.py). A goal says in words what its status compares
(Goal.achievement_compares), so the numbers live here, below progress, where both
read them."""

from datetime import timedelta

# The first and the last this many ratings are compared, and achieved needs the
# last this many to reach the target.
WINDOW = 3
# With fewer ratings than this it is too early to say (unless achieved).
TOO_EARLY_BELOW = 6
# Rated this low for this long, a goal is stuck (no progress): the therapist should know.
STUCK_FOR = timedelta(weeks=6)
STUCK_FOR_WORDS = "six weeks"  # STUCK_FOR as the pages say it; a test holds the two together
