"""The chair reorders the general speakers' list (procedure.md §2.2: names in the chair's order)."""

from __future__ import annotations

import pytest

from committee.procedure.errors import ProcedureError
from committee.procedure.speakers import SpeakersList, move_speaker
from tests.procedure.helpers import params


def test_an_entry_moves_to_the_front() -> None:
    speakers = SpeakersList(entries=("FR", "CN", "US"))
    moved = move_speaker(params(), speakers, 2, 0)
    assert moved.entries == ("US", "FR", "CN")


def test_an_entry_moves_down() -> None:
    speakers = SpeakersList(entries=("FR", "CN", "US"))
    assert move_speaker(params(), speakers, 0, 1).entries == ("CN", "FR", "US")


@pytest.mark.parametrize(("from_index", "to_index"), [(3, 0), (0, 3), (-1, 0)])
def test_a_place_outside_the_list_is_refused(from_index: int, to_index: int) -> None:
    speakers = SpeakersList(entries=("FR", "CN", "US"))
    with pytest.raises(ProcedureError) as info:
        move_speaker(params(), speakers, from_index, to_index)
    assert info.value.code == "no_such_place"
    assert info.value.facts["length"] == 3


def test_a_move_that_makes_entries_back_to_back_is_refused() -> None:
    two_entries = {"gsl_max_entries_per_delegation": 2}
    speakers = SpeakersList(entries=("FR", "CN", "FR"))
    with pytest.raises(ProcedureError) as info:
        move_speaker(params(**two_entries), speakers, 2, 1)
    assert info.value.code == "consecutive_entry"
    assert info.value.facts["delegation"] == "FR"


def test_the_next_speaker_cannot_be_the_one_speaking_now() -> None:
    speakers = SpeakersList(entries=("CN", "FR"), current="FR")
    with pytest.raises(ProcedureError) as info:
        move_speaker(params(gsl_max_entries_per_delegation=2), speakers, 1, 0)
    assert info.value.code == "consecutive_entry"


def test_back_to_back_is_fine_where_the_rules_allow_it() -> None:
    speakers = SpeakersList(entries=("FR", "CN", "FR"))
    allowed = params(gsl_max_entries_per_delegation=2, gsl_allow_consecutive=True)
    assert move_speaker(allowed, speakers, 2, 1).entries == ("FR", "FR", "CN")
