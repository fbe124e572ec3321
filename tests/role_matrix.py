"""The roles and outcomes of the role matrix (tests/test_role_matrix.py and its area rows)."""

from dataclasses import dataclass

ROLES = ("anonymous", "delegate_a", "delegate_b", "dais_x", "dais_y", "secretariat")

OK, LOGIN, JOIN, FORBIDDEN = "ok", "login", "join", "forbidden"


@dataclass(frozen=True)
class Expectation:
    method: str
    outcomes: dict[str, str]


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


SECRETARIAT_ONLY = {
    "anonymous": LOGIN,
    "delegate_a": LOGIN,
    "delegate_b": LOGIN,
    "dais_x": FORBIDDEN,
    "dais_y": FORBIDDEN,
    "secretariat": OK,
}
DAIS_OF_X = {
    "anonymous": LOGIN,
    "delegate_a": LOGIN,
    "delegate_b": LOGIN,
    "dais_x": OK,
    "dais_y": FORBIDDEN,
    "secretariat": OK,
}
DELEGATE_OF_X = {
    "anonymous": JOIN,
    "delegate_a": OK,
    "delegate_b": FORBIDDEN,
    "dais_x": JOIN,
    "dais_y": JOIN,
    "secretariat": JOIN,
}
