"""How the screens write limits, lists and the session's state, in English and Chinese."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure_messages import describe
from committee.roster import parse_roster
from committee.selectors import FloorView
from committee.services import caucuses
from committee.services import floor as floor_services
from committee.wording import format_duration
from tests import factories
from tests.committee.floor_caucus_helpers import (
    carry,
    clock_fixture,  # noqa: F401 (the clock fixture)
    in_session,
    moderated,
)
from tests.regions import render_regions


def regions(committee, name: str) -> dict[str, str]:
    """The region in every language: {"en": html, "zh-hans": html}."""
    return render_regions(FloorView(committee), (name,))


# ---- durations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "english", "chinese"),
    [
        (1200, "20 min", "20 分钟"),
        (60, "1 min", "1 分钟"),
        (45, "45 s", "45 秒"),
        (90, "1 min 30 s", "1 分 30 秒"),
        (0, "0 s", "0 秒"),
    ],
)
def test_a_limit_in_seconds_is_written_in_minutes_and_seconds(seconds, english, chinese):
    assert format_duration(seconds, "en") == english
    assert format_duration(seconds, "zh-hans") == chinese


def test_the_duration_filter_writes_the_page_language():
    template = Template("{% load bimun %}{{ seconds|duration }}")
    with translation.override("en"):
        assert template.render(Context({"seconds": 1200})) == "20 min"
    with translation.override("zh-hans"):
        assert template.render(Context({"seconds": 1200})) == "20 分钟"


def test_a_motion_over_the_caps_names_its_limits_in_minutes():
    error = ProcedureError(
        ErrorCode.MOTION_OVER_CAP,
        motion="moderated_caucus",
        parameter="total_seconds",
        value=1800,
        minimum=60,
        maximum=1200,
    )
    assert describe(error, "en") == (
        "The total time of “Moderated caucus” is 30 min; allowed 1 min–20 min."
    )
    assert "1200" not in describe(error, "zh-hans")
    assert "20 分钟" in describe(error, "zh-hans")


def test_an_extension_too_long_names_its_limit_in_minutes():
    error = ProcedureError(ErrorCode.EXTENSION_TOO_LONG, value=900, maximum=600)
    assert describe(error, "en") == "An extension may last at most 10 min (requested 15 min)."


@pytest.mark.django_db
def test_the_dais_shows_the_speaking_time_in_minutes():
    committee = factories.committee(rules_overrides={"gsl_speaking_time": 120})
    chair = factories.dais_user(committee)
    floor_services.session_open(committee=committee, user=chair)
    shown = regions(committee, "speakers")
    assert "Speaking time 2 min" in shown["en"]
    assert "120 s" not in shown["en"]


# ---- punctuation between names and after labels -------------------------------------------------


def test_names_are_joined_as_the_language_lists_them():
    template = Template("{% load bimun %}{{ names|join_names }}")
    context = Context({"names": ["Nigeria", "France", "Brazil"]})
    with translation.override("en"):
        assert template.render(context) == "Nigeria, France, Brazil"
    with translation.override("zh-hans"):
        assert template.render(context) == "Nigeria、France、Brazil"


def test_a_label_is_followed_by_the_languages_own_colon():
    template = Template('{% load bimun %}Status{% separator "label" %}open')
    with translation.override("en"):
        assert template.render(Context()) == "Status: open"
    with translation.override("zh-hans"):
        assert template.render(Context()) == "Status：open"


def test_a_bad_roster_header_lists_its_columns_with_the_languages_punctuation():
    with translation.override("zh-hans"):
        message = parse_roster("country,flag\nChina,CN\n").errors[0].message
    assert message == (
        "表头行：缺少列：name；未知列：country、flag。"
        "可用的列：name、iso_code、kind、name_zh、sort_key。"
    )


@pytest.mark.django_db
def test_who_has_spoken_in_a_caucus_uses_full_width_punctuation_in_chinese(clock):
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    for delegation in (world.china, world.brazil):
        caucuses.caucus_recognise(
            committee=world.committee, user=world.chair, delegation_id=delegation.pk
        )
        caucuses.caucus_slot_end(committee=world.committee, user=world.chair)
    shown = regions(world.committee, "caucus")
    assert "Spoken: China, Brazil" in shown["en"]
    assert "已发言：China、Brazil" in shown["zh-hans"]
    assert "已发言： " not in shown["zh-hans"]


# ---- the session's state and the numbers ---------------------------------------------------------


@pytest.mark.django_db
def test_right_after_opening_the_status_tells_the_chair_to_take_roll_call():
    committee = factories.committee()
    factories.delegations(committee, ["Brazil", "China"])
    chair = factories.dais_user(committee)
    before = regions(committee, "floor-status")["en"]
    assert "Not started" in before
    floor_services.session_open(committee=committee, user=chair)
    shown = regions(committee, "floor-status")["en"]
    assert "Session 1" in shown
    assert "Open — take roll call" in shown
    assert "Not started" not in shown
    assert "Session open — roll call next" in regions(committee, "projector-main")["en"]


@pytest.mark.django_db
def test_with_nobody_present_the_dais_shows_no_meaningless_thresholds():
    committee = factories.committee()
    factories.delegations(committee, ["Brazil", "China", "France"])
    chair = factories.dais_user(committee)
    floor_services.session_open(committee=committee, user=chair)
    shown = regions(committee, "floor-status")["en"]
    assert 'data-testid="two-thirds">—<' in shown
    assert 'data-testid="simple-majority">—<' in shown
    assert "No one is present yet." in shown
    assert "⅔ 0" not in regions(committee, "projector-main")["en"]


@pytest.mark.django_db
def test_once_delegations_are_present_the_dais_shows_the_thresholds(clock):
    world = in_session()  # three of four present
    shown = regions(world.committee, "floor-status")["en"]
    assert 'data-testid="two-thirds">2<' in shown
    assert 'data-testid="simple-majority">2<' in shown
    assert "No one is present yet." not in shown
