"""Under un_ga any member may request a roll-call vote and there is no vote on the request
(procedure.md §3.2 V3, §6.3, `roll_call_on_request`): the chair rules it in order and it is
carried, with no question put to the committee."""

import pytest

from committee.models import Question
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.motions import MotionStatus
from committee.services import motions
from tests.committee.test_document_introduction import approved_dr
from tests.committee.test_floor_motions import doc_of, open_floor, queue_of, raise_motion

NAMES = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")


def in_voting_procedure(django_capture_on_commit_callbacks):
    """Five members under un_ga, a DR introduced, debate closed: voting procedure on it."""
    committee, chair, d = open_floor(NAMES, rules_profile="un_ga")
    members = [d[name] for name in NAMES]
    document = approved_dr(committee, members, chair, signers=0)
    introduce = raise_motion(committee, d["Alpha"], "introduce_dr", target=str(document.pk))
    with django_capture_on_commit_callbacks(execute=True):
        motions.motion_rule(
            committee=committee, user=chair, motion_id=introduce, decision="in_order"
        )
    closure = raise_motion(committee, d["Beta"], "close_debate")
    motions.motion_vote_open(committee=committee, user=chair, motion_id=closure, by_phone=False)
    motions.motion_vote_close(committee=committee, user=chair, yes=4, no=1)
    assert doc_of(committee).phase == "voting_procedure"
    return committee, chair, d, document


@pytest.mark.django_db
def test_un_ga_a_roll_call_request_is_carried_without_a_question(
    django_capture_on_commit_callbacks,
):
    committee, chair, d, document = in_voting_procedure(django_capture_on_commit_callbacks)
    questions = Question.objects.filter(committee=committee).count()
    request = raise_motion(committee, d["Gamma"], "roll_call_vote", target=str(document.pk))
    [row] = [r for r in queue_of(committee) if r.id == request]
    assert row.takes_no_vote and not row.needs_second

    with pytest.raises(ProcedureError) as refused:
        motions.motion_vote_open(committee=committee, user=chair, motion_id=request, by_phone=False)
    assert refused.value.code == ErrorCode.MOTION_NOT_VOTED

    motions.motion_rule(committee=committee, user=chair, motion_id=request, decision="in_order")
    doc = doc_of(committee)
    assert doc.motions.get(request).status is MotionStatus.CARRIED
    assert doc.vote is None
    assert Question.objects.filter(committee=committee).count() == questions
    assert not Question.objects.filter(motion__floor_id=request).exists()
    record = committee.motions.get(floor_id=request)
    assert record.status == "carried"
    assert record.rulings.get().decision == "in_order"
