from __future__ import annotations

import pytest

from committee.procedure.choices import GslExhaustionAction
from committee.procedure.errors import ProcedureError
from committee.procedure.speakers import (
    SpeakersList,
    add_speaker,
    call_next,
    check_speaking_time,
    finish_current,
    list_status,
    remove_speaker,
    set_closed,
)
from tests.procedure.helpers import params

PRESENT = {"FR", "CN", "US", "BR"}


def build(*names: str, **overrides: object) -> SpeakersList:
    speakers = SpeakersList()
    for name in names:
        speakers = add_speaker(params(**overrides), speakers, name, PRESENT)
    return speakers


@pytest.mark.parametrize("profile", ["cn_common", "una_usa", "thimun", "un_ga"])
def test_edge_06_duplicate_gsl_entry_is_rejected(profile: str) -> None:
    """procedure.md §8.6: one entry at a time; re-add only after speaking."""
    p = params(profile)
    speakers = add_speaker(p, SpeakersList(), "FR", PRESENT)
    speakers = add_speaker(p, speakers, "CN", PRESENT)
    with pytest.raises(ProcedureError) as info:
        add_speaker(p, speakers, "FR", PRESENT)
    assert info.value.code == "already_on_list"
    assert info.value.facts["limit"] == 1
    speakers = call_next(speakers)  # FR speaks
    assert speakers.current == "FR"
    speakers = add_speaker(p, speakers, "FR", PRESENT)  # after CN: not back to back
    assert speakers.entries == ("CN", "FR")


def test_edge_06_absent_delegations_cannot_be_added() -> None:
    """procedure.md §8.6 / §2.2: only present delegations can be added."""
    with pytest.raises(ProcedureError) as info:
        add_speaker(params(), SpeakersList(), "ZZ", PRESENT)
    assert info.value.code == "not_present"


def test_two_entries_allowed_but_never_back_to_back() -> None:
    """procedure.md §2.2: some rule sets allow two entries but never consecutively."""
    p = params(gsl_max_entries_per_delegation=2)
    speakers = add_speaker(p, SpeakersList(), "FR", PRESENT)
    with pytest.raises(ProcedureError) as info:
        add_speaker(p, speakers, "FR", PRESENT)
    assert info.value.code == "consecutive_entry"
    speakers = add_speaker(p, add_speaker(p, speakers, "CN", PRESENT), "FR", PRESENT)
    assert speakers.entries == ("FR", "CN", "FR")
    allowed = params(gsl_max_entries_per_delegation=2, gsl_allow_consecutive=True)
    assert add_speaker(allowed, SpeakersList(entries=("FR",)), "FR", PRESENT).entries == (
        "FR",
        "FR",
    )


def test_the_current_speaker_cannot_re_add_straight_after_themselves() -> None:
    speakers = call_next(build("FR"))
    with pytest.raises(ProcedureError) as info:
        add_speaker(params(), speakers, "FR", PRESENT)
    assert info.value.code == "consecutive_entry"


def test_closed_list_refuses_names_and_can_reopen() -> None:
    """procedure.md §2.2: while the list is closed, no names may be added."""
    p = params()
    closed = set_closed(p, build("FR"), True)
    with pytest.raises(ProcedureError) as info:
        add_speaker(p, closed, "CN", PRESENT)
    assert info.value.code == "speakers_list_closed"
    assert add_speaker(p, set_closed(p, closed, False), "CN", PRESENT).entries == ("FR", "CN")
    with pytest.raises(ProcedureError) as info:
        set_closed(params(allow_close_speakers_list=False), closed, True)
    assert info.value.code == "motion_disabled"


def test_removal_and_withdrawal() -> None:
    """procedure.md §2.2: the chair removes an entry; a delegation withdraws its own."""
    speakers = remove_speaker(build("FR", "CN", "US"), "CN")
    assert speakers.entries == ("FR", "US")
    with pytest.raises(ProcedureError) as info:
        remove_speaker(speakers, "CN")
    assert info.value.code == "not_on_list"


@pytest.mark.parametrize(
    ("overrides", "action"),
    [
        ({}, GslExhaustionAction.CLOSE_DEBATE),
        ({"gsl_exhaustion_action": "prompt_chair"}, GslExhaustionAction.PROMPT_CHAIR),
    ],
)
def test_edge_11_gsl_about_to_run_out_then_exhausted(
    overrides: dict[str, object], action: GslExhaustionAction
) -> None:
    """procedure.md §8.11 and §2.2: warn when 2 speakers remain; exhaustion closes debate (or
    prompts the chair)."""
    p = params(**overrides)
    speakers = build("FR", "CN", "US", **overrides)
    assert not list_status(p, speakers).warn
    speakers = call_next(speakers)  # FR speaking, CN and US waiting
    assert not list_status(p, speakers).warn
    speakers = call_next(speakers)  # CN speaking, US waiting
    status = list_status(p, speakers)
    assert status.warn and status.remaining == 2 and not status.exhausted
    speakers = finish_current(call_next(speakers))
    status = list_status(p, speakers)
    assert status.exhausted and status.action is action
    with pytest.raises(ProcedureError) as info:
        call_next(speakers)
    assert info.value.code == "speakers_list_empty"


def test_an_empty_list_that_never_had_speakers_is_not_exhausted() -> None:
    assert not list_status(params(), SpeakersList()).exhausted
    assert finish_current(SpeakersList()) == SpeakersList()


@pytest.mark.parametrize(
    ("profile", "overrides", "value", "ok"),
    [
        ("cn_common", {}, 30, True),
        ("cn_common", {}, 29, False),
        ("cn_common", {}, 301, False),
        ("cn_common", {"min_speaking_time": 45}, 40, False),
    ],
)
def test_speaking_time_bounds(
    profile: str, overrides: dict[str, object], value: int, ok: bool
) -> None:
    """procedure.md §2.2: min_speaking_time / max_speaking_time."""
    p = params(profile, **overrides)
    if ok:
        assert check_speaking_time(p, value) == value
    else:
        with pytest.raises(ProcedureError) as info:
            check_speaking_time(p, value)
        assert info.value.code == "speaking_time_out_of_range"
