"""The voting-procedure motions raised from a phone and entered by the dais with what they name
(procedure.md §3.2 V1–V6, §6.5): the raise form offers the drafts in voting and their clauses,
bad choices answer 400, the record, the log and the screens name the draft and the parts, and
a carried division puts its parts into the order of voting."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from committee.floor_forms import PhoneMotionRaiseForm, first_error
from committee.log.describe import describe_event
from committee.models import FloorEvent
from committee.models import Motion as MotionRecord
from committee.readmodels.motions import DraftChoices
from committee.selectors import FloorView
from committee.services import motions
from tests.committee.test_floor_motions import raise_seconded
from tests.committee.voting_room import VotingRoom, voting_room
from tests.conftest import delegate_client, user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def room() -> VotingRoom:
    return voting_room()


def url(room: VotingRoom, name: str) -> str:
    return reverse(name, kwargs={"slug": room.committee.slug})


def drawn(room: VotingRoom, region: str, delegation=None, language: str = "en") -> str:
    view = FloorView(room.committee)
    if delegation is not None:
        delegation = view.by_id[str(delegation.pk)]
    return render_regions(view, (region,), delegation=delegation)[language]


def pending(room: VotingRoom):
    return room.doc().motions.pending


def raised_sentence(room: VotingRoom, language: str = "en") -> str:
    event = FloorEvent.objects.filter(committee=room.committee, kind="motion_raised").latest("seq")
    return describe_event(event, language)


def preambular_id(room: VotingRoom) -> str:
    room.dr1.refresh_from_db()
    return room.dr1.versions.get(number=room.dr1.version).body["preambular"][0]["id"]


# ---- raised from a phone, entered by the dais ---------------------------------------------------


def test_a_division_raised_from_a_phone_names_its_draft_and_parts_everywhere(room):
    second, third = room.operative_ids(room.dr1)[1:]
    phone = delegate_client(room.members[2])
    response = phone.post(
        url(room, "delegate_motions_raise"),
        {"code": "divide_question", "target": str(room.dr1.pk), "parts": [third, second]},
        **HTMX,
    )
    assert response.status_code == 200  # the form again, for the next motion
    (motion,) = pending(room)
    assert (motion.target, motion.parts) == (str(room.dr1.pk), (second, third))
    row = MotionRecord.objects.get(floor_id=motion.id)
    assert row.fields == {"target": str(room.dr1.pk), "parts": [second, third]}
    sentence = raised_sentence(room)
    assert sentence.endswith(
        "moved to divide the question on DR 1.1: operative clauses 2, 3 separately"
    )
    assert raised_sentence(room, "zh-hans").endswith(
        "动议对决议草案 1.1 进行分项表决：单独表决执行性条款第 2、3 条"
    )
    named = "Divide the question: DR 1.1, operative clauses 2, 3"
    assert named in drawn(room, "motions")
    assert named in drawn(room, "phone-self", room.members[4])  # asked to second it
    assert "分项表决：决议草案 1.1" in drawn(room, "motions", language="zh-hans")
    motions.motion_second(
        committee=room.committee, motion_id=motion.id, seconder_id=room.members[4].pk
    )
    motions.motion_vote_open(
        committee=room.committee, user=room.chair, motion_id=motion.id, by_phone=False
    )
    assert named in drawn(room, "projector-main")


def test_a_roll_call_vote_raised_from_a_phone_names_its_draft(room):
    phone = delegate_client(room.members[3])
    response = phone.post(
        url(room, "delegate_motions_raise"),
        {"code": "roll_call_vote", "target": str(room.dr2.pk)},
        **HTMX,
    )
    assert response.status_code == 200
    (motion,) = pending(room)
    assert (motion.code.value, motion.target, motion.parts) == (
        "roll_call_vote",
        str(room.dr2.pk),
        (),
    )
    assert MotionRecord.objects.get(floor_id=motion.id).fields == {"target": str(room.dr2.pk)}
    assert raised_sentence(room).startswith("Roll-call vote on DR 1.2 moved by ")
    assert "Roll-call vote: DR 1.2" in drawn(room, "motions")


def test_the_dais_enters_a_reorder_for_a_delegation(room):
    dais = user_client(room.chair)
    order = [str(room.dr2.pk), str(room.dr1.pk)]
    response = dais.post(
        url(room, "floor_motions_raise"),
        {"code": "reorder_drs", "mover": room.members[6].pk, "order": order},
        **HTMX,
    )
    assert response.status_code == 200
    (motion,) = pending(room)
    assert motion.order == tuple(order)
    assert MotionRecord.objects.get(floor_id=motion.id).fields == {"order": order}
    assert raised_sentence(room).endswith(
        "moved to vote on the draft resolutions in this order: DR 1.2, DR 1.1"
    )
    assert "Reorder draft resolutions: DR 1.2, DR 1.1" in drawn(room, "motions")


def test_the_dais_enters_a_division_for_a_delegation(room):
    first = room.operative_ids(room.dr1)[0]
    dais = user_client(room.chair)
    response = dais.post(
        url(room, "floor_motions_raise"),
        {
            "code": "divide_question",
            "mover": room.members[7].pk,
            "target": str(room.dr1.pk),
            "parts": [first],
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert pending(room)[0].parts == (first,)
    assert raised_sentence(room).endswith(
        "moved to divide the question on DR 1.1: operative clause 1 separately"
    )


@pytest.mark.parametrize(
    "post", ["a preambular clause", "a sub-clause", "no clause", "a draft not in voting"]
)
def test_a_phone_naming_a_bad_part_or_draft_answers_400_and_raises_nothing(room, post):
    target, parts = str(room.dr1.pk), [room.operative_ids(room.dr1)[0]]
    if post == "a preambular clause":
        parts = [preambular_id(room)]
    elif post == "a sub-clause":  # this profile divides by whole clauses
        parts = [room.doc().voting.dr(target).subclauses[0]]
    elif post == "no clause":
        parts = []
    else:
        target = str(room.dr2.pk + 100)
    phone = delegate_client(room.members[2])
    response = phone.post(
        url(room, "delegate_motions_raise"),
        {"code": "divide_question", "target": target, "parts": parts},
        **HTMX,
    )
    assert response.status_code == 400
    assert "draft resolution" in response.content.decode()
    assert pending(room) == ()
    assert not MotionRecord.objects.filter(code="divide_question").exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"code": "reorder_drs", "order": ["dr1", "dr1"]},
        {"code": "reorder_drs", "order": ["dr2"]},
        {"code": "divide_question", "target": "dr1", "parts": ["preamble"]},
        {"code": "roll_call_vote", "target": "999999"},
    ],
    ids=["a draft twice", "a draft left out", "a preambular clause", "a draft not in voting"],
)
def test_the_dais_naming_a_bad_order_or_part_answers_400(room, fields):
    names = {"dr1": str(room.dr1.pk), "dr2": str(room.dr2.pk), "preamble": preambular_id(room)}
    data = {
        key: [names.get(v, v) for v in value]
        if isinstance(value, list)
        else names.get(value, value)
        for key, value in fields.items()
    }
    dais = user_client(room.chair)
    response = dais.post(
        url(room, "floor_motions_raise"), {**data, "mover": room.members[6].pk}, **HTMX
    )
    assert response.status_code == 400
    assert pending(room) == ()


def test_the_form_refuses_a_clause_of_another_draft():
    drafts = DraftChoices(("7", "8"), {"7": frozenset({"c1", "c2"}), "8": frozenset({"d1"})})
    data = QueryDict(mutable=True)
    data.update({"code": "divide_question", "target": "7"})
    data.setlist("parts", ["c1", "d1"])
    form = PhoneMotionRaiseForm(data, drafts=drafts)
    assert not form.is_valid()
    assert first_error(form) == (
        "Choose operative clauses of the draft resolution named, each once."
    )
    data.setlist("parts", ["c2", "c1"])
    form = PhoneMotionRaiseForm(data, drafts=drafts)
    assert form.is_valid()
    assert form.motion_fields()["parts"] == ("c2", "c1")
    assert form.motion_fields()["order"] == ()


def test_the_form_leaves_out_what_the_motion_does_not_name():
    drafts = DraftChoices(("7", "8"), {"7": frozenset({"c1"})})
    data = QueryDict(mutable=True)
    data.update({"code": "roll_call_vote", "target": "8"})
    data.setlist("parts", ["c1"])
    data.setlist("order", ["8", "7"])
    form = PhoneMotionRaiseForm(data, drafts=drafts)
    assert form.is_valid()
    assert (form.motion_fields()["parts"], form.motion_fields()["order"]) == ((), ())


# ---- the raise form -----------------------------------------------------------------------------


def form_html(room: VotingRoom, data: dict, *, dais: bool = False) -> str:
    if dais:
        client, name = user_client(room.chair), "floor_motions_form"
    else:
        client, name = delegate_client(room.members[0]), "delegate_motions_form"
    response = client.get(url(room, name), data, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def options(html: str, name: str) -> int:
    return html.count(f'name="{name}"')


def test_the_division_form_offers_the_drafts_in_voting_and_the_chosen_drafts_clauses(room):
    html = form_html(room, {"code": "divide_question", "target": str(room.dr2.pk)})
    assert f'<option value="{room.dr1.pk}">DR 1.1</option>' in html
    assert f'<option value="{room.dr2.pk}" selected>DR 1.2</option>' in html
    # Choosing another draft asks for the form again, with that draft's clauses.
    assert 'name="target"' in html and "hx-get=" in html.split('name="target"')[1].split(">")[0]
    for clause in room.operative_ids(room.dr2):
        assert f'value="{clause}"' in html
    # Not the preamble, nor sub-clauses where a division names whole clauses.
    subclauses = room.doc().voting.dr(str(room.dr2.pk)).subclauses
    for clause in (preambular_id(room), *subclauses):
        assert f'value="{clause}"' not in html
    assert "1 — Requests a report on …" in html
    assert "2 — Urges troop-contributing countries" in html
    assert options(html, "parts") == 3


def test_the_division_form_keeps_the_clauses_ticked_and_offers_sub_clauses_where_divisible():
    room = voting_room(rules={"division_unit": "subclause"})
    first = room.operative_ids(room.dr1)[0]
    data = {"code": "divide_question", "target": str(room.dr1.pk), "parts": [first]}
    html = form_html(room, data, dais=True)
    assert options(html, "parts") == 5  # three clauses and the two sub-clauses of the second
    assert "2(a) — to train personnel" in html
    assert f'value="{first}" data-testid="motion-part" checked' in html


def test_the_roll_call_form_offers_a_draft_and_no_clauses(room):
    html = form_html(room, {"code": "roll_call_vote"})
    assert f'<option value="{room.dr1.pk}" selected>DR 1.1</option>' in html
    assert options(html, "target") == 1 and options(html, "parts") == 0


def test_the_reorder_form_has_a_select_per_place_in_the_order_of_voting(room):
    html = form_html(room, {"code": "reorder_drs"})
    assert options(html, "order") == 2 and options(html, "target") == 0
    places = html.split('data-testid="motion-order-place"')[1:]
    assert f'<option value="{room.dr1.pk}" selected>' in places[0]
    assert f'<option value="{room.dr2.pk}" selected>' in places[1]
    again = form_html(
        room, {"code": "reorder_drs", "order": [str(room.dr2.pk), str(room.dr1.pk)]}, dais=True
    )
    places = again.split('data-testid="motion-order-place"')[1:]
    assert f'<option value="{room.dr2.pk}" selected>' in places[0]


def test_the_phone_and_the_dais_offer_the_voting_procedure_motions(room):
    phone = drawn(room, "phone-self", room.members[0])
    assert 'value="divide_question"' in phone and 'value="roll_call_vote"' in phone
    # The form first shows the first motion with what it names.
    assert 'data-testid="motion-order"' in phone or 'data-testid="motion-target"' in phone
    assert 'value="reorder_drs"' in drawn(room, "motions")


# ---- carried ------------------------------------------------------------------------------------


def test_a_carried_division_puts_the_parts_into_the_order_of_voting(room):
    second, third = room.operative_ids(room.dr1)[1:]
    committee, members = room.committee, room.members
    motion_id = raise_seconded(
        committee,
        members[2],
        members[4],
        "divide_question",
        target=str(room.dr1.pk),
        parts=(third, second),
    )
    motions.motion_vote_open(
        committee=committee, user=room.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=committee, user=room.chair, yes=7, no=2)
    state = room.doc().voting
    assert state is not None and state.dr(str(room.dr1.pk)).divided
    dr1, dr2 = room.dr1.pk, room.dr2.pk
    assert [item.ref for item in state.items] == [
        f"am:{room.amendment.pk}",
        f"part:{dr1}:{second}",
        f"part:{dr1}:{third}",
        f"dr:{dr1}",
        f"dr:{dr2}",
    ]
