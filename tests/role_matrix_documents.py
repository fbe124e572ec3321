"""Role-matrix rows for the documents URLs of the dais, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. A document's URLs name a draft of X written
by delegation_a; an amendment's URLs name an id no amendment has (the dais of X is answered
409, which counts as reached).
"""

from committee.services import documents
from tests.role_matrix import DAIS_OF_X, Expectation

DAIS_PAGES = ("dais_document", "dais_document_actions", "dais_document_history")
DOCUMENT_POSTS = (
    "dais_document_approve",
    "dais_document_return",
    "dais_document_introduce",
    "dais_document_fix",
)
AMENDMENT_POSTS = ("dais_amendment_approve", "dais_amendment_return")

EXPECTED: dict = {
    **{name: Expectation("GET", DAIS_OF_X) for name in DAIS_PAGES},
    **{name: Expectation("POST", DAIS_OF_X) for name in DOCUMENT_POSTS},
    "dais_documents_project": Expectation("POST", DAIS_OF_X),
    **{name: Expectation("POST", DAIS_OF_X) for name in AMENDMENT_POSTS},
}


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


def _document(world: dict) -> dict:
    if "document_x" not in world:
        committee = world["committee_x"]
        world["document_x"] = documents.document_create(
            committee=committee,
            delegation=world["delegation_a"],
            topic_id=committee.topics.values_list("pk", flat=True).first(),
            title="Role matrix",
            body={"preambular": [], "operative": [{"text": "Requests a report"}]},
        )
    return _slug(world) | {"document_id": world["document_x"].pk}


def _amendment(world: dict) -> dict:
    return _slug(world) | {"amendment_id": 999_999}


KWARGS: dict = {
    **dict.fromkeys((*DAIS_PAGES, *DOCUMENT_POSTS), _document),
    "dais_documents_project": _slug,
    **dict.fromkeys(AMENDMENT_POSTS, _amendment),
}
