"""The Speech rows a played morning leaves behind agree with what its script says."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from committee.demo import day
from committee.models import Committee, Speech

User = get_user_model()

# Script kinds and the Speech kinds the speakers' list writes for them.
GSL_KINDS = {day.GSL: Speech.Kind.GSL, day.GSL_YIELDED: Speech.Kind.YIELDED}


@pytest.mark.django_db
def test_the_speakers_list_rows_of_the_morning_match_the_script() -> None:
    call_command("seed_demo")
    c34 = Committee.objects.get(slug="c34")
    summary = day.play_c34_morning(c34, User.objects.create_user("a-chair"))
    expected = [
        (s.session, s.delegation, GSL_KINDS[s.kind], s.seconds)
        for s in summary.speeches
        if s.kind in GSL_KINDS
    ]
    rows = Speech.objects.filter(committee=c34, kind__in=GSL_KINDS.values()).order_by(
        "started_at", "pk"
    )
    recorded = [(r.session.number, r.delegation.name, r.kind, r.seconds) for r in rows]
    assert recorded == expected
    assert len(recorded) == 14  # 13 speeches from the list and the time Japan was yielded
