"""Role-matrix rows for the voting-procedure URLs, merged into tests/test_role_matrix.py."""

from tests.role_matrix import DAIS_OF_X, DELEGATE_OF_X, Expectation

DAIS_POSTS = (
    "floor_voting_open",
    "floor_voting_close",
    "floor_voting_enter",
    "floor_voting_roll_answer",
    "floor_voting_round_two",
    "floor_voting_consensus",
    "floor_voting_void",
    "floor_voting_end",
    "floor_voting_amendment_order",
)
DELEGATE_POSTS = ("delegate_voting_cast", "delegate_voting_object")

EXPECTED: dict = {
    **{name: Expectation("POST", DAIS_OF_X) for name in DAIS_POSTS},
    **{name: Expectation("POST", DELEGATE_OF_X) for name in DELEGATE_POSTS},
}


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


KWARGS: dict = dict.fromkeys(EXPECTED, _slug)
