"""Role-matrix rows for the phone's papers URLs, merged into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world (a dict: committee_x, committee_y, delegation_a of X,
delegation_b of Y) and returns the URL's kwargs. The papers URLs name a document (and an
amendment): the world gets one approved draft resolution of delegation_a's with one amendment,
made once per world through the services.
"""

from committee.services import amendments, documents
from tests import factories
from tests.role_matrix import DELEGATE_OF_X, Expectation

PAPER_GETS = ("paper_read", "paper_actions", "paper_history")
PAPER_POSTS = (
    "paper_answer",
    "paper_invite",
    "paper_submit",
    "paper_take_back",
    "paper_promote",
    "paper_sign",
    "paper_withdraw",
    "paper_amendment_preview",
    "paper_amendment_submit",
)
AMENDMENT_POSTS = ("paper_amendment_answer", "paper_amendment_sign", "paper_amendment_withdraw")

EXPECTED: dict = {
    "paper_list": Expectation("GET", DELEGATE_OF_X),
    **{name: Expectation("GET", DELEGATE_OF_X) for name in PAPER_GETS},
    **{name: Expectation("POST", DELEGATE_OF_X) for name in (*PAPER_POSTS, *AMENDMENT_POSTS)},
}

BODY = {"preambular": [], "operative": [{"text": "Requests a report", "children": []}]}


def _paper(world: dict) -> tuple[int, int]:
    """delegation_a's approved DR and an amendment to it, made on first use."""
    if "paper" not in world:
        committee, author = world["committee_x"], world["delegation_a"]
        document = documents.document_create(
            committee=committee,
            delegation=author,
            topic_id=committee.topics.get().pk,
            title="Reform",
            body=BODY,
        )
        documents.document_submit(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            as_draft_resolution=True,
        )
        documents.document_approve(
            committee=committee, user=factories.dais_user(committee), document_id=document.pk
        )
        clause = document.versions.get().body["operative"][0]["id"]
        amendment = amendments.amendment_submit(
            committee=committee,
            delegation=author,
            document_id=document.pk,
            action="modify",
            target=clause,
            placement="",
            text="Requests a yearly report",
            rationale="",
        )
        world["paper"] = (document.pk, amendment.pk)
    return world["paper"]


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


def _document(world: dict) -> dict:
    return {**_slug(world), "document_id": _paper(world)[0]}


def _amendment(world: dict) -> dict:
    document_id, amendment_id = _paper(world)
    return {**_slug(world), "document_id": document_id, "amendment_id": amendment_id}


KWARGS: dict = {
    "paper_list": _slug,
    **dict.fromkeys((*PAPER_GETS, *PAPER_POSTS), _document),
    **dict.fromkeys(AMENDMENT_POSTS, _amendment),
}
