"""Live pages and pushes cost a fixed number of queries, whatever the committee's size.

Each page is loaded for a small committee and for a 193-member plenary with everyone present;
the query count must be the same. A panel that queries per delegation fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committee import realtime
from committee.models import LiveConnection
from committee.services import floor, motions, speakers
from tests import factories
from tests.conftest import delegate_client, user_client


def committee_in_session(size: int):
    committee = factories.committee()
    delegations = factories.delegations(committee, [f"State {n:03d}" for n in range(size)])
    chair = factories.dais_user(committee)
    floor.session_open(committee=committee, user=chair)
    floor.roll_call_start(committee=committee, user=chair)
    for delegation in delegations:
        floor.attendance_set(
            committee=committee, delegation_id=delegation.pk, status="present", user=chair
        )
    floor.roll_call_close(committee=committee, user=chair)
    # Every delegation on the speakers' list, the first one speaking, and motions on the floor:
    # the pages must not query per list entry or per motion either.
    for delegation in delegations:
        speakers.speaker_add(committee=committee, delegation_id=delegation.pk, user=chair)
    for number, delegation in enumerate(delegations[: max(3, size // 10)], start=1):
        motions.motion_raise(
            committee=committee,
            code="moderated_caucus",
            mover_id=delegation.pk,
            total_seconds=60 * (1 + number % 10),
            speaker_seconds=60,
            topic=f"Topic {number}",
            user=chair,
        )
    speakers.speaker_next(committee=committee, user=chair)
    for delegation in delegations[:5]:
        LiveConnection.objects.create(delegation=delegation, channel_name=f"test.{delegation.pk}")
    return committee, delegations, chair


def queries_for(load) -> int:
    with CaptureQueriesContext(connection) as captured:
        load()
    return len(captured)


def page_loaders(committee, delegations, chair):
    dais = user_client(chair)
    phone = delegate_client(delegations[0])
    return {
        "dais floor": lambda: dais.get(reverse("dais_floor", args=[committee.slug])),
        "projector": lambda: dais.get(
            reverse("projector", args=[committee.slug, committee.projector_token])
        ),
        "phone": lambda: phone.get(reverse("delegate_home", args=[committee.slug])),
        "push to every screen": lambda: realtime.push_floor_now(committee),
    }


# The budget of the dais floor page: the floor row, the delegations, the topics, the log, the
# session and the user's dais membership, whatever the committee's size.
DAIS_FLOOR_BUDGET = 15


@pytest.mark.django_db
def test_live_pages_cost_the_same_queries_for_5_and_193_delegations_on_the_list(broadcasts):
    small = page_loaders(*committee_in_session(5))
    large_committee, large_delegations, large_chair = committee_in_session(193)
    large = page_loaders(large_committee, large_delegations, large_chair)
    for name in small:
        small[name]()  # warm up sessions, caches and lazy loads
        large[name]()
        assert queries_for(small[name]) == queries_for(large[name]), name
    assert queries_for(large["dais floor"]) <= DAIS_FLOOR_BUDGET
    page = user_client(large_chair).get(reverse("dais_floor", args=[large_committee.slug]))
    assert page.content.decode().count('class="roster__item') == 193
