"""Role-matrix rows for the speakers URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. Roles, outcomes and helpers such as DAIS_OF_X
and DELEGATE_OF_X are in tests/role_matrix.py.
"""

EXPECTED: dict = {}
KWARGS: dict = {}
