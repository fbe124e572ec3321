"""The working-paper editor on a delegation's phone: starting a paper, saving with the clauses'
ids kept, a save that crosses another sponsor's, the paste import, and every refusal."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from committee.models import Delegation, Document, DocumentVersion, FloorEvent
from committee.resolutions.splitter import MAX_CHARACTERS
from committee.services import documents as docs
from tests import factories
from tests.conftest import delegate_client

pytestmark = pytest.mark.django_db

BODY = {
    "preambular": [{"text": "Recalling its resolution 49/37 of 9 December 1994"}],
    "operative": [
        {"text": "Requests the Secretary-General to report on rapid deployment", "children": []},
        {
            "text": "Urges troop-contributing countries",
            "children": [{"text": "to train personnel before deployment", "children": []}],
        },
    ],
}

ENGLISH_PASTE = """Draft resolution 1.1
Sponsors: Argentina, Canada
Topic: Reform of UN Peacekeeping

The Special Committee on Peacekeeping Operations,

Recalling its resolution 49/37 of 9 December 1994,

Deeply concerned by the delays in deploying peacekeeping personnel,

1. Requests the Secretary-General to report on rapid deployment capacities;
2. Urges troop-contributing countries to:
(a) train personnel before deployment;
(b) share best practices, including:
(i) language training;
(ii) gender-sensitive training;
3. Decides to remain seized of the matter.
Please project this version after the break
"""

CHINESE_PASTE = """维持和平行动特别委员会，

回顾其1994年12月9日第49/37号决议，

深感关切维和人员部署的延误，

1. 请秘书长报告快速部署能力；
2. 敦促部队派遣国：
（a）在部署前培训人员；
（b）分享最佳做法；
3. 决定继续处理此案。
请在休会后投影此版本
"""


@pytest.fixture
def cosponsor(committee_x) -> Delegation:
    return factories.delegation(committee_x, "Gammaland")


@pytest.fixture
def author_phone(delegation_a) -> Client:
    return delegate_client(delegation_a)


def topic_id(committee) -> int:
    return committee.topics.get().pk


def paper(committee, author, body=BODY, title="Rapid deployment") -> Document:
    return docs.document_create(
        committee=committee, delegation=author, topic_id=topic_id(committee), title=title, body=body
    )


def with_cosponsor(committee, author, document, cosponsor) -> None:
    docs.signature_invite(
        committee=committee,
        delegation=author,
        document_id=document.pk,
        invitee_id=cosponsor.pk,
        as_sponsor=True,
    )
    docs.signature_answer(
        committee=committee, delegation=cosponsor, document_id=document.pk, accept=True
    )


def edit_url(document) -> str:
    return reverse("paper_edit", args=[document.committee.slug, document.pk])


def save_url(document) -> str:
    return reverse("paper_save", args=[document.committee.slug, document.pk])


def stored(document) -> DocumentVersion:
    document.refresh_from_db()
    return document.versions.get(number=document.version)


def save(client, document, body, base_version, title="Rapid deployment", **extra):
    data = {"title": title, "body": json.dumps(body), "base_version": base_version, **extra}
    return client.post(save_url(document), data, HTTP_HX_REQUEST="true")


def clause_ids_in(html: str) -> list[str]:
    return re.findall(r'data-clause-id="([^"]+)"', html)


def between(html: str, start: str, end: str) -> str:
    """The part of the page after the first `start` and before the next `end`."""
    return html.split(start, 1)[1].split(end, 1)[0]


def texts(body) -> list:
    def walk(items):
        return [(item["text"], walk(item.get("children") or [])) for item in items]

    return [walk(body["preambular"]), walk(body["operative"])]


# ---- starting a paper --------------------------------------------------------------------------


def test_the_new_paper_page_preselects_the_only_topic_and_offers_one_clause_of_each_part(
    committee_x, author_phone
):
    response = author_phone.get(reverse("paper_new", args=[committee_x.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    topic = committee_x.topics.get()
    assert f'name="topic" value="{topic.pk}"' in html
    preambular = between(html, 'data-testid="editor-preambular"', "</ol>")
    operative = between(html, 'data-testid="editor-operative"', "</ol>")
    assert preambular.count("data-clause-text") == 1
    assert operative.count("data-clause-text") == 1
    assert ">PP1</span>" in html and ">1</span>" in html
    # Each clause shows its limit; the paste box shows its own.
    assert "0 / 2000" in html
    assert f"0 / {MAX_CHARACTERS}" in html


def test_creating_a_paper_makes_the_delegation_its_sponsor_and_opens_the_editor(
    committee_x, delegation_a, author_phone
):
    body = {
        "preambular": [{"key": "n1", "text": "Recalling the Charter"}],
        "operative": [{"key": "n2", "text": "Requests a report", "children": []}],
    }
    response = author_phone.post(
        reverse("paper_new", args=[committee_x.slug]),
        {"topic": topic_id(committee_x), "title": "Reports", "body": json.dumps(body)},
    )
    document = Document.objects.get(committee=committee_x)
    assert response.status_code == 302
    assert response["Location"] == edit_url(document)
    assert (document.title, document.author, document.status) == ("Reports", delegation_a, "draft")
    version = stored(document)
    assert version.source == "written"
    assert texts(version.body) == [[("Recalling the Charter", [])], [("Requests a report", [])]]


def test_a_new_paper_with_an_empty_clause_is_refused_and_its_text_is_shown_again(
    committee_x, author_phone
):
    body = {
        "preambular": [{"text": "Recalling the Charter"}],
        "operative": [{"text": "   ", "children": []}],
    }
    response = author_phone.post(
        reverse("paper_new", args=[committee_x.slug]),
        {"topic": topic_id(committee_x), "title": "Reports", "body": json.dumps(body)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A clause is empty: write its text or remove it." in html
    assert "Recalling the Charter</textarea>" in html
    assert not Document.objects.exists()


def test_a_new_paper_without_a_topic_of_this_committee_is_refused(
    committee_x, committee_y, author_phone
):
    response = author_phone.post(
        reverse("paper_new", args=[committee_x.slug]),
        {"topic": topic_id(committee_y), "title": "", "body": json.dumps(BODY)},
    )
    assert response.status_code == 400
    assert "Choose a topic." in response.content.decode()
    assert not Document.objects.exists()


# ---- the editor --------------------------------------------------------------------------------


def test_the_editor_shows_the_heading_and_every_clause_with_its_id_and_label(
    committee_x, delegation_a, author_phone
):
    document = paper(committee_x, delegation_a)
    ids = [
        stored(document).body["preambular"][0]["id"],
        *(c["id"] for c in stored(document).body["operative"]),
    ]
    response = author_phone.get(edit_url(document))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="editor-heading"' in html
    assert committee_x.display_name() in html
    assert committee_x.topics.get().display_title() in html
    assert delegation_a.display_name() in html
    assert set(ids) <= set(clause_ids_in(html))
    for label in ("PP1", "1", "2", "2(a)"):
        assert f">{label}</span>" in html
    assert "to train personnel before deployment</textarea>" in html
    assert f'id="editor-base-version" value="{document.version}"' in html
    # The body travels as JSON in the form's hidden field, ids included.
    assert "data-editor-body" in html and ids[0] in html


def test_a_save_keeps_the_ids_of_known_clauses_and_names_the_new_ones(
    committee_x, delegation_a, author_phone
):
    document = paper(committee_x, delegation_a)
    first = stored(document).body
    kept = first["operative"][1]
    body = {
        "preambular": first["preambular"],
        "operative": [
            {
                "id": kept["id"],
                "text": kept["text"],
                "children": [
                    {"id": kept["children"][0]["id"], "text": "to train personnel", "children": []},
                    {"key": "n7", "text": "to share best practices", "children": []},
                ],
            },
            {"key": "n8", "text": "Decides to remain seized of the matter", "children": []},
        ],
    }
    response = save(author_phone, document, body, base_version=1)
    assert response.status_code == 200
    version = stored(document)
    assert version.number == 2
    saved = version.body["operative"]
    assert saved[0]["id"] == kept["id"]
    assert saved[0]["children"][0]["id"] == kept["children"][0]["id"]
    html = response.content.decode()
    assert "Saved as version 2 at" in html
    # The next save is based on the new version, and the page learns the new clauses' ids.
    assert re.search(r'id="editor-base-version" value="2" hx-swap-oob="true"', html)
    trigger = json.loads(response["HX-Trigger"])
    assert trigger["editor-saved"]["ids"] == {
        "n7": saved[0]["children"][1]["id"],
        "n8": saved[1]["id"],
    }
    assert FloorEvent.objects.filter(committee=committee_x).last().kind == "document_edited"


def test_an_autosave_of_the_stored_text_saves_nothing(committee_x, delegation_a, author_phone):
    document = paper(committee_x, delegation_a)
    response = save(author_phone, document, stored(document).body, base_version=1)
    assert response.status_code == 200
    assert "Nothing new to save." in response.content.decode()
    assert document.versions.count() == 1


def test_a_save_over_another_sponsors_save_is_a_conflict_that_saves_nothing_and_shows_both(
    committee_x, delegation_a, cosponsor, author_phone
):
    document = paper(committee_x, delegation_a)
    with_cosponsor(committee_x, delegation_a, document, cosponsor)
    first = stored(document).body
    theirs = json.loads(json.dumps(first))
    theirs["operative"][0]["text"] = "Requests the Secretary-General to report by June"
    docs.document_save(
        committee=committee_x,
        delegation=cosponsor,
        document_id=document.pk,
        title="Rapid deployment",
        body=theirs,
        base_version=1,
    )
    mine = json.loads(json.dumps(first))
    mine["operative"][0]["text"] = "Requests the Secretary-General to report every year"

    response = save(author_phone, document, mine, base_version=1, title="My title")

    assert response.status_code == 409
    assert response["HX-Retarget"] == "#editor-conflict"
    html = response.content.decode()
    theirs_part = between(html, 'data-testid="conflict-theirs"', 'data-testid="conflict-yours"')
    yours_part = between(html, 'data-testid="conflict-yours"', 'id="conflict-choices"')
    assert "report by June" in theirs_part
    assert "report every year" in yours_part and "My title" in yours_part
    assert "Gammaland" in theirs_part
    # Both ways on: load theirs (an htmx GET of the editor) or keep mine over version 2.
    assert 'data-testid="conflict-load-theirs"' in html
    assert 'name="base_version" value="2"' in html
    keep_mine = between(html, 'id="conflict-choices"', 'data-testid="conflict-keep-mine"')
    assert "report every year" in keep_mine
    document.refresh_from_db()
    assert document.version == 2
    assert stored(document).body["operative"][0]["text"].endswith("by June")


def test_keep_mine_saves_the_delegates_text_over_theirs_and_closes_the_panel(
    committee_x, delegation_a, cosponsor, author_phone
):
    document = paper(committee_x, delegation_a)
    with_cosponsor(committee_x, delegation_a, document, cosponsor)
    first = stored(document).body
    theirs = json.loads(json.dumps(first))
    theirs["operative"][0]["text"] = "Requests the Secretary-General to report by June"
    docs.document_save(
        committee=committee_x,
        delegation=cosponsor,
        document_id=document.pk,
        title="Rapid deployment",
        body=theirs,
        base_version=1,
    )
    mine = json.loads(json.dumps(first))
    mine["operative"][0]["text"] = "Requests the Secretary-General to report every year"
    assert save(author_phone, document, mine, base_version=1).status_code == 409

    response = save(author_phone, document, mine, base_version=2, keep_mine="1")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Saved as version 3 at" in html
    assert (
        '<div id="editor-conflict" class="editor-conflict" aria-live="polite" hx-swap-oob="true">'
        in html
    )
    version = stored(document)
    assert version.number == 3
    assert version.body["operative"][0]["text"].endswith("every year")
    # Their version is still there, in the history.
    assert document.versions.get(number=2).body["operative"][0]["text"].endswith("by June")


def test_load_their_version_sends_the_editor_alone_and_leaves_the_panel_with_a_note(
    committee_x, delegation_a, author_phone
):
    document = paper(committee_x, delegation_a)
    response = author_phone.get(edit_url(document), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form id="editor-form"')
    assert "<html" not in html
    assert 'id="conflict-choices"' in html and 'hx-swap-oob="true"' in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"preambular": [], "operative": [{"text": " ", "children": []}]},
            "A clause is empty: write its text or remove it.",
        ),
        (
            {
                "preambular": [],
                "operative": [
                    {
                        "text": "Urges",
                        "children": [
                            {
                                "text": "a",
                                "children": [
                                    {"text": "i", "children": [{"text": "deeper", "children": []}]}
                                ],
                            }
                        ],
                    }
                ],
            },
            "Sub-clauses may be nested at most 3 levels deep.",
        ),
        (
            {"preambular": [], "operative": [{"text": "x" * 2001, "children": []}]},
            "A clause may be at most 2000 characters long.",
        ),
    ],
)
def test_a_text_the_format_does_not_allow_is_refused_with_the_reason_and_nothing_saved(
    committee_x, delegation_a, author_phone, body, message
):
    document = paper(committee_x, delegation_a)
    response = save(author_phone, document, body, base_version=1)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert document.versions.count() == 1


def test_a_body_that_is_not_json_is_refused(committee_x, delegation_a, author_phone):
    document = paper(committee_x, delegation_a)
    response = author_phone.post(
        save_url(document),
        {"title": "x", "body": "{not json", "base_version": 1},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "The text could not be read." in response.content.decode()
    assert document.versions.count() == 1


def test_a_delegation_that_may_see_the_paper_but_not_sponsor_it_is_told_why(
    committee_x, delegation_a, cosponsor
):
    document = paper(committee_x, delegation_a)
    docs.signature_invite(
        committee=committee_x,
        delegation=delegation_a,
        document_id=document.pk,
        invitee_id=cosponsor.pk,
        as_sponsor=False,
    )
    phone = delegate_client(cosponsor)

    page = phone.get(edit_url(document))
    saved = save(phone, document, BODY, base_version=1)

    assert page.status_code == 403
    assert "Only the sponsors of" in page.content.decode()
    assert saved.status_code == 403
    assert "Only the sponsors of" in saved.content.decode()
    assert document.versions.count() == 1


def test_a_paper_the_delegation_may_not_see_does_not_exist_for_it(
    committee_x, delegation_a, cosponsor
):
    document = paper(committee_x, delegation_a)
    phone = delegate_client(cosponsor)
    assert phone.get(edit_url(document)).status_code == 404
    assert save(phone, document, BODY, base_version=1).status_code == 404


def test_a_submitted_paper_is_not_editable(committee_x, delegation_a, author_phone):
    document = paper(committee_x, delegation_a)
    docs.document_submit(
        committee=committee_x,
        delegation=delegation_a,
        document_id=document.pk,
        as_draft_resolution=False,
    )
    page = author_phone.get(edit_url(document))
    saved = save(author_phone, document, BODY, base_version=1)
    assert page.status_code == 409
    assert 'data-testid="editor-refused"' in page.content.decode()
    assert saved.status_code == 409
    assert document.versions.count() == 1


def test_another_committees_delegation_is_turned_away(committee_x, delegation_a, delegation_b):
    document = paper(committee_x, delegation_a)
    assert delegate_client(delegation_b).get(edit_url(document)).status_code == 403


# ---- importing a paste -------------------------------------------------------------------------


def preview(client, committee, text, **extra):
    data = {"text": text, "topic": topic_id(committee), "title": "Imported", **extra}
    return client.post(reverse("paper_paste_preview", args=[committee.slug]), data)


def test_a_pasted_english_resolution_is_shown_as_a_tree_with_the_lines_it_could_not_place(
    committee_x, author_phone
):
    response = preview(author_phone, committee_x, ENGLISH_PASTE)
    html = response.content.decode()
    assert response.status_code == 200
    tree = between(html, 'data-testid="paste-tree"', 'data-testid="paste-unplaced"')
    for label, text in [
        ("PP1", "Recalling its resolution 49/37 of 9 December 1994"),
        ("PP2", "Deeply concerned by the delays in deploying peacekeeping personnel"),
        ("1", "Requests the Secretary-General to report on rapid deployment capacities"),
        ("2(a)", "train personnel before deployment"),
        ("2(b)(ii)", "gender-sensitive training"),
        ("3", "Decides to remain seized of the matter"),
    ]:
        assert re.search(
            rf'paper-tree__label">{re.escape(label)}</span> <span class="paper-tree__text">'
            rf"{re.escape(text)}</span>",
            tree,
        ), label
    unplaced = between(html, 'data-testid="paste-unplaced"', "</section>")
    assert "Please project this version after the break" in unplaced
    assert "2 preambular clauses" in html and "3 operative clauses" in html
    assert not Document.objects.exists()


def test_confirming_a_pasted_chinese_text_creates_an_imported_paper(
    committee_x, delegation_a, author_phone
):
    response = preview(author_phone, committee_x, CHINESE_PASTE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "请在休会后投影此版本" in html.split('data-testid="paste-unplaced"')[1]
    assert re.search(
        r'paper-tree__label">2\(b\)</span> <span class="paper-tree__text">分享最佳做法', html
    )
    confirm = between(html, 'data-testid="paste-preview"', 'data-testid="paste-confirm"')
    body = re.search(r'name="body" value="([^"]*)"', confirm)[1].replace("&quot;", '"')

    created = author_phone.post(
        reverse("paper_new", args=[committee_x.slug]),
        {"topic": topic_id(committee_x), "title": "Imported", "body": body, "imported": "1"},
    )

    document = Document.objects.get(committee=committee_x)
    assert created.status_code == 302
    version = stored(document)
    assert version.source == "imported"
    assert texts(version.body)[1][1] == (
        "敦促部队派遣国",
        [("在部署前培训人员", []), ("分享最佳做法", [])],
    )
    assert FloorEvent.objects.filter(committee=committee_x).last().kind == "document_created"


def test_a_paste_confirmed_into_a_draft_replaces_its_text_as_an_imported_version(
    committee_x, delegation_a, author_phone
):
    document = paper(committee_x, delegation_a)
    response = preview(author_phone, committee_x, ENGLISH_PASTE, document=document.pk)
    html = response.content.decode()
    assert response.status_code == 200
    assert save_url(document) in html
    body = re.search(r'name="body" value="([^"]*)"', html)[1].replace("&quot;", '"')

    confirmed = author_phone.post(
        save_url(document),
        {"title": document.title, "body": body, "base_version": 1, "imported": "1"},
    )

    assert confirmed.status_code == 302
    assert confirmed["Location"] == edit_url(document)
    version = stored(document)
    assert (version.number, version.source) == (2, "imported")
    assert [c["text"] for c in version.body["operative"]][-1] == (
        "Decides to remain seized of the matter"
    )
    assert FloorEvent.objects.filter(committee=committee_x).last().kind == "document_imported"


def test_edit_the_paste_shows_the_text_again_in_the_paste_box(committee_x, author_phone):
    response = preview(author_phone, committee_x, ENGLISH_PASTE, edit="1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please project this version after the break\n</textarea>" in html
    assert 'data-testid="paper-new-form"' in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Paste the text of a resolution: this is empty."),
        ("\x01\x02\x03\x04" * 50, "This does not look like text. Paste the words, not a file."),
        (
            "Recalling " * (MAX_CHARACTERS // 10 + 1),
            f"This is too long: at most {MAX_CHARACTERS} characters can be pasted at once.",
        ),
    ],
)
def test_an_empty_binary_or_oversized_paste_is_refused_with_a_field_message(
    committee_x, delegation_a, author_phone, text, message
):
    document = paper(committee_x, delegation_a)
    for extra in ({}, {"document": document.pk}):
        response = preview(author_phone, committee_x, text, **extra)
        assert response.status_code == 400
        html = response.content.decode()
        assert 'data-testid="paste-error"' in html
        assert message in html
    assert Document.objects.count() == 1
    assert document.versions.count() == 1


# ---- languages ---------------------------------------------------------------------------------


def test_the_editor_is_drawn_in_chinese_for_a_chinese_phone(
    committee_x, delegation_a, author_phone
):
    document = paper(committee_x, delegation_a)
    author_phone.cookies["django_language"] = "zh-hans"
    response = author_phone.get(edit_url(document))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-hans"' in html
    for chinese in ("起草国", "保存", "标题", "返回会场"):
        assert chinese in html
    with translation.override("zh-hans"):
        for english in ("Preambular clauses", "Operative clauses", "Replace with pasted text"):
            assert translation.gettext(english) in html
