"""Papers on the delegate's phone: the lists, a paper with the actions open to the delegation,
amendments with their live preview, the asks on the phone's own fragment, the history; who may
see and do what, and the answers to refusals and bad input."""

from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from committee import rendering
from committee.models import Document, Signature
from committee.resolutions.layout import ENGLISH
from committee.selectors import FloorView
from committee.services import amendments as amend
from committee.services import documents as docs
from delegates.views.papers import preview_amendment
from tests import factories
from tests.conftest import delegate_client

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37"}],
    "operative": [
        {"text": "Requests a report on rapid deployment", "children": []},
        {
            "text": "Urges training before deployment",
            "children": [{"text": "in languages"}, {"text": "in first aid"}],
        },
        {"text": "Decides to remain seized of the matter", "children": []},
    ],
}


@pytest.fixture
def plenary():
    """Ten members in session, all present at roll call: a DR's quota is 2."""
    return factories.plenary_in_session(10, prefix="Member")


def paper(committee, author, title="Rapid deployment"):
    return docs.document_create(
        committee=committee,
        delegation=author,
        topic_id=committee.topics.get().pk,
        title=title,
        body=BODY,
    )


def invite(committee, by, document, invitee, *, as_sponsor):
    docs.signature_invite(
        committee=committee,
        delegation=by,
        document_id=document.pk,
        invitee_id=invitee.pk,
        as_sponsor=as_sponsor,
    )


def approved_dr(committee, members, chair):
    """DR 1.1: members 0 and 1 sponsor it, member 2 signed it; approved."""
    document = paper(committee, members[0])
    for invitee, as_sponsor in ((members[1], True), (members[2], False)):
        invite(committee, members[0], document, invitee, as_sponsor=as_sponsor)
        docs.signature_answer(
            committee=committee, delegation=invitee, document_id=document.pk, accept=True
        )
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=True,
    )
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    document.refresh_from_db()
    return document


def clause_id(document, number, sub=None):
    body = document.versions.get(number=document.version).body
    clause = body["operative"][number - 1]
    return clause["children"][sub]["id"] if sub is not None else clause["id"]


def url(name, committee, document, *rest):
    return reverse(name, args=[committee.slug, document.pk, *rest])


def submit_amendment(committee, delegation, document, action, target, text=""):
    return amend.amendment_submit(
        committee=committee,
        delegation=delegation,
        document_id=document.pk,
        action=action,
        target=target,
        placement="",
        text=text,
        rationale="Clearer",
    )


def with_sponsors(committee, chair, delegation, document, action="modify", text="Urges training"):
    """An amendment the Director approved: the DR's sponsors are asked."""
    amendment = submit_amendment(
        committee, delegation, document, action, clause_id(document, 2), text
    )
    amend.amendment_approve(committee=committee, user=chair, amendment_id=amendment.pk)
    return amendment


# ---- the lists ----------------------------------------------------------------------------------


def test_the_list_shows_the_delegations_own_papers_and_the_committees_approved_ones(plenary):
    committee, members, chair = plenary
    own = paper(committee, members[3], title="Our own draft")
    paper(committee, members[4], title="Someone else's draft")
    dr = approved_dr(committee, members, chair)
    invite(committee, members[0], dr, members[3], as_sponsor=False)
    html = delegate_client(members[3]).get(reverse("paper_list", args=[committee.slug]))
    html = html.content.decode()
    own_part, shared_part = html.split('<section id="phone-papers"')
    assert "Our own draft" in own_part
    assert reverse("paper_new", args=[committee.slug]) in html
    assert reverse("paper_read", args=[committee.slug, own.pk]) in own_part
    assert "asked to sign" in own_part  # its role on DR 1.1, which asked it
    assert "Someone else" not in html
    assert "DR 1.1" in shared_part and "Our own draft" not in shared_part
    assert "3 of 2 sponsors and signatories" in shared_part


def test_a_draft_the_director_returned_shows_the_reason_to_its_sponsors(plenary):
    committee, members, chair = plenary
    document = paper(committee, members[0])
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=False,
    )
    docs.document_return(
        committee=committee, user=chair, document_id=document.pk, reason="Cite the Charter"
    )
    client = delegate_client(members[0])
    listed = client.get(reverse("paper_list", args=[committee.slug])).content.decode()
    assert "Returned by the Director:" in listed and "Cite the Charter" in listed
    page = client.get(url("paper_read", committee, document)).content.decode()
    assert 'data-testid="return-reason"' in page and "Cite the Charter" in page


def test_the_shared_list_region_is_drawn_without_a_request_and_links_every_approved_paper(
    plenary,
):
    committee, members, chair = plenary
    dr = approved_dr(committee, members, chair)
    draft = paper(committee, members[5], title="Hidden draft")
    html = rendering.draw(FloorView(committee), "phone-papers")
    assert html.startswith('<section id="phone-papers"')
    assert reverse("paper_read", args=[committee.slug, dr.pk]) in html
    assert reverse("paper_read", args=[committee.slug, draft.pk]) not in html


# ---- one paper ----------------------------------------------------------------------------------


def test_the_paper_page_shows_the_live_region_joined_by_its_websocket(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    html = delegate_client(members[7]).get(url("paper_read", committee, document)).content.decode()
    assert f'ws-connect="/ws/c/{committee.slug}/?document={document.pk}"' in html
    assert 'hx-ext="ws,morph"' in html
    assert "idiomorph-ext.min.js" in html and "js/papers.js" in html
    assert f'id="document-{document.pk}"' in html
    assert "Requests a report on rapid deployment" in html
    # The amendment form sits outside the region pushes replace.
    region_end = html.index(f'id="paper-actions-{document.pk}"')
    assert html.index(f'id="amendment-form-{document.pk}"') > region_end
    assert 'data-testid="paper-sign"' in html


def test_a_paper_the_delegation_may_not_read_is_a_404_whatever_it_asks(plenary):
    committee, members, chair = plenary
    draft = paper(committee, members[0])
    other_committee, other_members, _chair = factories.plenary_in_session(3, prefix="Other")
    foreign = paper(other_committee, other_members[0])
    client = delegate_client(members[1])
    for document in (draft, foreign):
        for name in ("paper_read", "paper_history", "paper_actions"):
            assert client.get(reverse(name, args=[committee.slug, document.pk])).status_code == 404
        for name in ("paper_sign", "paper_answer", "paper_amendment_preview"):
            response = client.post(reverse(name, args=[committee.slug, document.pk]), **HTMX)
            assert response.status_code == 404
    assert not Signature.objects.filter(delegation=members[1]).exists()


def test_the_actions_are_asked_for_again_after_a_push(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = delegate_client(members[2]).get(url("paper_actions", committee, document))
    html = response.content.decode()
    assert html.startswith(f'<section id="paper-actions-{document.pk}"')
    assert 'hx-trigger="paper-changed"' in html
    assert 'data-testid="paper-unsign"' in html  # member 2 signed it


# ---- joining a paper ----------------------------------------------------------------------------


def test_a_sponsor_invites_and_the_invited_delegation_accepts(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    response = delegate_client(members[0]).post(
        url("paper_invite", committee, document),
        {"invitee": members[1].pk, "as_sponsor": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    assert f'id="paper-actions-{document.pk}"' in response.content.decode()
    invited = delegate_client(members[1])
    page = invited.get(url("paper_read", committee, document)).content.decode()
    assert "Member 000 asks your delegation to co-sponsor this paper." in page
    response = invited.post(url("paper_answer", committee, document), {"answer": "yes"}, **HTMX)
    assert response.status_code == 200
    assert 'data-testid="paper-unsponsor"' in response.content.decode()
    assert (
        Document.objects.get(pk=document.pk)
        .signatures.filter(delegation=members[1], role="sponsor", signed_at__isnull=False)
        .exists()
    )


def test_declining_a_drafts_invitation_leaves_the_page_for_the_list(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    invite(committee, members[0], document, members[1], as_sponsor=False)
    response = delegate_client(members[1]).post(
        url("paper_answer", committee, document), {"answer": "no"}, **HTMX
    )
    assert response["HX-Redirect"] == reverse("paper_list", args=[committee.slug])
    signature = Signature.objects.get(document=document, delegation=members[1])
    assert signature.ended == "declined"


def test_a_page_of_a_draft_the_delegation_left_goes_back_to_the_list(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    invite(committee, members[0], document, members[1], as_sponsor=False)
    docs.signature_answer(
        committee=committee, delegation=members[1], document_id=document.pk, accept=True
    )
    client = delegate_client(members[1])
    left = client.post(url("paper_withdraw", committee, document), **HTMX)
    papers = reverse("paper_list", args=[committee.slug])
    assert left["HX-Redirect"] == papers
    # Another tab of the same phone, asking for the actions after the push.
    assert client.get(url("paper_actions", committee, document), **HTMX)["HX-Redirect"] == papers
    assert client.get(url("paper_actions", committee, document)).status_code == 404


def test_a_delegation_not_invited_is_refused_with_the_reason(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = delegate_client(members[6]).post(
        url("paper_answer", committee, document), {"answer": "yes"}, **HTMX
    )
    assert response.status_code == 409
    assert "Your delegation has not been asked to join this document." in response.content.decode()
    assert response["HX-Retarget"] == "#notices"


def test_bad_input_answers_400_with_the_fields_message(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    sponsor = delegate_client(members[0])
    for name, data, message in (
        ("paper_answer", {"answer": "maybe"}, "Answer yes or no."),
        ("paper_invite", {"invitee": "x"}, "Choose a delegation."),
        ("paper_amendment_submit", {"change": "move"}, "Choose add, modify or strike."),
        (
            "paper_amendment_submit",
            {"change": "modify", "target": clause_id(document, 1)},
            "Write the clause's new text.",
        ),
    ):
        response = sponsor.post(url(name, committee, document), data, **HTMX)
        assert response.status_code == 400, name
        assert message in unescape(response.content.decode()), name


def test_a_delegation_cannot_invite_another_committees_delegation(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    stranger = factories.delegation(factories.committee(), "Stranger")
    response = delegate_client(members[0]).post(
        url("paper_invite", committee, document), {"invitee": stranger.pk}, **HTMX
    )
    assert response.status_code == 409
    assert "That delegation is not in this committee." in response.content.decode()


# ---- submitting ---------------------------------------------------------------------------------


def test_a_sponsor_submits_takes_back_and_puts_an_approved_paper_forward(plenary):
    committee, members, chair = plenary
    document = paper(committee, members[0])
    client = delegate_client(members[0])
    page = client.get(url("paper_read", committee, document)).content.decode()
    assert 'data-testid="paper-submit-wp"' in page and 'data-testid="paper-submit-dr"' in page
    assert reverse("paper_edit", args=[committee.slug, document.pk]) in page
    response = client.post(url("paper_submit", committee, document), **HTMX)
    assert 'data-testid="paper-take-back"' in response.content.decode()
    assert Document.objects.get(pk=document.pk).status == "submitted"
    client.post(url("paper_take_back", committee, document), **HTMX)
    assert Document.objects.get(pk=document.pk).status == "draft"
    client.post(url("paper_submit", committee, document), **HTMX)
    docs.document_approve(committee=committee, user=chair, document_id=document.pk)
    response = client.post(url("paper_promote", committee, document), **HTMX)
    assert response.status_code == 200
    promoted = Document.objects.get(pk=document.pk)
    assert (promoted.kind, promoted.status, promoted.wp_number) == (
        "draft_resolution",
        "submitted",
        1,
    )


def test_submitting_twice_is_refused_in_the_users_language(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    client = delegate_client(members[0])
    client.post(url("paper_submit", committee, document), **HTMX)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(url("paper_submit", committee, document), **HTMX)
    assert response.status_code == 409
    notice = response.content.decode()
    assert 'data-testid="notice"' in notice
    assert any("\u4e00" <= ch <= "\u9fff" for ch in notice)


def test_a_delegation_signs_an_approved_dr_and_withdraws_its_signature(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    client = delegate_client(members[5])
    response = client.post(url("paper_sign", committee, document), **HTMX)
    assert response.status_code == 200
    assert 'data-testid="paper-unsign"' in response.content.decode()
    response = client.post(url("paper_withdraw", committee, document), **HTMX)
    assert 'data-testid="paper-sign"' in response.content.decode()
    assert not Signature.objects.filter(
        document=document, delegation=members[5], ended_at__isnull=True
    ).exists()


def test_the_last_sponsor_withdrawing_withdraws_the_paper(plenary):
    committee, members, _chair = plenary
    document = paper(committee, members[0])
    docs.document_submit(
        committee=committee,
        delegation=members[0],
        document_id=document.pk,
        as_draft_resolution=False,
    )
    client = delegate_client(members[0])
    page = client.get(url("paper_read", committee, document)).content.decode()
    assert 'data-testid="paper-unsponsor"' in page and "hx-confirm=" in page
    client.post(url("paper_withdraw", committee, document), **HTMX)
    assert Document.objects.get(pk=document.pk).status == "withdrawn"


# ---- amendments ---------------------------------------------------------------------------------


def test_the_preview_shows_a_modified_clause_as_it_would_read(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = delegate_client(members[6]).post(
        url("paper_amendment_preview", committee, document),
        {
            "change": "modify",
            "target": clause_id(document, 2, 1),
            "text": "in first aid and triage;",
            "clauses_version": document.version,
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Clause 2(b) would read:" in html
    assert "(b)</span> in first aid and triage;</p>" in html  # punctuated as it would stand
    assert "<ins>" in html and "triage" in html
    assert 'id="amendment-target-' not in html  # the clause list is still right


def test_the_preview_shows_a_struck_clause_struck(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = delegate_client(members[6]).post(
        url("paper_amendment_preview", committee, document),
        {"change": "strike", "target": clause_id(document, 3), "clauses_version": document.version},
        **HTMX,
    )
    html = response.content.decode()
    assert "Clause 3 would be struck:" in html
    struck = html[html.index('<del class="amendment-preview__struck">') :]
    assert "Decides" in struck[: struck.index("</del>")]


def test_the_preview_numbers_an_added_clause_where_it_would_stand(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    client = delegate_client(members[6])
    for change, target, expected in (
        ("add-after", clause_id(document, 1), "A new clause 2 would read:"),
        ("add-inside", clause_id(document, 2), "A new clause 2(c) would read:"),
        ("add-end", "", "A new clause 4 would read:"),
    ):
        response = client.post(
            url("paper_amendment_preview", committee, document),
            {
                "change": change,
                "target": target,
                "text": "Calls for a review",
                "clauses_version": document.version,
            },
            **HTMX,
        )
        assert expected in response.content.decode(), change


def test_the_preview_helper_places_the_clause_as_the_service_would():
    body = {
        "preambular": [],
        "operative": [
            {"id": "c1", "text": "Requests a report", "children": []},
            {"id": "c2", "text": "Decides to stay seized", "children": []},
        ],
    }
    added = preview_amendment(
        body, action="add", target="c1", placement="after", text="Urges  all", language=ENGLISH
    )
    assert (added.clause.reference, added.clause.text) == ("2", "Urges all;")
    modified = preview_amendment(
        body, action="modify", target="c2", placement="", text="Decides to act", language=ENGLISH
    )
    assert modified.clause.text == "Decides to act."
    assert [piece.op for piece in modified.pieces].count("added") == 1
    struck = preview_amendment(
        body, action="strike", target="c1", placement="", text="", language=ENGLISH
    )
    assert struck.struck and struck.clause.reference == "1"
    gone = preview_amendment(
        body, action="modify", target="c9", placement="", text="x", language=ENGLISH
    )
    assert gone is None


def test_the_preview_says_so_when_the_clause_is_gone_and_sends_the_renumbered_clauses(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    struck_id, kept_id = clause_id(document, 1), clause_id(document, 3)
    first_version = document.version
    strike = submit_amendment(committee, members[0], document, "strike", struck_id)
    amend.amendment_approve(committee=committee, user=chair, amendment_id=strike.pk)
    amend.amendment_answer(
        committee=committee, delegation=members[1], amendment_id=strike.pk, accept=True
    )
    client = delegate_client(members[6])
    preview = url("paper_amendment_preview", committee, document)
    gone = client.post(
        preview,
        {"change": "modify", "target": struck_id, "text": "x", "clauses_version": first_version},
        **HTMX,
    ).content.decode()
    assert "That clause is no longer in the text: choose another one." in gone
    # The text was renumbered since the form was drawn: the clause list comes again, out of
    # band, with the clause still chosen by its id and numbered as it is now.
    kept = client.post(
        preview,
        {"change": "strike", "target": kept_id, "clauses_version": first_version},
        **HTMX,
    ).content.decode()
    assert f'<div id="amendment-target-{document.pk}"' in kept and 'hx-swap-oob="true"' in kept
    assert (
        f'<option value="{kept_id}" class="amendment-clause amendment-clause--depth-1" selected>2 '
        in kept
    )
    assert "Clause 2 would be struck:" in kept


def test_an_untouched_form_previews_nothing(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = delegate_client(members[6]).post(
        url("paper_amendment_preview", committee, document),
        {"change": "modify", "target": "", "text": "", "clauses_version": document.version},
        **HTMX,
    )
    assert "the preview shows how it would read" in response.content.decode()


def test_a_submitted_amendment_goes_to_the_director_and_the_form_starts_again(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    response = delegate_client(members[6]).post(
        url("paper_amendment_submit", committee, document),
        {
            "change": "modify",
            "target": clause_id(document, 1),
            "text": "Requests a yearly report",
            "rationale": "Regular reporting",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="own-amendment"' in html and 'data-testid="amendment-withdraw"' in html
    assert f'<form id="amendment-form-{document.pk}"' in html and 'hx-swap-oob="true"' in html
    amendment = document.amendments.get()
    assert (amendment.status, amendment.target_label, amendment.submitter) == (
        "submitted",
        "1",
        members[6],
    )


def test_sponsors_answer_friendly_and_the_writer_may_withdraw(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    amendment = with_sponsors(committee, chair, members[6], document)
    first, second = delegate_client(members[0]), delegate_client(members[1])
    page = first.get(url("paper_read", committee, document)).content.decode()
    assert f'id="amendment-ask-{amendment.pk}"' in page
    answer = url("paper_amendment_answer", committee, document, amendment.pk)
    response = first.post(answer, {"answer": "yes"}, **HTMX)
    assert 'data-testid="friendly-ask"' not in response.content.decode()
    writer = delegate_client(members[6])
    assert (
        'data-testid="amendment-withdraw"'
        in writer.get(url("paper_actions", committee, document)).content.decode()
    )
    second.post(answer, {"answer": "yes"}, **HTMX)
    amendment.refresh_from_db()
    assert amendment.status == "applied"
    document.refresh_from_db()
    assert document.versions.get(number=document.version).body["operative"][1]["text"] == (
        "Urges training"
    )


def test_an_unfriendly_amendment_is_signed_by_others_and_withdrawn_by_its_writer(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    amendment = with_sponsors(committee, chair, members[6], document)
    delegate_client(members[0]).post(
        url("paper_amendment_answer", committee, document, amendment.pk), {"answer": "no"}, **HTMX
    )
    amendment.refresh_from_db()
    assert amendment.status == "unfriendly"
    signer = delegate_client(members[7])
    actions = signer.get(url("paper_actions", committee, document)).content.decode()
    assert "Amendment 1 is unfriendly: 1 of 2 signatures." in actions
    response = signer.post(url("paper_amendment_sign", committee, document, amendment.pk), **HTMX)
    assert 'data-testid="amendment-sign"' not in response.content.decode()
    amendment.refresh_from_db()
    assert amendment.status == "awaiting_vote"
    response = delegate_client(members[6]).post(
        url("paper_amendment_withdraw", committee, document, amendment.pk), **HTMX
    )
    assert response.status_code == 200
    amendment.refresh_from_db()
    assert amendment.status == "withdrawn"


def test_only_the_writer_withdraws_and_a_sponsor_not_asked_is_refused(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    amendment = with_sponsors(committee, chair, members[6], document)
    other = delegate_client(members[7])
    refused = other.post(url("paper_amendment_withdraw", committee, document, amendment.pk), **HTMX)
    assert refused.status_code == 409
    refused = other.post(
        url("paper_amendment_answer", committee, document, amendment.pk), {"answer": "yes"}, **HTMX
    )
    assert refused.status_code == 409
    amendment.refresh_from_db()
    assert amendment.status == "with_sponsors"


def test_an_amendment_of_another_paper_cannot_be_reached_by_editing_its_id(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    other_committee, other_members, other_chair = factories.plenary_in_session(4, prefix="Other")
    foreign = approved_dr(other_committee, other_members, other_chair)
    foreign_amendment = with_sponsors(other_committee, other_chair, other_members[3], foreign)
    sponsor = delegate_client(members[0])
    for name in ("paper_amendment_answer", "paper_amendment_sign", "paper_amendment_withdraw"):
        for document_id in (document.pk, foreign.pk):
            response = sponsor.post(
                reverse(name, args=[committee.slug, document_id, foreign_amendment.pk]),
                {"answer": "no"},
                **HTMX,
            )
            assert response.status_code == 404
    foreign_amendment.refresh_from_db()
    assert foreign_amendment.status == "with_sponsors"
    assert not foreign_amendment.supports.exists()


# ---- the asks on the phone's own fragment -------------------------------------------------------


def test_an_invitation_and_a_friendly_question_appear_on_the_phones_own_fragment(plenary):
    committee, members, chair = plenary
    draft = paper(committee, members[4])
    invite(committee, members[4], draft, members[1], as_sponsor=True)
    document = approved_dr(committee, members, chair)
    amendment = with_sponsors(committee, chair, members[6], document)
    html = rendering.draw(FloorView(committee), "phone-self", delegation=members[1])
    assert "DR 1.? — Member 004 asks you to co-sponsor" not in html  # a working paper
    assert "WP 1.? — Member 004 asks you to co-sponsor" in html
    assert f'data-pending="paper-{draft.pk}"' in html
    assert f'data-pending="amendment-{amendment.pk}"' in html
    assert "Amendment 1 to DR 1.1: friendly?" in html
    assert reverse("paper_read", args=[committee.slug, draft.pk]) in html
    # Answered, the question goes from the fragment.
    amend.amendment_answer(
        committee=committee, delegation=members[1], amendment_id=amendment.pk, accept=False
    )
    html = rendering.draw(FloorView(committee), "phone-self", delegation=members[1])
    assert "friendly?" not in html


def test_the_phone_home_links_to_the_papers(plenary):
    committee, members, _chair = plenary
    html = delegate_client(members[0]).get(reverse("delegate_home", args=[committee.slug]))
    assert reverse("paper_list", args=[committee.slug]) in html.content.decode()


# ---- history ------------------------------------------------------------------------------------


def test_the_history_lists_versions_and_shows_what_one_changed(plenary):
    committee, members, chair = plenary
    document = approved_dr(committee, members, chair)
    amendment = with_sponsors(committee, chair, members[6], document)
    for sponsor in members[:2]:
        amend.amendment_answer(
            committee=committee, delegation=sponsor, amendment_id=amendment.pk, accept=True
        )
    client = delegate_client(members[8])
    html = client.get(url("paper_history", committee, document)).content.decode()
    assert html.count('data-testid="version"') == 2
    assert "What version 2 changed from version 1" in html
    assert "Urges training<del> before deployment</del>" in html
    assert "amendment 1" in html and "Member 001" in html
    first = client.get(url("paper_history", committee, document) + "?version=1").content.decode()
    assert "Version 1, as first written" in first
    assert client.get(url("paper_history", committee, document) + "?version=9").status_code == 404


# ---- languages ----------------------------------------------------------------------------------


def test_the_list_reads_in_chinese(plenary):
    committee, members, _chair = plenary
    paper(committee, members[0])
    client = delegate_client(members[0])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get(reverse("paper_list", args=[committee.slug])).content.decode()
    assert "工作文件 1.?" in html
    assert "草稿" in html  # the draft's status
    assert "返回会场" in html


def test_where_the_profile_allows_it_the_phone_amends_a_pending_amendment(plenary):
    committee, members, chair = plenary
    dr = approved_dr(committee, members, chair)
    first = submit_amendment(committee, members[5], dr, "modify", clause_id(dr, 1), "Asks")
    client = delegate_client(members[6])
    page = client.get(url("paper_read", committee, dr)).content.decode()
    assert 'data-testid="amendment-parent"' not in page  # cn_common: first degree only
    committee.rules_profile = "thimun"
    committee.save(update_fields=["rules_profile"])
    page = client.get(url("paper_read", committee, dr)).content.decode()
    assert 'data-testid="amendment-parent"' in page
    assert f'<option value="{first.pk}">Amendment 1 (clause 1)</option>' in page
    answer = client.post(
        url("paper_amendment_submit", committee, dr),
        {
            "change": "modify",
            "target": clause_id(dr, 1),
            "text": "Invites",
            "rationale": "",
            "parent": str(first.pk),
        },
        **HTMX,
    )
    assert answer.status_code == 200
    assert dr.amendments.get(number=2).parent_id == first.pk
