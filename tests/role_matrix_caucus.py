"""Role-matrix rows for the caucus URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. Roles, outcomes and helpers such as DAIS_OF_X
and DELEGATE_OF_X are in tests/role_matrix.py.
"""

from tests.role_matrix import DAIS_OF_X, DELEGATE_OF_X, Expectation


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


EXPECTED: dict = {
    "floor_caucus_recognise": Expectation("POST", DAIS_OF_X),
    "floor_caucus_slot_end": Expectation("POST", DAIS_OF_X),
    "floor_caucus_pause": Expectation("POST", DAIS_OF_X),
    "floor_caucus_resume": Expectation("POST", DAIS_OF_X),
    "floor_caucus_end": Expectation("POST", DAIS_OF_X),
    "floor_caucus_mover": Expectation("POST", DAIS_OF_X),
    "delegate_caucus_raise": Expectation("POST", DELEGATE_OF_X),
    "delegate_caucus_lower": Expectation("POST", DELEGATE_OF_X),
    "delegate_caucus_mover": Expectation("POST", DELEGATE_OF_X),
}
KWARGS: dict = {
    "floor_caucus_recognise": _slug,
    "floor_caucus_slot_end": _slug,
    "floor_caucus_pause": _slug,
    "floor_caucus_resume": _slug,
    "floor_caucus_end": _slug,
    "floor_caucus_mover": _slug,
    "delegate_caucus_raise": _slug,
    "delegate_caucus_lower": _slug,
    "delegate_caucus_mover": _slug,
}
