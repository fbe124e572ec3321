"""The caucus on the screens: the dais panel, the projector, the phones, and the HTTP views."""

from __future__ import annotations

import pytest
from django.urls import reverse

from committee.log.describe import describe_event
from committee.models import Committee, FloorEvent
from committee.procedure.choices import MoverChoice
from committee.selectors import FloorView
from committee.services import caucuses
from tests.committee.floor_caucus_helpers import (
    carry,
    clock_fixture,  # noqa: F401 (the clock fixture)
    doc_of,
    in_session,
    moderated,
    unmoderated,
)
from tests.conftest import delegate_client, user_client
from tests.regions import render_regions

pytestmark = pytest.mark.django_db


def region(committee: Committee, name: str, delegation=None) -> str:
    view = FloorView(committee)
    if delegation is not None:
        delegation = view.by_id[str(delegation.pk)]
    return render_regions(view, (name,), delegation=delegation)["en"]


# ---- the dais panel ----------------------------------------------------------------------------


def test_the_panel_is_hidden_without_a_caucus(clock) -> None:
    world = in_session()
    html = region(world.committee, "caucus")
    assert 'id="caucus"' in html and " hidden" in html


def test_the_dais_sees_the_caucus_timers_and_the_raised_placards_in_order(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60, topic="Mandates"))
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.brazil)
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    html = region(world.committee, "caucus")
    assert " hidden" not in html
    assert "Moderated caucus" in html and "“Mandates”" in html
    assert "Moved by France · 10:00 in all · 1 min per speaker" in html
    assert 'data-remaining-ms="600000"' in html
    queue = html[html.index('data-testid="caucus-queue"') :]
    assert queue.index("Brazil") < queue.index("China")
    # The k key recognises the first raised placard, and only that one.
    assert html.count('data-shortcut="k"') == 1
    first_button = queue[: queue.index("</li>")]
    assert 'data-shortcut="k"' in first_button and f'"delegation": "{world.brazil.pk}"' in html


def test_the_dais_sees_the_speaker_and_the_slot_timer(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.china.pk
    )
    html = region(world.committee, "caucus")
    assert 'data-testid="caucus-speaker"' in html and "China" in html
    assert 'data-remaining-ms="60000"' in html and "1:00" in html
    assert 'data-testid="caucus-slot-end"' in html


def test_an_expired_caucus_tells_the_chair_to_end_it(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=600))
    clock.advance(601)
    html = region(world.committee, "caucus")
    assert "Time is up — end the caucus." in html
    assert 'data-testid="caucus-end-due"' in html
    assert 'data-testid="caucus-pause"' not in html


def test_after_the_caucus_the_dais_sees_when_it_ended_and_the_extension_limit(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60, topic="Mandates"))
    clock.advance(120)
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    html = region(world.committee, "caucus")
    assert "The caucus on “Mandates” ended at 17:02." in html
    assert "for at most 10 min" in html
    event = FloorEvent.objects.order_by("-seq").first()
    line = describe_event(event, "en")
    assert line == "Moderated caucus on “Mandates” ended at 17:02:00 (ended by the chair)"


# ---- the projector and the phones' "now" --------------------------------------------------------


def test_the_projector_shows_the_moderated_caucus_and_its_speaker(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60, topic="Mandates"))
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.brazil.pk
    )
    html = region(world.committee, "projector-main")
    assert "“Mandates”" in html
    assert 'data-testid="projector-caucus-speaker">Brazil<' in html
    assert "timer--projector" in html and 'data-remaining-ms="60000"' in html


def test_the_unmoderated_caucus_shows_a_countdown_and_the_return_time(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=900, topic="Drafting"))
    for name in ("projector-main", "phone-now", "caucus"):
        html = region(world.committee, name)
        assert "Return by 17:15" in html, name
        assert 'data-remaining-ms="900000"' in html, name


def test_the_projector_leaves_the_caucus_when_it_ends(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=900, topic="Drafting"))
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    assert "Return by" not in region(world.committee, "projector-main")
    assert 'data-testid="phone-caucus"' not in region(world.committee, "phone-now")


# ---- the phone's actions -----------------------------------------------------------------------


def test_each_phone_sees_its_own_placard(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france), mover_choice=MoverChoice.LAST)
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.brazil)
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.brazil.pk
    )
    brazil = region(world.committee, "phone-self", world.brazil)
    china = region(world.committee, "phone-self", world.china)
    france = region(world.committee, "phone-self", world.france)
    kenya = region(world.committee, "phone-self", world.kenya)
    assert "You are recognised — speak now" in brazil
    assert "Your placard is raised: number 1 in the queue." in china
    assert 'data-testid="caucus-lower"' in china and "speak now" not in china
    assert 'data-testid="caucus-raise"' in france
    assert 'data-testid="caucus-raise"' not in kenya
    assert "Only delegations marked present may raise their placards." in kenya


def test_only_the_mover_is_offered_the_choice_of_when_to_speak(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france))
    france = region(world.committee, "phone-self", world.france)
    china = region(world.committee, "phone-self", world.china)
    assert 'data-testid="caucus-mover-choice"' in france
    assert "are not set to speak" in france and 'data-testid="caucus-raise"' not in france
    assert 'data-testid="caucus-mover-choice"' not in china
    caucuses.caucus_mover_choose(committee=world.committee, delegation=world.france, choice="last")
    assert 'data-testid="caucus-raise"' in region(world.committee, "phone-self", world.france)


def test_phones_have_no_placard_in_an_unmoderated_caucus(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china))
    assert 'data-testid="caucus-actions"' not in region(world.committee, "phone-self", world.china)


# ---- the views ---------------------------------------------------------------------------------


def test_a_delegate_raises_and_lowers_only_its_own_placard(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france))
    phone = delegate_client(world.china)
    raise_url = reverse("delegate_caucus_raise", kwargs={"slug": world.committee.slug})
    assert phone.post(raise_url, HTTP_HX_REQUEST="true").status_code == 204
    assert doc_of(world.committee).raised_placards == (str(world.china.pk),)
    refused = phone.post(raise_url, HTTP_HX_REQUEST="true")
    assert refused.status_code == 409
    assert "Your placard is already raised." in refused.content.decode()
    # Another delegation's phone lowers nothing but its own (which is not raised).
    other = delegate_client(world.brazil)
    lower_url = reverse("delegate_caucus_lower", kwargs={"slug": world.committee.slug})
    assert other.post(lower_url, HTTP_HX_REQUEST="true").status_code == 409
    assert doc_of(world.committee).raised_placards == (str(world.china.pk),)


def test_a_delegate_cannot_run_the_caucus_or_choose_for_the_mover(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france))
    phone = delegate_client(world.china)
    recognise = reverse("floor_caucus_recognise", kwargs={"slug": world.committee.slug})
    response = phone.post(recognise, {"delegation": world.china.pk})
    assert response.status_code == 302 and doc_of(world.committee).caucus.current is None
    mover = reverse("delegate_caucus_mover", kwargs={"slug": world.committee.slug})
    refused = phone.post(mover, {"choice": "first"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 409
    assert "Only the mover of the caucus chooses when to speak." in refused.content.decode()
    assert doc_of(world.committee).caucus.mover_choice is MoverChoice.NOT_SPEAKING


def test_the_dais_recognises_by_post_and_hears_the_engines_refusal(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france))
    dais = user_client(world.chair)
    url = reverse("floor_caucus_recognise", kwargs={"slug": world.committee.slug})
    absent = dais.post(url, {"delegation": world.kenya.pk}, HTTP_HX_REQUEST="true")
    assert absent.status_code == 409
    assert "Kenya is not present." in absent.content.decode()
    assert dais.post(url, {"delegation": "x"}, HTTP_HX_REQUEST="true").status_code == 400
    ok = dais.post(url, {"delegation": world.brazil.pk}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 204
    assert doc_of(world.committee).caucus.current == str(world.brazil.pk)


def test_the_dais_pauses_resumes_and_ends_by_post(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china))
    dais = user_client(world.chair)
    slug = {"slug": world.committee.slug}
    for name in ("floor_caucus_pause", "floor_caucus_resume"):
        assert dais.post(reverse(name, kwargs=slug), HTTP_HX_REQUEST="true").status_code == 204
    bad = dais.post(
        reverse("floor_caucus_end", kwargs=slug), {"reason": "bored"}, HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 400
    assert not doc_of(world.committee).caucus.ended
    end = dais.post(reverse("floor_caucus_end", kwargs=slug), HTTP_HX_REQUEST="true")
    assert end.status_code == 204 and doc_of(world.committee).caucus.ended
    again = dais.post(reverse("floor_caucus_end", kwargs=slug), HTTP_HX_REQUEST="true")
    assert again.status_code == 409 and "The caucus has ended." in again.content.decode()


def test_log_lines_name_the_delegation_for_each_caucus_event(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=300, speaker=60))
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.china.pk
    )
    caucuses.caucus_slot_end(committee=world.committee, user=world.chair)
    lines = [
        describe_event(event, "en")
        for event in FloorEvent.objects.filter(kind__startswith="caucus_").order_by("seq")
    ]
    assert lines == [
        "China raised its placard",
        "Caucus: China recognised for 60 s",
        "Caucus: the slot of China ended",
    ]
