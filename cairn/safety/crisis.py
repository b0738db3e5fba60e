"""Crisis resources by country (CLINICAL.md, "Risk and safety"). Facts, kept in code
so that every practice starts with the right numbers for where it is."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cairn.care.models import Practice
    from cairn.safety.models import CrisisSettings

# The support panel's invitation (safety/support_now.html), which the API's "support"
# answer begins with too: one sentence, so a script says what the page says.
SUPPORT_SENTENCE = (
    "Nobody watches what you write as it arrives, so if you need to talk to someone now, "
    "these people are there for you:"
)


@dataclass(frozen=True)
class Line:
    code: str
    name: str
    how: str  # what to do, in plain words
    dial: str  # for a tel: or sms: link
    by_text: bool = False


NATIONAL_LINES: dict[str, Line] = {
    line.code: line
    for line in (
        Line("samaritans", "Samaritans", "call 116 123, free, day or night", "116123"),
        Line("shout", "Shout", "text SHOUT to 85258, free, day or night", "85258", by_text=True),
        Line("988", "988 Suicide & Crisis Lifeline", "call or text 988, day or night", "988"),
    )
}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    default_lines: tuple[str, ...]


COUNTRIES: dict[str, Country] = {
    country.code: country
    for country in (
        Country("GB", "United Kingdom", "999", ("samaritans", "shout")),
        Country("IE", "Ireland", "112", ("samaritans",)),
        Country("US", "United States", "911", ("988",)),
        Country("CA", "Canada", "911", ()),
        Country("AU", "Australia", "000", ()),
        Country("EU", "Another country of the European Union", "112", ()),
    )
}
DEFAULT_COUNTRY = "GB"


def country_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in COUNTRIES.values()]


def line_choices() -> list[tuple[str, str]]:
    return [(line.code, f"{line.name}: {line.how}") for line in NATIONAL_LINES.values()]


@dataclass(frozen=True)
class Place:
    """Somewhere to turn in a crisis, as the page and the API both say it: `who`, the
    words `before` the number, the `number` as it reads (a link to `dial` by phone, or
    by text when `by_text`; no link without one), and any words `after` it."""

    who: str
    number: str
    dial: str = ""
    by_text: bool = False
    before: str = ": "
    after: str = ""

    @property
    def words(self) -> str:
        return f"{self.who}{self.before}{self.number}{self.after}"


def places_to_turn(crisis: "CrisisSettings", practice: "Practice | None") -> list[Place]:
    """Where a client can turn now, in order: the practice's own number in its hours
    (or, without one, what it says to do if someone needs urgent help, as it wrote it),
    the national lines it chose, and the emergency number. The list
    safety/crisis_lines.html shows and the API's "support" answer says."""
    places = []
    if crisis.phone:
        hours = f" ({crisis.hours})" if crisis.hours else ""
        name = practice.name if practice is not None else "Your practice"
        places.append(Place(name, crisis.phone, dial=crisis.phone, after=hours))
    elif practice is not None and crisis.urgent_help:
        places.append(Place(practice.name, crisis.urgent_help))
    places += [
        Place(line.name, line.how, dial=line.dial, by_text=line.by_text) for line in crisis.lines
    ]
    places.append(
        Place(
            "In an emergency",
            crisis.emergency,
            dial=crisis.emergency,
            before=", or if you might act on these thoughts now: call ",
            after=", or go to the nearest emergency department.",
        )
    )
    return places
