"""Rights of reply (procedure.md §2.7): asked on a phone, granted or refused by the dais."""

import pytest
from django.urls import reverse

from committee.floor import decode_value
from committee.log.describe import describe_event
from committee.procedure.choices import RorGround
from committee.procedure.errors import ProcedureError
from committee.procedure.facts.points import ReplyGranted
from committee.selectors import FloorView
from committee.services import points
from tests.committee.floor_clock import Clock, start_clock
from tests.committee.floor_points_helpers import (
    dais_panel,
    doc_of,
    end_speech,
    give_floor,
    in_debate,
    last_event,
    phone_of,
    remaining_seconds,
)
from tests.conftest import user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db

NATIONAL = RorGround.NATIONAL_INTEGRITY
# Debate stays open when the speakers' list runs out, so replies are asked in debate.
KEEP_DEBATE_OPEN = {"gsl_exhaustion_action": "prompt_chair"}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return start_clock(monkeypatch)


def ask(world, delegation, against, ground=NATIONAL):
    return points.reply_request(
        committee=world.committee, delegation=delegation, against_id=against.pk, ground=ground
    )


def decide(world, delegation, grant):
    points.reply_decide(
        committee=world.committee, user=world.chair, delegation_id=delegation.pk, grant=grant
    )


def test_a_granted_reply_gets_the_floor_for_ror_seconds(clock):
    world = in_debate(ror_seconds=45, **KEEP_DEBATE_OPEN)
    give_floor(world, world.france)
    end_speech(world)
    ask(world, world.china, world.france)
    assert "Rights of reply requested" in dais_panel(world.committee)

    decide(world, world.china, grant=True)
    doc = doc_of(world.committee)
    assert doc.replies == ()
    assert doc.speech.speaker == str(world.china.pk) and not doc.speech.gsl
    assert remaining_seconds(world.committee) == 45
    assert doc.phase.value == "gsl"
    assert "Right of reply: China (45 s)" in dais_panel(world.committee)
    event = last_event(world.committee)
    assert event.kind == "reply_granted"
    granted = decode_value(event.payload, ReplyGranted)
    assert (granted.delegation, granted.against) == (world.china.pk, world.france.pk)
    assert granted.seconds == 45 and granted.floor_given is True


def test_the_room_sees_a_granted_reply_as_a_right_of_reply(clock):
    world = in_debate(**KEEP_DEBATE_OPEN)
    give_floor(world, world.france)
    end_speech(world)
    ask(world, world.china, world.france)
    decide(world, world.china, grant=True)
    projector = render_regions(FloorView(world.committee), ("projector-main",))["en"]
    assert "Right of reply" in projector
    assert 'data-testid="projector-speaker">China<' in projector


def test_a_refused_reply_is_dropped_and_logged():
    world = in_debate()
    ask(world, world.china, world.france)
    decide(world, world.china, grant=False)
    assert doc_of(world.committee).replies == ()
    assert doc_of(world.committee).speech is None
    assert describe_event(last_event(world.committee), "en") == "Right of reply refused to China"


def test_the_profile_may_limit_replies_to_personal_integrity():
    world = in_debate(ror_scope="personal_only")
    with pytest.raises(ProcedureError):
        ask(world, world.china, world.france, NATIONAL)
    ask(world, world.china, world.france, RorGround.PERSONAL_INTEGRITY)
    html = phone_of(world.committee, world.brazil)
    assert 'data-testid="reply-personal_integrity"' in html
    assert 'data-testid="reply-national_integrity"' not in html


def test_rights_of_reply_can_be_switched_off():
    world = in_debate(ror_enabled=False)
    with pytest.raises(ProcedureError) as refused:
        ask(world, world.china, world.france)
    assert refused.value.code == "right_of_reply_disabled"
    assert "Right of reply" not in phone_of(world.committee, world.china)


def test_a_reply_granted_while_someone_speaks_waits_for_the_floor():
    world = in_debate(**KEEP_DEBATE_OPEN)
    ask(world, world.china, world.france)
    give_floor(world, world.brazil)
    decide(world, world.china, grant=True)
    doc = doc_of(world.committee)
    assert doc.replies[0].granted is True
    assert doc.speech.speaker == str(world.brazil.pk)
    assert "Granted: 30 s when the chair gives you the floor." in phone_of(
        world.committee, world.china
    )
    with pytest.raises(ProcedureError) as refused:
        points.reply_give_floor(
            committee=world.committee, user=world.chair, delegation_id=world.china.pk
        )
    assert refused.value.code == "reply_waits_for_floor"
    end_speech(world)
    points.reply_give_floor(
        committee=world.committee, user=world.chair, delegation_id=world.china.pk
    )
    assert doc_of(world.committee).speech.speaker == str(world.china.pk)


def test_un_ga_takes_granted_replies_at_the_end_of_the_day():
    world = in_debate("un_ga")
    ask(world, world.china, world.france)
    decide(world, world.china, grant=True)
    assert doc_of(world.committee).speech is None
    assert "at the end of the day" in dais_panel(world.committee)


def test_the_phone_names_the_last_speaker_as_the_likely_target():
    world = in_debate()
    give_floor(world, world.france)
    # One list of whom a reply may name, shared by every phone…
    candidates = render_regions(FloorView(world.committee), ("reply-candidates",))["en"]
    assert f'<option value="{world.france.pk}" selected>' in candidates
    assert f'<option value="{world.china.pk}"' in candidates
    assert f'<option value="{world.kenya.pk}"' not in candidates  # absent
    # …from which each phone's select leaves its own delegation out.
    html = phone_of(world.committee, world.china)
    assert 'data-options-from="reply-candidates"' in html
    assert f'data-options-except="{world.china.pk}"' in html


def test_a_delegate_asks_and_withdraws_through_the_phone(make_delegate_client):
    world = in_debate()
    phone = make_delegate_client(world.china)
    slug = world.committee.slug
    url = reverse("delegate_points_reply", args=[slug])
    response = phone.post(
        url, {"against": world.france.pk, "ground": "national_integrity"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert doc_of(world.committee).replies[0].request.requester == str(world.china.pk)
    assert 'data-testid="own-reply"' in phone_of(world.committee, world.china)
    again = phone.post(
        url, {"against": world.france.pk, "ground": "national_integrity"}, HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 409

    response = phone.post(
        reverse("delegate_points_reply_withdraw", args=[slug]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert doc_of(world.committee).replies == ()


def test_the_phone_must_name_a_speaker_and_a_ground(make_delegate_client):
    world = in_debate()
    phone = make_delegate_client(world.china)
    url = reverse("delegate_points_reply", args=[world.committee.slug])
    no_target = phone.post(url, {"ground": "national_integrity"}, HTTP_HX_REQUEST="true")
    assert no_target.status_code == 400
    no_ground = phone.post(url, {"against": world.france.pk}, HTTP_HX_REQUEST="true")
    assert no_ground.status_code == 400


def test_a_delegate_cannot_withdraw_another_delegations_request(make_delegate_client):
    world = in_debate()
    ask(world, world.china, world.france)
    response = make_delegate_client(world.brazil).post(
        reverse("delegate_points_reply_withdraw", args=[world.committee.slug]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert len(doc_of(world.committee).replies) == 1


def test_the_dais_grants_and_refuses_through_its_views():
    world = in_debate()
    dais = user_client(world.chair)
    ask(world, world.china, world.france)
    ask(world, world.brazil, world.france)
    slug = world.committee.slug
    grant = reverse("floor_points_reply_grant", args=[slug, world.china.pk])
    refuse = reverse("floor_points_reply_refuse", args=[slug, world.brazil.pk])
    assert dais.post(grant, HTTP_HX_REQUEST="true").status_code == 204
    assert dais.post(refuse, HTTP_HX_REQUEST="true").status_code == 204
    assert dais.post(refuse, HTTP_HX_REQUEST="true").status_code == 409
    end = reverse("floor_points_reply_end", args=[slug])
    assert dais.post(end, HTTP_HX_REQUEST="true").status_code == 204
    assert dais.post(end, HTTP_HX_REQUEST="true").status_code == 409
