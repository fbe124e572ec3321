"""Role-matrix rows for the speakers URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. Roles, outcomes and helpers such as DAIS_OF_X
and DELEGATE_OF_X are in tests/role_matrix.py.
"""

from tests.role_matrix import DAIS_OF_X, DELEGATE_OF_X, Expectation

DAIS_ACTIONS = (
    "add",
    "remove",
    "move",
    "self_service",
    "closed",
    "next",
    "end",
    "yield",
    "yield_answer",
    "question",
    "answer_start",
    "answer_finish",
    "comment",
    "close_debate",
    "pois",
)
PHONE_ACTIONS = ("join", "leave", "yield_answer", "pois")


def _committee_x(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


EXPECTED: dict = {
    **{f"floor_speakers_{name}": Expectation("POST", DAIS_OF_X) for name in DAIS_ACTIONS},
    **{f"delegate_speakers_{name}": Expectation("POST", DELEGATE_OF_X) for name in PHONE_ACTIONS},
}
KWARGS: dict = dict.fromkeys(EXPECTED, _committee_x)
