"""Role-matrix rows for the motions URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. Roles, outcomes and helpers such as DAIS_OF_X
and DELEGATE_OF_X are in tests/role_matrix.py.
"""

from tests.role_matrix import DAIS_OF_X, DELEGATE_OF_X, Expectation

DAIS_POSTS = (
    "floor_motions_raise",
    "floor_motions_second",
    "floor_motions_withdraw",
    "floor_motions_rule",
    "floor_motions_suggest",
    "floor_motions_answer",
    "floor_motions_appeal",
    "floor_motions_vote_open",
    "floor_motions_vote_close",
    "floor_motions_ballot_enter",
    "floor_motions_resume",
)
DELEGATE_POSTS = (
    "delegate_motions_raise",
    "delegate_motions_answer",
    "delegate_motions_second",
    "delegate_motions_withdraw",
    "delegate_motions_appeal",
    "delegate_motions_vote",
)

EXPECTED: dict = {
    "floor_motions_form": Expectation("GET", DAIS_OF_X),
    "delegate_motions_form": Expectation("GET", DELEGATE_OF_X),
    **{name: Expectation("POST", DAIS_OF_X) for name in DAIS_POSTS},
    **{name: Expectation("POST", DELEGATE_OF_X) for name in DELEGATE_POSTS},
}


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


KWARGS: dict = dict.fromkeys(EXPECTED, _slug)
