"""Motions on the live floor: raising, screening, merging, precedence, withdrawal, rulings."""

import pytest
from django.urls import reverse

from committee.procedure.errors import ProcedureError
from committee.selectors import FloorView
from committee.services import floor, motions
from tests import factories
from tests.conftest import user_client
from tests.regions import render_regions


def open_floor(names=("Alpha", "Beta", "Gamma"), *, absent=(), observers=(), **committee_fields):
    """A committee in formal debate (GSL) with the named delegations present."""
    committee = factories.committee(**committee_fields)
    members = factories.delegations(committee, [n for n in names if n not in observers])
    extra = factories.delegations(committee, list(observers), kind="observer") if observers else []
    user = factories.dais_user(committee)
    floor.session_open(committee=committee, user=user)
    floor.roll_call_start(committee=committee, user=user)
    by_name = {d.name: d for d in [*members, *extra]}
    for name, delegation in by_name.items():
        if name not in absent:
            floor.attendance_set(
                committee=committee, delegation_id=delegation.pk, status="present", user=user
            )
    floor.roll_call_close(committee=committee, user=user)
    return committee, user, by_name


def doc_of(committee):
    return FloorView(committee).doc


def raise_motion(committee, mover, code, **fields):
    motions.motion_raise(
        committee=committee, code=code, mover_id=mover.pk, delegation=mover, **fields
    )
    doc = doc_of(committee)
    # The newest motion, on the floor or waiting for its mover (over the caps).
    newest = max(
        (*doc.motions.motions, *(o.motion for o in doc.motion_offers)), key=lambda m: m.seq
    )
    return newest.id


def raise_seconded(committee, mover, seconder, code, **fields):
    motion_id = raise_motion(committee, mover, code, **fields)
    if not any(row.id == motion_id and row.needs_second for row in queue_of(committee)):
        return motion_id  # this profile needs no second
    motions.motion_second(
        committee=committee, motion_id=motion_id, seconder_id=seconder.pk, delegation=seconder
    )
    return motion_id


def queue_of(committee):
    return FloorView(committee).motions_panel.queue


def panel_html(committee, region="motions", delegation=None):
    view = FloorView(committee)
    if delegation is not None:
        delegation = view.by_id[str(delegation.pk)]
    return render_regions(view, (region,), delegation=delegation)["en"]


# ---- raising from a phone -----------------------------------------------------------------------


@pytest.mark.django_db
def test_delegate_raises_a_moderated_caucus_from_the_phone(make_delegate_client):
    committee, _user, d = open_floor()
    client = make_delegate_client(d["Alpha"])
    response = client.post(
        reverse("delegate_motions_raise", args=[committee.slug]),
        {
            "code": "moderated_caucus",
            "total_minutes": "10",
            "speaker_seconds": "60",
            "topic": "Mandates",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # a fresh, empty form for the next motion
    assert 'data-testid="motion-raise-form"' in response.content.decode()
    (motion,) = doc_of(committee).motions.pending
    assert (motion.code, motion.total_seconds, motion.speaker_seconds) == (
        "moderated_caucus",
        600,
        60,
    )
    assert motion.mover == str(d["Alpha"].pk)
    html = panel_html(committee)
    assert "Moderated caucus" in html and "10:00 total" in html and "1:00 per speaker" in html
    assert "needs a second" in html
    # Every other present delegation may second it on its phone; the mover may not.
    assert 'data-testid="motion-second"' in panel_html(committee, "phone-self", d["Beta"])
    assert 'data-testid="motion-second"' not in panel_html(committee, "phone-self", d["Alpha"])


@pytest.mark.django_db
def test_the_form_of_a_chosen_motion_asks_for_its_fields(make_delegate_client):
    committee, _user, d = open_floor()
    client = make_delegate_client(d["Alpha"])
    url = reverse("delegate_motions_form", args=[committee.slug])
    caucus = client.get(url, {"code": "moderated_caucus"}).content.decode()
    assert 'name="total_minutes"' in caucus and 'name="speaker_seconds"' in caucus
    assert 'name="topic"' in caucus
    speaking_time = client.get(url, {"code": "set_speaking_time"}).content.decode()
    assert 'name="speaker_seconds"' in speaking_time and 'name="topic"' not in speaking_time


@pytest.mark.django_db
def test_a_motion_in_the_wrong_phase_is_refused_with_the_reason(make_delegate_client):
    committee, user, d = open_floor()
    floor.roll_call_start(committee=committee, user=user)  # roll call again: no caucus now
    response = make_delegate_client(d["Alpha"]).post(
        reverse("delegate_motions_raise", args=[committee.slug]),
        {"code": "unmoderated_caucus", "total_minutes": "5", "topic": "Lobbying"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "is not in order now" in response.content.decode()
    assert doc_of(committee).motions.motions == ()


@pytest.mark.django_db
def test_bad_times_are_refused_before_reaching_the_floor(make_delegate_client):
    committee, _user, d = open_floor()
    response = make_delegate_client(d["Alpha"]).post(
        reverse("delegate_motions_raise", args=[committee.slug]),
        {"code": "unmoderated_caucus", "total_minutes": "ten", "topic": "x"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "minutes" in response.content.decode()


@pytest.mark.django_db
def test_an_absent_delegation_cannot_raise_a_motion():
    committee, _user, d = open_floor(absent=("Gamma",))
    with pytest.raises(ProcedureError) as refused:
        raise_motion(committee, d["Gamma"], "suspend_meeting")
    assert refused.value.code == "not_present"
    assert refused.value.facts["delegation"] == "Gamma"  # named, not an id


@pytest.mark.django_db
def test_over_the_caps_the_mover_accepts_the_chairs_suggestion(make_delegate_client):
    committee, _user, d = open_floor()
    raise_motion(
        committee,
        d["Alpha"],
        "moderated_caucus",
        total_seconds=30 * 60,
        speaker_seconds=60,
        topic="Budget",
    )
    doc = doc_of(committee)
    assert doc.motions.motions == ()  # not on the floor until the mover answers
    (offer,) = doc.motion_offers
    assert offer.suggestion.total_seconds == 20 * 60  # mod_total_max in cn_common
    phone = panel_html(committee, "phone-self", d["Alpha"])
    assert "is over the limits" in phone and "30:00 → 20:00" in phone
    assert 'data-testid="phone-offer"' not in panel_html(committee, "phone-self", d["Beta"])

    response = make_delegate_client(d["Alpha"]).post(
        reverse("delegate_motions_answer", args=[committee.slug]),
        {"motion_id": offer.motion.id, "answer": "accept"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    doc = doc_of(committee)
    (motion,) = doc.motions.pending
    assert motion.total_seconds == 20 * 60
    assert doc.motion_offers == ()


@pytest.mark.django_db
def test_over_the_caps_the_mover_refuses_and_the_motion_is_out_of_order():
    committee, _user, d = open_floor()
    raise_motion(committee, d["Alpha"], "unmoderated_caucus", total_seconds=60 * 60, topic="x")
    offer = doc_of(committee).motion_offers[0]
    motions.motion_offer_answer(
        committee=committee, motion_id=offer.motion.id, accept=False, delegation=d["Alpha"]
    )
    doc = doc_of(committee)
    assert doc.motions.pending == ()
    assert [m.status for m in doc.motions.motions] == ["out_of_order"]
    assert "out of order" in panel_html(committee)


@pytest.mark.django_db
def test_only_the_mover_answers_the_suggestion(make_delegate_client):
    committee, _user, d = open_floor()
    raise_motion(committee, d["Alpha"], "unmoderated_caucus", total_seconds=60 * 60, topic="x")
    offer = doc_of(committee).motion_offers[0]
    response = make_delegate_client(d["Beta"]).post(
        reverse("delegate_motions_answer", args=[committee.slug]),
        {"motion_id": offer.motion.id, "answer": "accept"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "acts only for itself" in response.content.decode()
    assert doc_of(committee).motion_offers == (offer,)


@pytest.mark.django_db
def test_the_chairs_friendly_change_needs_the_movers_acceptance():
    committee, user, d = open_floor()
    motion_id = raise_seconded(
        committee,
        d["Alpha"],
        d["Beta"],
        "moderated_caucus",
        total_seconds=600,
        speaker_seconds=90,
        topic="Mandates",
    )
    response = user_client(user).post(
        reverse("floor_motions_suggest", args=[committee.slug]),
        {"motion_id": motion_id, "total_minutes": "6", "speaker_seconds": "60"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert "Suggested change, waiting for the mover" in panel_html(committee)
    with pytest.raises(ProcedureError) as refused:  # not voted while the mover has not answered
        motions.motion_vote_open(
            committee=committee, user=None, motion_id=motion_id, by_phone=False
        )
    assert refused.value.code == "change_awaiting_mover"
    motions.motion_offer_answer(
        committee=committee, motion_id=motion_id, accept=True, delegation=d["Alpha"]
    )
    (motion,) = doc_of(committee).motions.pending
    assert (motion.total_seconds, motion.speaker_seconds, motion.topic) == (360, 60, "Mandates")
    assert motion.seconder == str(d["Beta"].pk)  # still seconded


# ---- merging, precedence, withdrawal ------------------------------------------------------------


@pytest.mark.django_db
def test_identical_motions_merge_and_record_every_mover():
    committee, _user, d = open_floor()
    raise_motion(committee, d["Alpha"], "unmoderated_caucus", total_seconds=300, topic="Lobby")
    raise_motion(committee, d["Beta"], "unmoderated_caucus", total_seconds=300, topic=" lobby ")
    (motion,) = doc_of(committee).motions.motions
    assert motion.movers == (str(d["Alpha"].pk), str(d["Beta"].pk))
    html = panel_html(committee)
    assert "Alpha" in html and "Beta" in html
    assert "merged, now moved by Alpha, Beta" in panel_html(committee, "log")


@pytest.mark.django_db
def test_the_queue_is_sorted_by_precedence_with_caucus_tie_breaks():
    committee, _user, d = open_floor()
    alpha, beta = d["Alpha"], d["Beta"]
    raise_motion(committee, alpha, "set_speaking_time", speaker_seconds=60)
    raise_motion(
        committee, alpha, "moderated_caucus", total_seconds=300, speaker_seconds=60, topic="A"
    )
    raise_motion(
        committee, beta, "moderated_caucus", total_seconds=600, speaker_seconds=60, topic="B"
    )
    raise_motion(committee, beta, "unmoderated_caucus", total_seconds=300, topic="C")
    raise_seconded(committee, alpha, beta, "suspend_meeting")
    queue = FloorView(committee).motions_panel.queue
    assert [(row.code, row.motion.total_seconds) for row in queue] == [
        ("suspend_meeting", None),
        ("unmoderated_caucus", 300),
        ("moderated_caucus", 600),  # the longer moderated caucus first
        ("moderated_caucus", 300),
        ("set_speaking_time", None),
    ]
    html = panel_html(committee)
    positions = [html.index(f'data-motion="{row.id}"') for row in queue]
    assert positions == sorted(positions)
    # Only the top motion, seconded, can be put to a vote; "v" puts it by placard.
    assert html.count('data-shortcut="v"') == 1
    assert html.index('data-shortcut="v"') > positions[0]
    assert html.index('data-shortcut="v"') < positions[1]


@pytest.mark.django_db
def test_the_mover_withdraws_until_the_vote_starts(make_delegate_client):
    committee, user, d = open_floor()
    first = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    client = make_delegate_client(d["Alpha"])
    url = reverse("delegate_motions_withdraw", args=[committee.slug])
    assert client.post(url, {"motion_id": first}, HTTP_HX_REQUEST="true").status_code == 204
    assert doc_of(committee).motions.get(first).status == "withdrawn"

    second = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    motions.motion_vote_open(committee=committee, user=user, motion_id=second, by_phone=False)
    response = client.post(url, {"motion_id": second}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert doc_of(committee).motions.get(second).status == "voting"


@pytest.mark.django_db
def test_a_delegate_cannot_act_for_another_delegation(make_delegate_client):
    committee, _user, d = open_floor()
    motion_id = raise_motion(committee, d["Alpha"], "suspend_meeting")
    beta = make_delegate_client(d["Beta"])
    response = beta.post(
        reverse("delegate_motions_withdraw", args=[committee.slug]),
        {"motion_id": motion_id},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "Beta did not move" in response.content.decode()
    alpha = make_delegate_client(d["Alpha"])
    response = alpha.post(
        reverse("delegate_motions_second", args=[committee.slug]),
        {"motion_id": motion_id},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409  # the mover cannot second its own motion
    with pytest.raises(ProcedureError) as refused:  # nor raise a motion in another's name
        motions.motion_raise(
            committee=committee,
            code="suspend_meeting",
            mover_id=d["Beta"].pk,
            delegation=d["Alpha"],
        )
    assert refused.value.code == "acts_only_for_itself"
    assert doc_of(committee).motions.get(motion_id).status == "pending"


@pytest.mark.django_db
def test_the_dais_enters_a_motion_for_a_delegation_and_records_the_second():
    committee, user, d = open_floor()
    response = user_client(user).post(
        reverse("floor_motions_raise", args=[committee.slug]),
        {
            "code": "unmoderated_caucus",
            "mover": d["Gamma"].pk,
            "total_minutes": "1.5",
            "topic": "Drafting",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    (motion,) = doc_of(committee).motions.pending
    assert (motion.mover, motion.total_seconds) == (str(d["Gamma"].pk), 90)
    response = user_client(user).post(
        reverse("floor_motions_second", args=[committee.slug]),
        {"motion_id": motion.id, "seconder": d["Alpha"].pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert doc_of(committee).motions.get(motion.id).seconder == str(d["Alpha"].pk)
    assert "seconded by Alpha" in panel_html(committee)


# ---- rulings and appeals ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_ruling_out_of_order_is_appealed_and_overturned(make_delegate_client):
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    motions.motion_rule(
        committee=committee, user=user, motion_id=motion_id, decision="out_of_order"
    )
    assert doc_of(committee).motions.get(motion_id).status == "out_of_order"
    phone = panel_html(committee, "phone-self", d["Alpha"])
    assert "Appeal the ruling" in phone

    response = make_delegate_client(d["Alpha"]).post(
        reverse("delegate_motions_appeal", args=[committee.slug]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    doc = doc_of(committee)
    assert doc.motion_ruling.ruling.state == "under_appeal"
    (appeal,) = doc.motions.pending
    assert appeal.code == "appeal"
    with pytest.raises(ProcedureError) as refused:  # the ruling is frozen until the appeal vote
        motions.motion_rule(
            committee=committee, user=user, motion_id=appeal.id, decision="dilatory"
        )
    assert refused.value.code == "ruling_under_appeal"
    motions.motion_second(
        committee=committee, motion_id=appeal.id, seconder_id=d["Gamma"].pk, delegation=d["Gamma"]
    )
    motions.motion_vote_open(committee=committee, user=user, motion_id=appeal.id, by_phone=False)
    motions.motion_vote_close(committee=committee, user=user, yes=2, no=1)  # ⅔ of 3 present
    doc = doc_of(committee)
    assert doc.motion_ruling.ruling.state == "overturned"
    assert doc.motions.get(motion_id).status == "pending"  # the motion is back on the floor
    assert doc.motions.get(appeal.id).status == "carried"
    assert "the ruling is overturned" in panel_html(committee)


@pytest.mark.django_db
def test_a_ruling_on_a_caucus_is_not_appealable_by_default():
    committee, user, d = open_floor()
    motion_id = raise_motion(
        committee, d["Alpha"], "unmoderated_caucus", total_seconds=300, topic="x"
    )
    motions.motion_rule(
        committee=committee, user=user, motion_id=motion_id, decision="out_of_order"
    )
    assert "Appeal the ruling" not in panel_html(committee, "phone-self", d["Alpha"])
    assert "not appealable" in panel_html(committee)
    with pytest.raises(ProcedureError) as refused:
        motions.motion_appeal(committee=committee, appellant_id=d["Beta"].pk, delegation=d["Beta"])
    assert refused.value.code == "not_appealable"


@pytest.mark.django_db
def test_a_repeated_failed_motion_shows_when_it_failed():
    committee, user, d = open_floor()
    first = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    motions.motion_vote_open(committee=committee, user=user, motion_id=first, by_phone=False)
    motions.motion_vote_close(committee=committee, user=user, yes=0, no=3)
    raise_motion(committee, d["Alpha"], "suspend_meeting")
    html = panel_html(committee)
    assert "The same motion failed 0 minutes ago" in html
    assert 'data-testid="motion-failed-before"' in html


@pytest.mark.django_db
def test_the_event_log_names_the_motions():
    committee, user, d = open_floor()
    motion_id = raise_seconded(committee, d["Alpha"], d["Beta"], "suspend_meeting")
    motions.motion_rule(committee=committee, user=user, motion_id=motion_id, decision="in_order")
    log = panel_html(committee, "log")
    assert "Suspend the meeting moved by Alpha" in log
    assert "Suspend the meeting seconded by Beta" in log
    assert "Suspend the meeting ruled in order" in log


@pytest.mark.django_db
def test_the_dais_is_offered_a_vote_only_once_the_top_motion_is_seconded():
    committee, _chair, d = open_floor()
    motion_id = raise_motion(
        committee, d["Alpha"], "unmoderated_caucus", total_seconds=600, topic="Drafting"
    )
    assert 'data-testid="motion-vote-placard"' not in panel_html(committee)
    motions.motion_second(
        committee=committee, motion_id=motion_id, seconder_id=d["Beta"].pk, delegation=d["Beta"]
    )
    assert 'data-testid="motion-vote-placard"' in panel_html(committee)
