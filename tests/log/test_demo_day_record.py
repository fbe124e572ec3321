"""After `seed_demo --day`, the record adds up: the log verifies, the statistics match the
day's script, and the Chinese log names delegations in Chinese."""

import re
from dataclasses import asdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from committee.log.describe import Names, describe_event
from committee.models import Committee, Delegation, FloorEvent
from committee.selectors import FloorView
from committee.statistics import delegation_statistics


@pytest.fixture(autouse=True)
def _served_on_this_computer_only(settings) -> None:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


@pytest.fixture
def day_summary(db):
    """The day, played through the services, and what its script says it did."""
    from committee.demo import voting

    call_command("seed_demo", "--day", stdout=StringIO())
    return voting.expected_statistics()


def test_the_log_verifies_and_the_statistics_match_the_days_script(
    day_summary, django_assert_num_queries
):
    out = StringIO()
    call_command("verify_log", "c34", stdout=out)
    assert "chain intact" in out.getvalue()
    c34 = Committee.objects.get(slug="c34")
    with django_assert_num_queries(3):
        statistics = delegation_statistics(c34)
    names = dict(Delegation.objects.filter(committee=c34).values_list("pk", "name"))
    recorded = {names[key]: asdict(row) for key, row in statistics.items()}
    assert recorded == day_summary


def test_the_chinese_log_names_no_delegation_in_english_when_it_has_a_chinese_name(day_summary):
    c34 = Committee.objects.get(slug="c34")
    with_chinese = Delegation.objects.filter(committee=c34).exclude(name_zh="")
    english_names = re.compile(
        "|".join(rf"\b{re.escape(d.name)}\b" for d in with_chinese.order_by("-name"))
    )
    names = Names({d.pk: d for d in Delegation.objects.filter(committee=c34)})
    events = FloorEvent.objects.filter(committee=c34).select_related("undoes").order_by("seq")
    sentences = [describe_event(event, "zh-hans", names) for event in events]
    assert len(sentences) > 150
    # What a delegate typed (a point's text) is quoted as typed, in whatever language.
    sentences = [re.sub(r"“[^”]*”", "", sentence) for sentence in sentences]
    assert [s for s in sentences if english_names.search(s)] == []
    with translation.override("zh-hans"):
        assert any("法国" in s or "中国" in s for s in sentences)
    # The dais log region draws those sentences in the reader's language.
    with translation.override("zh-hans"):
        from django.template.loader import render_to_string

        html = render_to_string(
            "committee/regions/_log.html", {"view": FloorView(c34), "committee": c34}
        )
    logged = re.findall(r"<span>(.*?)</span>", html, flags=re.S)
    assert logged
    for d in Delegation.objects.filter(committee=c34).exclude(name_zh=""):
        assert not any(re.search(rf"\b{re.escape(d.name)}\b", line) for line in logged), d.name
