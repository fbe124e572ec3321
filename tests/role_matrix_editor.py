"""Role-matrix rows for the working-paper editor's URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. The editor of a paper needs a paper: one is
written by delegation_a (its sponsor), once per world.
"""

from committee.services import documents
from tests.role_matrix import DELEGATE_OF_X, Expectation

EXPECTED: dict = {
    "paper_new": Expectation("GET", DELEGATE_OF_X),
    "paper_edit": Expectation("GET", DELEGATE_OF_X),
    "paper_save": Expectation("POST", DELEGATE_OF_X),
    "paper_paste_preview": Expectation("POST", DELEGATE_OF_X),
}


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


def _paper(world: dict) -> dict:
    if "editor_paper" not in world:
        committee = world["committee_x"]
        world["editor_paper"] = documents.document_create(
            committee=committee,
            delegation=world["delegation_a"],
            topic_id=committee.topics.values_list("pk", flat=True).first(),
            title="Role matrix",
            body={"preambular": [], "operative": [{"text": "Requests a report"}]},
        )
    return {"slug": world["committee_x"].slug, "document_id": world["editor_paper"].pk}


KWARGS: dict = {
    "paper_new": _slug,
    "paper_paste_preview": _slug,
    "paper_edit": _paper,
    "paper_save": _paper,
}
