"""The dais's side of documents: the Director's queue on the floor page, a document's page,
every action posted from them, the projector's pages, and their words in both languages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee.models import Amendment, Document
from committee.resolutions.body import check_body
from committee.resolutions.layout import lay_out
from committee.resolutions.pages import (
    LINE_COST,
    PAGE_BUDGET,
    clause_weight,
    paginate,
    projector_page,
    text_weight,
)
from committee.selectors import FloorView
from committee.services import amendments
from committee.services import documents as docs
from tests import factories
from tests.conftest import user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db

BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37 of 9 December 1994"}],
    "operative": [
        {"text": "Requests the Secretary-General to report on rapid deployment", "children": []},
        {
            "text": "Urges troop-contributing countries",
            "children": [{"text": "to train personnel before deployment"}],
        },
    ],
}
CHINESE_BODY = {
    "preambular": [{"text": "回顾其1994年12月9日第49/37号决议"}],
    "operative": [{"text": "请秘书长就快速部署问题提出报告"}],
}
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plenary():
    """Ten members in session, all present at roll call (a DR's quota is 2), and the chair's
    browser."""
    committee, members, chair = factories.plenary_in_session(10, prefix="Member")
    return committee, members, chair, user_client(chair)


def paper(committee, author, body=BODY, title="Rapid deployment"):
    return docs.document_create(
        committee=committee,
        delegation=author,
        topic_id=committee.topics.get().pk,
        title=title,
        body=body,
    )


def submitted(committee, author, *, as_draft_resolution=True, body=BODY):
    document = paper(committee, author, body=body)
    docs.document_submit(
        committee=committee,
        delegation=author,
        document_id=document.pk,
        as_draft_resolution=as_draft_resolution,
    )
    return document


def approved_dr(committee, author, chair, signers=(), body=BODY):
    """Approved by the Director, then signed unasked by `signers`."""
    document = submitted(committee, author, body=body)
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    for signer in signers:
        docs.signature_sign(committee=committee, delegation=signer, document_id=document.pk)
    document.refresh_from_db()
    return document


def submitted_amendment(
    committee, document, submitter, text="to train and equip personnel", target="sub-clause"
):
    """A change to operative clause 2(a) (or, `target="first"`, to clause 1)."""
    operative = document.versions.get(number=document.version).body["operative"]
    clause = operative[0] if target == "first" else operative[1]["children"][0]
    return amendments.amendment_submit(
        committee=committee,
        delegation=submitter,
        document_id=document.pk,
        action="modify",
        target=clause["id"],
        placement="",
        text=text,
        rationale="Training alone is not enough",
    )


def url(name, committee, *args):
    return reverse(name, args=[committee.slug, *args])


def panel(committee, language="en"):
    return render_regions(FloorView(committee), ("documents",))[language]


def projector(committee, language="en"):
    return render_regions(FloorView(committee), ("projector-document",))[language]


def notice_of(response):
    assert response["HX-Retarget"] == "#notices"
    return response.content.decode()


# ---- the Director's queue on the floor page ---------------------------------------------------


def test_the_panel_lists_papers_waiting_for_the_director_with_their_support(plenary):
    committee, members, _chair, _client = plenary
    document = submitted(committee, members[0])
    html = panel(committee)
    assert 'id="documents"' in html and 'data-testid="documents-awaiting"' in html
    assert "DR 1.?" in html and "Rapid deployment" in html and "draft resolution" in html
    assert members[0].display_name() in html
    assert "1 of 2 sponsors and signatories" in html
    assert url("dais_document_approve", committee, document.pk) in html
    assert url("dais_document_return", committee, document.pk) in html
    assert url("dais_document", committee, document.pk) in html
    # Nothing to introduce or project before the Director approves.
    assert 'data-testid="documents-public"' not in html


def test_the_panel_is_empty_before_any_paper_and_drafts_stay_off_it(plenary):
    committee, members, _chair, _client = plenary
    assert "No papers have been submitted yet." in panel(committee)
    paper(committee, members[0], title="Secret draft")
    html = panel(committee)
    assert "Secret draft" not in html and 'data-testid="documents-awaiting"' not in html


def test_the_panel_shows_amendments_waiting_and_on_their_way(plenary):
    committee, members, chair, _client = plenary
    document = approved_dr(committee, members[0], chair, signers=[members[1]])
    docs.signature_invite(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        invitee_id=members[2].pk,
        as_sponsor=True,
    )
    docs.signature_answer(
        committee=committee, delegation=members[2], document_id=document.pk, accept=True
    )
    waiting = submitted_amendment(committee, document, members[5])
    html = panel(committee)
    assert 'data-testid="amendments-awaiting"' in html
    assert "Amendment 1" in html and "Modify clause 2(a)" in html
    assert "to train and equip personnel" in html and "Training alone is not enough" in html
    assert url("dais_amendment_approve", committee, waiting.pk) in html

    amendments.amendment_approve(committee=committee, user=chair, amendment_id=waiting.pk)
    amendments.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=waiting.pk, accept=True
    )
    html = panel(committee)
    assert 'data-testid="amendments-awaiting"' not in html
    assert 'data-testid="amendments-in-progress"' in html
    assert "asked of the sponsors" in html
    assert f"Accepted: {members[0].display_name()}" in html
    assert f"Waiting for: {members[2].display_name()}" in html

    amendments.amendment_answer(
        committee=committee, delegation=members[2], amendment_id=waiting.pk, accept=False
    )
    assert "unfriendly: waiting for the vote" in panel(committee)  # its writer and one sponsor

    refused = submitted_amendment(committee, document, members[6], target="first")
    amendments.amendment_approve(committee=committee, user=chair, amendment_id=refused.pk)
    amendments.amendment_answer(
        committee=committee, delegation=members[0], amendment_id=refused.pk, accept=False
    )
    html = panel(committee)
    assert "unfriendly: collecting signatures" in html
    assert "1 of 2 signatures" in html


def test_the_panel_offers_introduction_only_once_the_quota_is_met(plenary):
    committee, members, chair, _client = plenary
    document = approved_dr(committee, members[0], chair)
    html = panel(committee)
    assert 'data-testid="documents-public"' in html and "DR 1.1" in html
    assert url("dais_document_introduce", committee, document.pk) not in html
    assert 'data-testid="document-project"' in html
    docs.signature_sign(committee=committee, delegation=members[1], document_id=document.pk)
    assert url("dais_document_introduce", committee, document.pk) in panel(committee)


def test_the_panel_in_chinese(plenary):
    committee, members, _chair, _client = plenary
    submitted(committee, members[0])
    html = panel(committee, "zh-hans")
    assert "决议草案 1.?" in html and "起草国" in html
    assert "draft resolution" not in html


def test_the_panel_costs_the_same_queries_however_many_papers(plenary):
    committee, members, chair, _client = plenary

    def queries_to_draw():
        view = FloorView(committee)
        with CaptureQueriesContext(connection) as captured:
            render_regions(view, ("documents", "projector-document"))
        return len(captured)

    first = approved_dr(committee, members[0], chair, signers=[members[4]])
    submitted_amendment(committee, first, members[5])
    few = queries_to_draw()
    for author in members[1:3]:
        document = approved_dr(committee, author, chair)
        submitted_amendment(committee, document, members[6])
    submitted(committee, members[3])
    assert queries_to_draw() == few


# ---- approving and returning ------------------------------------------------------------------


def test_the_director_approves_and_the_paper_is_numbered(plenary):
    committee, members, _chair, client = plenary
    document = submitted(committee, members[0])
    response = client.post(url("dais_document_approve", committee, document.pk), **HTMX)
    assert response.status_code == 204
    document.refresh_from_db()
    assert (document.status, document.dr_number) == ("approved", 1)


def test_approving_twice_is_refused_with_the_reason(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair)
    response = client.post(url("dais_document_approve", committee, document.pk), **HTMX)
    assert response.status_code == 409
    message = notice_of(response)
    assert "The status of DR 1.1 is approved" in message


def test_the_director_returns_a_paper_with_a_reason(plenary):
    committee, members, _chair, client = plenary
    document = submitted(committee, members[0])
    target = url("dais_document_return", committee, document.pk)
    empty = client.post(target, {"reason": "  "}, **HTMX)
    assert empty.status_code == 400
    assert "Say why it is returned." in notice_of(empty)
    document.refresh_from_db()
    assert document.status == "submitted"

    response = client.post(target, {"reason": "Clause 2 was never debated"}, **HTMX)
    assert response.status_code == 204
    document.refresh_from_db()
    assert (document.status, document.return_reason) == ("draft", "Clause 2 was never debated")


def test_a_document_of_another_committee_cannot_be_reached(plenary, committee_y):
    committee, members, _chair, client = plenary
    other_author = factories.delegation(committee_y, "Elsewhere")
    elsewhere = paper(committee_y, other_author)
    assert client.get(url("dais_document", committee, elsewhere.pk)).status_code == 404
    assert client.get(url("dais_document_history", committee, elsewhere.pk)).status_code == 404
    response = client.post(url("dais_document_approve", committee, elsewhere.pk), **HTMX)
    assert response.status_code == 409
    assert "That document does not exist." in notice_of(response)
    fix = client.post(
        url("dais_document_fix", committee, elsewhere.pk), {"base_version": "1"}, **HTMX
    )
    assert fix.status_code == 409
    elsewhere.refresh_from_db()
    assert (elsewhere.status, elsewhere.version) == ("draft", 1)


def test_a_delegate_cannot_act_as_the_director(plenary, make_delegate_client):
    committee, members, _chair, _client = plenary
    document = submitted(committee, members[0])
    phone = make_delegate_client(members[0])
    for name in ("dais_document_approve", "dais_document_introduce"):
        response = phone.post(url(name, committee, document.pk), **HTMX)
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert phone.get(url("dais_document", committee, document.pk)).status_code == 302
    document.refresh_from_db()
    assert document.status == "submitted"


def test_the_dais_of_another_committee_is_forbidden(plenary, committee_y):
    committee, members, _chair, _client = plenary
    document = submitted(committee, members[0])
    stranger = user_client(factories.dais_user(committee_y))
    response = stranger.post(url("dais_document_approve", committee, document.pk), **HTMX)
    assert response.status_code == 403


# ---- introducing ---------------------------------------------------------------------------------


def test_introduction_needs_the_quota(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair)
    target = url("dais_document_introduce", committee, document.pk)
    short = client.post(target, **HTMX)
    assert short.status_code == 409
    assert "DR 1.1 has 1 sponsors and signatories; 2 are needed." in notice_of(short)
    docs.signature_sign(committee=committee, delegation=members[3], document_id=document.pk)
    assert client.post(target, **HTMX).status_code == 204
    document.refresh_from_db()
    assert document.status == "introduced"


# ---- the document's page -------------------------------------------------------------------------


def test_the_document_page_joins_the_documents_pushes_and_shows_the_dais_actions(plenary):
    committee, members, _chair, client = plenary
    document = submitted(committee, members[0])
    html = client.get(url("dais_document", committee, document.pk)).content.decode()
    assert f'ws-connect="/ws/c/{committee.slug}/?document={document.pk}"' in html
    assert 'hx-ext="ws,morph"' in html and "idiomorph-ext.min.js" in html
    assert f'id="document-{document.pk}"' in html
    assert "the Secretary-General to report on rapid deployment" in html
    assert url("dais_document_approve", committee, document.pk) in html
    assert f'hx-trigger="htmx:oobBeforeSwap from:#document-{document.pk}' in html
    assert url("dais_document_history", committee, document.pk) in html
    # One field per clause for the wording fix, each with its stored words.
    assert html.count('name="clause-') == 4
    assert ">to train personnel before deployment</textarea>" in html


def test_the_actions_follow_the_status(plenary):
    committee, members, chair, client = plenary
    document = submitted(committee, members[0])
    target = url("dais_document_actions", committee, document.pk)
    assert 'data-testid="document-approve"' in client.get(target).content.decode()
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    html = client.get(target).content.decode()
    assert 'data-testid="document-approve"' not in html
    assert 'data-testid="document-quota-short"' in html
    assert 'data-testid="projector-pages"' in html


def test_a_draft_has_no_wording_fix_and_no_projector(plenary):
    committee, members, _chair, client = plenary
    document = paper(committee, members[0])
    html = client.get(url("dais_document", committee, document.pk)).content.decode()
    assert 'data-testid="fix-form"' not in html and 'data-testid="projector-pages"' not in html


# ---- the wording fix -----------------------------------------------------------------------------


def fix_fields(document, **changes):
    body = document.versions.get(number=document.version).body
    fields = {"base_version": str(document.version)}

    def walk(items):
        for item in items:
            fields[f"clause-{item['id']}"] = changes.get(item["text"], item["text"])
            walk(item.get("children") or [])

    walk(body["preambular"])
    walk(body["operative"])
    return fields


def test_the_director_corrects_the_wording_and_gets_the_form_of_the_new_version(plenary):
    committee, members, _chair, client = plenary
    document = submitted(committee, members[0])
    fields = fix_fields(
        document,
        **{"Urges troop-contributing countries": "Urges troop contributing countries"},
    )
    response = client.post(url("dais_document_fix", committee, document.pk), fields, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved as version 2." in html and 'name="base_version" value="2"' in html
    document.refresh_from_db()
    version = document.versions.get(number=2)
    assert version.source == "director_fix"
    assert version.body["operative"][1]["text"] == "Urges troop contributing countries"


def test_a_fix_over_an_old_version_is_refused(plenary):
    committee, members, chair, client = plenary
    document = submitted(committee, members[0])
    stale = fix_fields(document)
    docs.document_fix(
        committee=committee,
        user=chair,
        document_id=document.pk,
        body=document.versions.get().body,
        base_version=1,
    )
    response = client.post(url("dais_document_fix", committee, document.pk), stale, **HTMX)
    assert response.status_code == 409
    assert "Someone changed this text since you opened it" in notice_of(response)


def test_a_fix_with_a_clause_missing_or_emptied_is_bad_input(plenary):
    committee, members, _chair, client = plenary
    document = submitted(committee, members[0])
    target = url("dais_document_fix", committee, document.pk)
    fields = fix_fields(document)
    missing = dict(fields)
    missing.pop(next(key for key in fields if key.startswith("clause-")))
    assert client.post(target, missing, **HTMX).status_code == 400
    emptied = fix_fields(document, **{"Urges troop-contributing countries": " "})
    response = client.post(target, emptied, **HTMX)
    assert response.status_code == 400
    assert notice_of(response)
    no_version = client.post(target, {"base_version": "x"}, **HTMX)
    assert no_version.status_code == 400
    assert "Reload the page" in notice_of(no_version)
    document.refresh_from_db()
    assert document.version == 1


def test_a_draft_cannot_be_corrected_by_the_dais(plenary):
    committee, members, _chair, client = plenary
    document = paper(committee, members[0])
    response = client.post(
        url("dais_document_fix", committee, document.pk), fix_fields(document), **HTMX
    )
    assert response.status_code == 409
    assert "The status of" in notice_of(response)


# ---- the version history ---------------------------------------------------------------------


def test_the_history_lists_versions_and_shows_what_the_fix_changed(plenary):
    committee, members, chair, client = plenary
    document = submitted(committee, members[0])
    body = document.versions.get().body
    body["operative"][0]["text"] = "Requests the Secretary-General to report annually"
    docs.document_fix(
        committee=committee, user=chair, document_id=document.pk, body=body, base_version=1
    )
    target = url("dais_document_history", committee, document.pk)
    html = client.get(target).content.decode()
    assert "Changes from version 1 to version 2" in html
    assert "<del>on rapid deployment</del>" in html
    assert "<ins>annually</ins>" in html
    assert "corrected by the Director" in html and chair.get_username() in html
    first = client.get(target, {"version": "1"}).content.decode()
    assert "Version 1, as first written" in first
    assert client.get(target, {"version": "9"}).status_code == 404


# ---- the projector ------------------------------------------------------------------------------


def test_the_dais_shows_a_page_on_the_projector_and_stops(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair)
    target = url("dais_documents_project", committee)
    assert 'id="projector-document"' in projector(committee)
    assert 'data-testid="projector-document" hidden' not in projector(committee)
    response = client.post(target, {"document": document.pk, "page": 1}, **HTMX)
    assert response.status_code == 204
    assert response["HX-Trigger"] == "documentProjected"
    html = projector(committee)
    assert " hidden" not in html.split(">", 1)[0]
    assert "resolution--projector" in html and "DR 1.1" in html and "approved" in html
    assert "the Secretary-General to report on rapid deployment" in html
    assert "On the projector: DR 1.1, page 1 of 1" in panel(committee)

    assert client.post(target, {"document": ""}, **HTMX).status_code == 204
    assert " hidden" in projector(committee).split(">", 1)[0]
    assert "On the projector" not in panel(committee)


def test_the_projector_is_only_for_documents_the_room_may_read(plenary):
    committee, members, _chair, client = plenary
    document = submitted(committee, members[0])
    target = url("dais_documents_project", committee)
    response = client.post(target, {"document": document.pk, "page": 1}, **HTMX)
    assert response.status_code == 409
    assert "Only approved documents can be shown to the room." in notice_of(response)
    bad_page = client.post(target, {"document": document.pk, "page": "0"}, **HTMX)
    assert bad_page.status_code == 400
    assert "Choose a page." in notice_of(bad_page)


def long_body(clauses=12, words=60):
    text = "Requests " + " ".join(["the Secretary-General to report"] * (words // 5))
    return {"preambular": [], "operative": [{"text": f"{text} {n}"} for n in range(clauses)]}


def laid_out(body, language="en"):
    """The body as the services store it (every clause with its id), laid out."""
    return lay_out(check_body(body), language=language)


def test_a_long_resolution_is_projected_a_page_at_a_time(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair, body=long_body())
    count = len(paginate(laid_out(long_body())))
    assert count >= 3
    client.post(url("dais_documents_project", committee), {"document": document.pk, "page": 2})
    html = projector(committee)
    assert f"page 2 of {count}" in html
    dais = panel(committee)
    assert f"On the projector: DR 1.1, page 2 of {count}" in dais
    assert '"page": "1"' in dais and '"page": "3"' in dais  # previous and next
    actions = client.get(url("dais_document_actions", committee, document.pk)).content.decode()
    assert 'aria-pressed="true">2</button>' in actions


def test_the_projector_in_chinese(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair, body=CHINESE_BODY)
    client.post(url("dais_documents_project", committee), {"document": document.pk, "page": 1})
    html = projector(committee, "zh-hans")
    assert "决议草案 1.1" in html and "已批准" in html
    assert "其1994年12月9日第49/37号决议，" in html  # Chinese punctuation, computed
    assert "秘书长就快速部署问题提出报告。" in html


# ---- amendments ------------------------------------------------------------------------------


def test_the_director_approves_an_amendment_and_the_sponsors_are_asked(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair, signers=[members[1]])
    amendment = submitted_amendment(committee, document, members[5])
    target = url("dais_amendment_approve", committee, amendment.pk)
    page = client.get(url("dais_document", committee, document.pk)).content.decode()
    assert target in page and url("dais_amendment_return", committee, amendment.pk) in page
    assert client.post(target, **HTMX).status_code == 204
    amendment.refresh_from_db()
    assert amendment.status == "with_sponsors"
    page = client.get(url("dais_document", committee, document.pk)).content.decode()
    assert target not in page  # no longer waiting for the Director
    again = client.post(target, **HTMX)
    assert again.status_code == 409
    assert "Amendment 1 is" in notice_of(again)


def test_the_director_returns_an_amendment_with_a_reason(plenary):
    committee, members, chair, client = plenary
    document = approved_dr(committee, members[0], chair)
    amendment = submitted_amendment(committee, document, members[5])
    target = url("dais_amendment_return", committee, amendment.pk)
    assert client.post(target, {"reason": ""}, **HTMX).status_code == 400
    assert client.post(target, {"reason": "Out of scope"}, **HTMX).status_code == 204
    amendment.refresh_from_db()
    assert (amendment.status, amendment.return_reason) == ("returned", "Out of scope")


def test_an_amendment_of_another_committee_cannot_be_reached(plenary, committee_y):
    committee, members, chair, _client = plenary
    document = approved_dr(committee, members[0], chair)
    amendment = submitted_amendment(committee, document, members[5])
    dais_of_y = user_client(factories.dais_user(committee_y))
    for name in ("dais_amendment_approve", "dais_amendment_return"):
        # Through its own committee's address: not its dais.
        assert dais_of_y.post(url(name, committee, amendment.pk), **HTMX).status_code == 403
        # Through the address of the committee it sits for: no such amendment there.
        refused = dais_of_y.post(url(name, committee_y, amendment.pk), {"reason": "x"}, **HTMX)
        assert refused.status_code == 409
        assert "That amendment does not exist." in notice_of(refused)
    assert Amendment.objects.get(pk=amendment.pk).status == "submitted"
    assert Document.objects.get(pk=document.pk).status == "approved"


# ---- the pages, on their own ------------------------------------------------------------------


def test_a_short_resolution_is_one_page():
    layout = laid_out(BODY)
    (page,) = paginate(layout)
    assert page == layout
    shown = projector_page(layout, 5)
    assert (shown.number, shown.count, shown.previous, shown.next) == (1, 1, None, None)


def test_pages_keep_every_clause_once_in_order_and_within_the_budget():
    layout = laid_out(long_body(clauses=20))
    pages = paginate(layout)
    assert len(pages) > 1
    ids = [clause.id for page in pages for clause in page.operative]
    assert ids == [clause.id for clause in layout.operative]
    for page in pages:
        assert sum(clause_weight(c) for c in page.operative) <= PAGE_BUDGET
    # Numbers run on from page to page.
    assert pages[1].operative[0].label == f"{len(pages[0].operative) + 1}."


def test_the_pages_of_a_document_turn_and_stop_at_both_ends():
    layout = laid_out(long_body(clauses=20))
    count = len(paginate(layout))
    middle = projector_page(layout, 2)
    assert (middle.number, middle.previous, middle.next, middle.count) == (2, 1, 3, count)
    last = projector_page(layout, 999)
    assert (last.number, last.next, last.previous) == (count, None, count - 1)
    assert projector_page(layout, 0).number == 1


def test_a_clause_longer_than_a_page_is_cut_between_its_sub_clauses():
    children = [{"text": f"to report on question {n} " + "in full detail " * 12} for n in range(8)]
    body = {
        "preambular": [],
        "operative": [{"text": "Requests the Secretariat", "children": children}],
    }
    layout = laid_out(body)
    pages = paginate(layout, budget=600)
    assert len(pages) > 1
    first, second = pages[0].operative[0], pages[1].operative[0]
    assert first.opening == "Requests" and first.label == "1."
    assert (second.label, second.opening, second.rest) == ("1.", "", "…")
    shown = [child.id for page in pages for clause in page.operative for child in clause.children]
    assert shown == [child.id for child in layout.operative[0].children]


def test_chinese_characters_count_double():
    assert text_weight("abcd") == 4
    assert text_weight("请秘书长") == 8
    chinese = laid_out(CHINESE_BODY, "zh-hans")
    assert clause_weight(chinese.operative[0]) == LINE_COST + text_weight(
        f"{chinese.operative[0].label} {chinese.operative[0].text}"
    )
    (page,) = paginate(chinese)
    assert page == chinese
