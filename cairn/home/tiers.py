"""The caseload's tiers: why a client needs their therapist now, most urgent first."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    code: str
    rank: int
    name: str
    # Whether the caseload summary keeps since when a client is in it (its
    # `<code>_since` column). Gone quiet is read against today; nothing is nothing.
    kept: bool = True


# The order is the point: read it, test it, argue with it.
TIERS = {
    tier.code: tier
    for tier in [
        Tier("risk", 0, "Risk noted"),
        Tier("worsening", 1, "Harder lately"),
        Tier("quiet", 2, "Gone quiet", kept=False),
        Tier("stuck", 3, "Stuck low"),
        Tier("waiting", 4, "Waiting on you"),
        Tier("none", 5, "Nothing needs you now", kept=False),
    ]
}
# The tiers whose start the summary keeps, in their order.
KEPT_TIERS = [code for code, tier in TIERS.items() if tier.kept]
