"""Every log event reads as a sentence in English and in Chinese, naming delegations in the
reader's language; nothing is translated when the event is written."""

import dataclasses
import re
import string
import typing

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.floor import encode_value
from committee.log.describe import Names, describe_event, has_sentence
from committee.models import FloorEvent
from committee.procedure.facts import PAYLOAD_TYPES, EventKind
from committee.services import floor
from tests import factories

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


class Named:
    def __init__(self, name, name_zh):
        self.name, self.name_zh = name, name_zh

    def display_name(self):
        from committee.wording import in_language

        return in_language(self.name, self.name_zh)


def any_event_of(kind):
    """An unsaved event of `kind` with a payload hypothesis makes from the kind's type.

    Text a delegate or the chair typed (a point's text, a caucus topic) is quoted as typed in
    every language, so it is drawn in Latin letters to keep the check on the sentence itself."""
    payload_class = PAYLOAD_TYPES[kind]
    hints = typing.get_type_hints(payload_class)
    typed_text = st.text(alphabet=string.ascii_letters + " ", max_size=12)
    text_fields = {
        field.name: typed_text if hints[field.name] is str else st.none() | typed_text
        for field in dataclasses.fields(payload_class)
        if hints[field.name] in (str, str | None)
    }
    return st.builds(
        lambda payload: FloorEvent(committee_id=1, seq=2, kind=kind, payload=encode_value(payload)),
        st.builds(payload_class, **text_fields),
    )


def strings_in(value):
    """Every string in a payload, nested facts included (a clause's label, a refs's id)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_every_kind_has_a_typed_payload_and_a_sentence():
    missing = [kind for kind in EventKind if not has_sentence(kind)]
    assert missing == []


@pytest.mark.parametrize("kind", [kind for kind in EventKind if kind is not EventKind.UNDO])
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_every_kind_reads_in_english_and_in_chinese(kind, data):
    event = data.draw(any_event_of(kind))
    names = Names({})
    english = describe_event(event, "en", names)
    chinese = describe_event(event, "zh-hans", names)
    # What the payload carries as text (a clause's label, a name) is shown as it is: only the
    # sentence around it must be in the reader's language.
    typed_text = [value for value in strings_in(event.payload) if value]
    for text in sorted(typed_text, key=len, reverse=True):
        chinese = chinese.replace(text, "")
    english_words = english
    for text in sorted(typed_text, key=len, reverse=True):
        english_words = english_words.replace(text, "")
    assert english.strip() and not CJK.search(english_words)
    assert CJK.search(chinese), f"{kind} has no Chinese sentence: {chinese!r}"
    assert not ENGLISH_WORD.search(chinese), f"{kind} is partly English in Chinese: {chinese!r}"


@pytest.fixture
def chair(committee_x):
    return factories.dais_user(committee_x)


@pytest.mark.django_db
def test_attendance_names_the_delegation_in_the_readers_language(committee_x, chair):
    nigeria = factories.delegation(committee_x, "Nigeria")
    nigeria.name_zh = "尼日利亚"
    nigeria.save()
    floor.session_open(committee=committee_x, user=chair)
    floor.roll_call_start(committee=committee_x, user=chair)
    floor.attendance_set(
        committee=committee_x, delegation_id=nigeria.pk, status="present_and_voting", user=chair
    )
    event = FloorEvent.objects.get(kind=EventKind.ATTENDANCE_MARKED)
    assert event.payload == {
        "delegation": nigeria.pk,
        "status": "present_and_voting",
        "held_at_door": False,
    }
    assert describe_event(event, "en") == "Nigeria is present and voting"
    chinese = describe_event(event, "zh-hans")
    assert "尼日利亚" in chinese and "Nigeria" not in chinese


@pytest.mark.django_db
def test_an_undo_says_what_it_took_back(committee_x, chair):
    alphaland = factories.delegation(committee_x, "Alphaland")
    floor.session_open(committee=committee_x, user=chair)
    floor.roll_call_start(committee=committee_x, user=chair)
    floor.attendance_set(
        committee=committee_x, delegation_id=alphaland.pk, status="present", user=chair
    )
    undo = floor.floor_undo(committee=committee_x, user=chair)
    assert describe_event(undo, "en") == "Undone: Alphaland is present"
    assert "Alphaland" in describe_event(undo, "zh-hans")


@pytest.mark.django_db
def test_a_delegation_removed_from_the_roster_is_still_described(committee_x):
    event = FloorEvent(
        committee=committee_x,
        seq=1,
        kind=EventKind.ATTENDANCE_MARKED,
        payload={"delegation": 424242, "status": "absent", "held_at_door": False},
    )
    assert describe_event(event, "en") == "a former delegation is absent"


def test_names_use_the_chinese_name_only_where_the_roster_has_one():
    names = Names({1: Named("France", "法国"), 2: Named("Tuvalu", "")})
    from django.utils import translation

    with translation.override("zh-hans"):
        assert names(1) == "法国"
        assert names(2) == "Tuvalu"
    with translation.override("en"):
        assert names.join([1, 2]) == "France, Tuvalu"
