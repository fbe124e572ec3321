"""Bad input to any floor action answers 400 with a message and changes nothing, never 500.

Every floor POST, from the dais and from the phone, gets the values a careless or hostile
client sends: a NUL character (which PostgreSQL cannot store), "²" (a digit to str.isdigit,
not to int), a thirteen-digit or a negative number, text longer than the record keeps.
Run on SQLite and on PostgreSQL.
"""

import importlib
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from committee.models import Floor, FloorEvent
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.sitting import TIMER_EXTENSION_MAX_SECONDS
from committee.services import floor, speakers
from tests.committee.test_floor_motions import open_floor
from tests.conftest import delegate_client, user_client

NUL = "a\x00b"
SUPERSCRIPT_TWO = "²"
HUGE = str(10**13)
BEYOND_ANY_ID = str(10**20)
NEGATIVE = "-5"
LONG = "x" * 201

# (audience, url name, extra url argument, valid fields, (field, bad values))
DAIS = "dais"
PHONE = "phone"
BAD_NUMBER = (SUPERSCRIPT_TWO, NEGATIVE, NUL, "1.5")
BAD_ID = (*BAD_NUMBER, BEYOND_ANY_ID)
BAD_COUNT = (*BAD_NUMBER, HUGE)
BAD_CHOICE = (NUL, "x" * 5000)
BAD_TEXT = (NUL, LONG)
BAD_MOTION_ID = (NUL, "x" * 41)

ALPHA = "{Alpha}"  # replaced by the delegation's id
MOTION = {"code": "moderated_caucus", "total_minutes": "10", "speaker_seconds": "60"}

CASES: list[tuple[str, str, Any, dict[str, str], str, tuple[str, ...]]] = [
    (DAIS, "floor_timer", "extend", {}, "seconds", BAD_COUNT),
    (DAIS, "floor_attendance_mark", ALPHA, {}, "status", BAD_CHOICE),
    (DAIS, "floor_motions_raise", None, {**MOTION, "mover": ALPHA}, "mover", BAD_ID),
    (DAIS, "floor_motions_raise", None, {**MOTION, "mover": ALPHA}, "topic", BAD_TEXT),
    (
        DAIS,
        "floor_motions_raise",
        None,
        {**MOTION, "mover": ALPHA},
        "total_minutes",
        (SUPERSCRIPT_TWO, NEGATIVE, NUL, HUGE, "NaN", "Infinity", "1e999", "0"),
    ),
    (DAIS, "floor_motions_raise", None, {**MOTION, "mover": ALPHA}, "speaker_seconds", BAD_COUNT),
    (DAIS, "floor_motions_second", None, {"motion_id": "s1m1"}, "seconder", BAD_ID),
    (DAIS, "floor_motions_second", None, {"seconder": ALPHA}, "motion_id", BAD_MOTION_ID),
    (DAIS, "floor_motions_withdraw", None, {}, "motion_id", BAD_MOTION_ID),
    (DAIS, "floor_motions_rule", None, {"motion_id": "s1m1"}, "decision", BAD_CHOICE),
    (DAIS, "floor_motions_suggest", None, {"motion_id": "s1m1"}, "topic", BAD_TEXT),
    (DAIS, "floor_motions_suggest", None, {"motion_id": "s1m1"}, "speaker_seconds", BAD_COUNT),
    (DAIS, "floor_motions_vote_open", None, {"motion_id": "s1m1"}, "method", BAD_CHOICE),
    (DAIS, "floor_motions_vote_close", None, {"no": "1"}, "yes", BAD_COUNT),
    (DAIS, "floor_motions_vote_close", None, {"yes": "1"}, "no", BAD_COUNT),
    (DAIS, "floor_motions_ballot_enter", None, {"choice": "yes"}, "delegation", BAD_ID),
    (DAIS, "floor_motions_ballot_enter", None, {"delegation": ALPHA}, "choice", BAD_CHOICE),
    (DAIS, "floor_caucus_recognise", None, {}, "delegation", BAD_ID),
    (DAIS, "floor_caucus_end", None, {}, "reason", BAD_CHOICE),
    (DAIS, "floor_caucus_mover", None, {}, "choice", BAD_CHOICE),
    (DAIS, "floor_points_resolve", 1, {"note": ""}, "outcome", BAD_CHOICE),
    (DAIS, "floor_points_resolve", 1, {"outcome": "answered"}, "note", BAD_TEXT),
    (DAIS, "floor_speakers_add", None, {}, "delegation", BAD_ID),
    (DAIS, "floor_speakers_remove", None, {}, "delegation", BAD_ID),
    (DAIS, "floor_speakers_move", None, {"delegation": ALPHA, "to": "1"}, "from", BAD_ID),
    (DAIS, "floor_speakers_move", None, {"delegation": ALPHA, "from": "1"}, "to", BAD_ID),
    (DAIS, "floor_speakers_next", None, {}, "current", (NUL, "x" * 41)),
    (DAIS, "floor_speakers_end", None, {}, "speaker", (NUL, "x" * 41)),
    (DAIS, "floor_speakers_yield", None, {}, "kind", BAD_CHOICE),
    (DAIS, "floor_speakers_yield", None, {"kind": "delegate"}, "target", BAD_ID),
    (DAIS, "floor_speakers_question", None, {}, "questioner", BAD_ID),
    (DAIS, "floor_speakers_comment", None, {}, "commenter", BAD_ID),
    (PHONE, "delegate_attendance", None, {}, "status", (*BAD_CHOICE, "absent")),
    (PHONE, "delegate_motions_raise", None, MOTION, "topic", BAD_TEXT),
    (PHONE, "delegate_motions_raise", None, MOTION, "speaker_seconds", BAD_COUNT),
    (PHONE, "delegate_motions_raise", None, MOTION, "code", (NUL, "x" * 41)),
    (PHONE, "delegate_motions_answer", None, {"motion_id": "s1m1"}, "answer", BAD_CHOICE),
    (PHONE, "delegate_motions_answer", None, {"answer": "accept"}, "motion_id", BAD_MOTION_ID),
    (PHONE, "delegate_motions_second", None, {}, "motion_id", BAD_MOTION_ID),
    (PHONE, "delegate_motions_withdraw", None, {}, "motion_id", BAD_MOTION_ID),
    (PHONE, "delegate_motions_vote", None, {}, "choice", (*BAD_CHOICE, "abstain")),
    (PHONE, "delegate_caucus_mover", None, {}, "choice", BAD_CHOICE),
    (PHONE, "delegate_points_raise", None, {"text": ""}, "point", BAD_CHOICE),
    (PHONE, "delegate_points_raise", None, {"point": "order"}, "text", BAD_TEXT),
    (PHONE, "delegate_points_reply", None, {"ground": "national_integrity"}, "against", BAD_ID),
    (PHONE, "delegate_points_reply", None, {"against": ALPHA}, "ground", BAD_CHOICE),
]


def _cases() -> list[Any]:
    return [
        pytest.param(audience, name, argument, valid, field, bad, id=f"{name}-{field}-{bad!r:.12}")
        for audience, name, argument, valid, field, bads in CASES
        for bad in bads
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("audience", "name", "argument", "valid", "field", "bad"), _cases())
def test_a_bad_value_answers_400_with_a_notice_and_changes_nothing(
    audience: str, name: str, argument: Any, valid: dict[str, str], field: str, bad: str
) -> None:
    committee, user, by_name = open_floor()
    alpha = by_name["Alpha"]
    client: Client = user_client(user) if audience == DAIS else delegate_client(by_name["Beta"])
    args: list[Any] = [committee.slug]
    if argument is not None:
        args.append(alpha.pk if argument == ALPHA else argument)
    data = {key: str(alpha.pk) if value == ALPHA else value for key, value in valid.items()}
    data[field] = bad
    seq_before = Floor.objects.get(committee=committee).seq
    events_before = FloorEvent.objects.filter(committee=committee).count()

    response = client.post(reverse(name, args=args), data, HTTP_HX_REQUEST="true")

    assert response.status_code == 400
    assert response.headers["HX-Retarget"] == "#notices"
    assert 'class="notice' in response.content.decode()
    assert Floor.objects.get(committee=committee).seq == seq_before
    assert FloorEvent.objects.filter(committee=committee).count() == events_before


@pytest.mark.django_db
def test_the_refusal_is_in_the_users_language() -> None:
    committee, user, by_name = open_floor()
    client = user_client(user)

    response = client.post(
        reverse("floor_motions_second", args=[committee.slug]),
        {"motion_id": "s1m1", "seconder": SUPERSCRIPT_TWO},
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    assert "请选择附议的代表团" in response.content.decode()


@pytest.mark.django_db
def test_a_nul_character_in_a_motion_topic_is_refused_by_name() -> None:
    committee, user, by_name = open_floor()
    client = delegate_client(by_name["Alpha"])

    response = client.post(
        reverse("delegate_motions_raise", args=[committee.slug]),
        {**MOTION, "topic": NUL},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.django_db
def test_the_timer_service_itself_refuses_an_extension_beyond_its_bound() -> None:
    committee, user, by_name = open_floor()
    speakers.speaker_add(committee=committee, delegation_id=by_name["Alpha"].pk, user=user)
    speakers.speaker_next(committee=committee, user=user)
    seq_before = Floor.objects.get(committee=committee).seq

    with pytest.raises(ProcedureError) as refused:
        floor.speech_timer_control(committee=committee, user=user, command="extend", seconds=10**13)
    assert refused.value.code == ErrorCode.INVALID_EXTENSION

    assert Floor.objects.get(committee=committee).seq == seq_before
    floor.speech_timer_control(
        committee=committee, user=user, command="extend", seconds=TIMER_EXTENSION_MAX_SECONDS
    )


FLOOR_URL_MODULES = [
    "committee.urls_speakers",
    "committee.urls_motions",
    "committee.urls_caucus",
    "committee.urls_points",
    "delegates.urls_speakers",
    "delegates.urls_motions",
    "delegates.urls_caucus",
    "delegates.urls_points",
]
EVERY_FIELD = sorted({field for *_, field, _bad in CASES} | {"on", "closed", "accept", "follow_up"})


def _floor_urls() -> list[Any]:
    params = [pytest.param("floor_timer", {"command": "extend"}, id="floor_timer")]
    params.append(pytest.param("floor_attendance_mark", {"delegation_id": ALPHA}, id="attendance"))
    params.append(pytest.param("delegate_attendance", {}, id="delegate_attendance"))
    for module in FLOOR_URL_MODULES:
        for pattern in importlib.import_module(module).urlpatterns:
            arguments = {name: ALPHA for name in pattern.pattern.converters}
            params.append(pytest.param(pattern.name, arguments, id=pattern.name))
    return params


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [NUL, SUPERSCRIPT_TWO, BEYOND_ANY_ID, LONG])
@pytest.mark.parametrize(("name", "arguments"), _floor_urls())
def test_no_floor_action_answers_500_whatever_every_field_holds(
    name: str, arguments: dict[str, str], bad: str
) -> None:
    committee, user, by_name = open_floor()
    phone = name.startswith("delegate_")
    client = delegate_client(by_name["Beta"]) if phone else user_client(user)
    kwargs = {
        key: by_name["Alpha"].pk if value == ALPHA else value for key, value in arguments.items()
    }
    url = reverse(name, kwargs={"slug": committee.slug, **kwargs})

    response = client.post(url, dict.fromkeys(EVERY_FIELD, bad), HTTP_HX_REQUEST="true")

    assert response.status_code < 500
