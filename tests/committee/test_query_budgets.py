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
from committee.services import motions, speakers
from tests import factories
from tests.conftest import delegate_client, user_client


def committee_in_session(size: int):
    committee, delegations, chair = factories.plenary_in_session(size)
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


# What the dais page of a 193-member plenary may weigh: in session with everyone present, and
# at its heaviest, with everyone on the speakers' list and 19 motions on the floor. Long lists
# of delegations are sent once (a <template> the selects copy), not once per select, and the
# roster's and list's rows carry no request details of their own.
DAIS_FLOOR_BYTES = 250_000
DAIS_FLOOR_BYTES_AT_MOST = 420_000


@pytest.mark.django_db
def test_the_dais_page_of_a_plenary_stays_within_its_byte_budget():
    committee, _delegations, chair = factories.plenary_in_session(193)
    page = user_client(chair).get(reverse("dais_floor", args=[committee.slug]))
    assert len(page.content) <= DAIS_FLOOR_BYTES


@pytest.mark.django_db
def test_the_dais_page_at_its_heaviest_stays_within_its_byte_budget():
    committee, _delegations, chair = committee_in_session(193)
    page = user_client(chair).get(reverse("dais_floor", args=[committee.slug]))
    assert len(page.content) <= DAIS_FLOOR_BYTES_AT_MOST
