"""The risk phrase list against sentences that must and must not raise a flag.
Every change to `cairn/core/risk.py` adds rows here."""

import pytest

from cairn.core.risk import RISK_PHRASES, risk_excerpt, risk_phrases_in

MUST_TRIGGER = [
    ("I want to kill myself", "kill myself"),
    ("I WANT TO KILL MYSELF", "kill myself"),
    ("Sometimes I think I'll kil my self", "kill myself"),
    ("I've been thinking about ending it all.", "end it all"),
    ("I’ve been thinking about ending it all", "end it all"),
    ("I just want to end my life", "end my life"),
    ("thinking of taking my own life", "take my own life"),
    ("Everyone would be better off dead without me, I'd be better off dead", "better off dead"),
    ("They'd all be better off without me", "better off without me"),
    ("I keep thinking about suicide", "suicide"),
    ("Feeling suicidal again", "suicide"),
    ("I looked up sucide methods", "suicide"),
    ("suiside", "suicide"),
    ("I might hurt myself tonight", "hurt myself"),
    ("I've been hurting myself", "hurt myself"),
    ("I want to harm myself", "harm myself"),
    ("I cut myself last night", "cut myself"),
    ("the self-harm is back", "self-harm"),
    ("self harm", "self-harm"),
    ("Selfharm", "self-harm"),
    ("I've started self-harming", "self-harm"),
    ("There's no reason to live", "no reason to live"),
    ("I have nothing left to live for", "nothing to live for"),
    ("I can't go on like this", "can't go on"),
    ("I can’t go on", "can't go on"),
    ("i cant go on", "can't go on"),
    ("I cannot go on", "can't go on"),
    ("I just want to die", "want to die"),
    ("i wanna die", "want to die"),
    ("I wish I was dead", "wish I was dead"),
    ("I don't want to be alive", "don't want to be alive"),
    ("I don’t want to be here anymore", "don't want to be here any more"),
    ("dont want to be here any more", "don't want to be here any more"),
    ("I thought about taking an overdose", "overdose"),
    ("KILL-MYSELF", "kill myself"),
]

MUST_NOT_TRIGGER = [
    "I want to skill myself up at work",
    "I overkill myself with lists",
    "We'll blend it all together in the smoothie",
    "I can't go one more day without coffee",
    "Sunday went better than I expected",
    "A walk with my sister helped",
    "I feel successful today",
    "I suggested a new plan to Ana",
    "My hurtle over the fence was funny",
    "I shurt my finger",  # not a word, and not "hurt myself"
    "Dead tired but okay",
    "",
]


@pytest.mark.parametrize(("sentence", "phrase"), MUST_TRIGGER)
def test_it_catches(sentence, phrase):
    assert phrase in risk_phrases_in(sentence)


@pytest.mark.parametrize("sentence", MUST_NOT_TRIGGER)
def test_it_leaves_alone(sentence):
    assert risk_phrases_in(sentence) == []


def test_every_phrase_of_the_list_catches_itself():
    for phrase in RISK_PHRASES:
        assert phrase.words in risk_phrases_in(f"Today: {phrase.words}."), phrase.words


def test_the_excerpt_keeps_the_words_in_context():
    note = (
        "Work was long. " * 20
        + "I don't see the point any more. I've been thinking about ending it all."
    )
    excerpt = risk_excerpt(note)
    assert "thinking about ending it all" in excerpt
    assert excerpt.startswith("…")
    assert len(excerpt) < 250


def test_no_words_no_excerpt():
    assert risk_excerpt("A good day") == ""
