"""Role-matrix rows for the points URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. Roles, outcomes and helpers such as DAIS_OF_X
and DELEGATE_OF_X are in tests/role_matrix.py.
"""

from tests.role_matrix import DAIS_OF_X, DELEGATE_OF_X, Expectation


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


def _point(world: dict) -> dict:
    return {"slug": world["committee_x"].slug, "seq": 1}


def _reply_of_a(world: dict) -> dict:
    return {"slug": world["committee_x"].slug, "delegation_id": world["delegation_a"].pk}


EXPECTED: dict = {
    "floor_points_resolve": Expectation("POST", DAIS_OF_X),
    "floor_points_resume": Expectation("POST", DAIS_OF_X),
    "floor_points_reply_grant": Expectation("POST", DAIS_OF_X),
    "floor_points_reply_refuse": Expectation("POST", DAIS_OF_X),
    "floor_points_reply_floor": Expectation("POST", DAIS_OF_X),
    "floor_points_reply_end": Expectation("POST", DAIS_OF_X),
    "delegate_points_raise": Expectation("POST", DELEGATE_OF_X),
    "delegate_points_withdraw": Expectation("POST", DELEGATE_OF_X),
    "delegate_points_reply": Expectation("POST", DELEGATE_OF_X),
    "delegate_points_reply_withdraw": Expectation("POST", DELEGATE_OF_X),
}
KWARGS: dict = {
    "floor_points_resolve": _point,
    "floor_points_resume": _slug,
    "floor_points_reply_grant": _reply_of_a,
    "floor_points_reply_refuse": _reply_of_a,
    "floor_points_reply_floor": _reply_of_a,
    "floor_points_reply_end": _slug,
    "delegate_points_raise": _slug,
    "delegate_points_withdraw": _point,
    "delegate_points_reply": _slug,
    "delegate_points_reply_withdraw": _slug,
}
