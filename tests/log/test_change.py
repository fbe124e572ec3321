"""A floor change: the steps from one document to the next, played forwards and backwards."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from committee.log import change

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=3), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, json_values)
def test_a_change_rebuilds_the_new_document_and_takes_it_back(old, new):
    steps = change.diff(old, new)
    assert change.apply(old, steps) == new
    assert change.revert(new, steps) == old


def test_one_mark_changed_among_many_stores_only_that_mark():
    roster = {str(key): {"status": "absent", "since": None} for key in range(193)}
    marked = {**roster, "17": {"status": "present", "since": "2024-12-07T09:01:00+08:00"}}
    steps = change.diff({"attendance": roster}, {"attendance": marked})
    assert steps == [
        {"path": ["attendance", "17", "status"], "old": "absent", "new": "present"},
        {"path": ["attendance", "17", "since"], "old": None, "new": "2024-12-07T09:01:00+08:00"},
    ]


def test_added_and_removed_keys_keep_only_the_side_that_exists():
    steps = change.diff({"gone": 1}, {"added": 2})
    assert sorted(steps, key=lambda step: step["path"]) == [
        {"path": ["added"], "new": 2},
        {"path": ["gone"], "old": 1},
    ]


def test_a_change_does_not_apply_to_a_document_it_did_not_start_from():
    steps = change.diff({"phase": "gsl"}, {"phase": "voting_procedure"})
    with pytest.raises(change.ChangeDoesNotApply):
        change.apply({"phase": "mod_caucus"}, steps)
    with pytest.raises(change.ChangeDoesNotApply):
        change.revert({"phase": "gsl"}, steps)


def test_applying_leaves_the_original_document_as_it_was():
    old = {"gsl": {"entries": [1, 2]}}
    change.apply(old, change.diff(old, {"gsl": {"entries": [1, 3]}}))
    assert old == {"gsl": {"entries": [1, 2]}}
