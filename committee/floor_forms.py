"""The forms that read every floor action's POST, shared by the dais's and the phone's views.

A form refuses what the services cannot take (a NUL character, "²", a number with thirteen
digits, a negative count, a topic longer than the record keeps), so a bad request answers 400
with the field's message in the user's language and changes nothing. Each number field has
one message for every way it can be wrong: the user needs to know what to give, not why
Python could not read it.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from committee.procedure.attendance import RollStatus
from committee.procedure.choices import MotionCode, MoverChoice, PointKind, RorGround, YieldKind
from committee.procedure.electorate import VoteChoice
from committee.procedure.sitting import TIMER_EXTENSION_MAX_SECONDS
from committee.procedure.voting_motions import NAMING_DRAFTS, ON_A_DRAFT
from committee.procedure.voting_state import VoteMethod
from committee.readmodels.motions import DraftChoices
from committee.readmodels.points import AUDIBILITY_CHOICE
from committee.services.caucuses import END_CHAIR, END_REASONS_BY_DAIS
from committee.services.motions import CHOICES as VOTE_CHOICES
from committee.services.motions import RULING_DECISIONS
from committee.services.points import POINT_OUTCOMES, POINT_TEXT_MAX_LENGTH
from committee.services.voting import REFUSED as ROLL_CALL_REFUSED

# Ids are database keys (64-bit); anything larger is not a delegation, whatever it says.
ID_MAX = 2**63 - 1
MOTION_ID_MAX_LENGTH = 40
TOPIC_MAX_LENGTH = 200
RULING_NOTE_MAX_LENGTH = 200
TOTAL_MINUTES_MAX = 24 * 60
SPEAKER_SECONDS_MAX = 24 * 60 * 60
SPEAKERS_LIST_MAX_POSITION = 10_000
PLACARDS_MAX = 10_000
POIS_OFFERED_MAX = 20  # as the max_pois parameter allows
VOID_REASON_MAX_LENGTH = 500
NO_DRAFTS = DraftChoices()

NUMBER_ERRORS = ("required", "invalid", "min_value", "max_value", "step_size")
CHOICE_ERRORS = ("required", "invalid_choice")
MULTIPLE_CHOICE_ERRORS = ("required", "invalid_choice", "invalid_list")


def _one_message(message: Any, codes: tuple[str, ...]) -> dict[str, Any]:
    return dict.fromkeys(codes, message)


def delegation_field(message: Any, *, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        required=required,
        error_messages=_one_message(message, NUMBER_ERRORS),
    )


def choice_field(choices: Any, message: Any, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[(getattr(value, "value", value),) * 2 for value in choices],
        required=required,
        error_messages=_one_message(message, CHOICE_ERRORS),
    )


def placard_count_field() -> forms.IntegerField:
    """A number of placards the dais counted; left out when the vote was not by placard."""
    return forms.IntegerField(
        min_value=0,
        max_value=PLACARDS_MAX,
        required=False,
        error_messages=_one_message(
            _("Count the placards in whole numbers (0 or more)."), NUMBER_ERRORS
        ),
    )


def switch_field() -> forms.BooleanField:
    """An on/off value sent by a button ("1" or "0"); missing means off. (A checkbox widget
    would read any non-empty value, "0" included, as ticked.)"""
    return forms.BooleanField(required=False, widget=forms.HiddenInput)


def first_error(form: forms.Form) -> str:
    """The message to show for a refused form: its first error, in the user's language."""
    errors = next(iter(form.errors.values()))
    return str(errors[0])


# ---- attendance and the speaker's timer ---------------------------------------------------------


class AttendanceForm(forms.Form):
    status = choice_field(RollStatus, _("Choose absent, present or present and voting."))


class PhoneAttendanceForm(forms.Form):
    status = choice_field(
        (RollStatus.PRESENT, RollStatus.PRESENT_AND_VOTING),
        _("Answer present, or present and voting."),
    )


class TimerForm(forms.Form):
    seconds = forms.IntegerField(
        min_value=0,
        max_value=TIMER_EXTENSION_MAX_SECONDS,
        required=False,
        error_messages={
            **_one_message(_("Give the extension in whole seconds."), NUMBER_ERRORS),
            "max_value": _("An extension can be at most %(limit_value)s seconds."),
        },
    )

    def clean_seconds(self) -> int:
        return self.cleaned_data["seconds"] or 0


# ---- motions ------------------------------------------------------------------------------------


class MotionFieldsForm(forms.Form):
    """A motion's parameters: total time in minutes (1.5 is fine), speaking time in seconds.

    A field left out of the POST is None, so the chair's suggested change keeps the motion's
    own topic when the form had no topic field.
    """

    total_minutes = forms.DecimalField(
        min_value=0,
        max_value=TOTAL_MINUTES_MAX,
        required=False,
        error_messages=_one_message(
            _("Give the total time in minutes, e.g. 10 or 1.5."),
            (*NUMBER_ERRORS, "max_digits", "max_decimal_places", "max_whole_digits"),
        ),
    )
    speaker_seconds = forms.IntegerField(
        min_value=1,
        max_value=SPEAKER_SECONDS_MAX,
        required=False,
        error_messages=_one_message(
            _("Give the speaking time in whole seconds, e.g. 60."), NUMBER_ERRORS
        ),
    )
    topic = forms.CharField(
        max_length=TOPIC_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("The topic is too long (at most 200 characters).")},
    )

    def clean_total_minutes(self) -> Any:
        minutes = self.cleaned_data["total_minutes"]
        if minutes is not None and minutes <= 0:
            raise forms.ValidationError(self.fields["total_minutes"].error_messages["invalid"])
        return minutes

    def motion_fields(self) -> dict[str, Any]:
        """The service's keyword arguments: total_seconds, speaker_seconds, topic."""
        minutes = self.cleaned_data["total_minutes"]
        return {
            "total_seconds": None if minutes is None else int(minutes * 60),
            "speaker_seconds": self.cleaned_data["speaker_seconds"],
            "topic": self.cleaned_data["topic"] if "topic" in self.data else None,
        }


PARTS_MESSAGE = _("Choose operative clauses of the draft resolution named, each once.")
ORDER_MESSAGE = _("Put every draft resolution in voting in the new order, each once.")
DRAFT_MESSAGE = _("Choose a draft resolution in voting from the list.")


class PhoneMotionRaiseForm(MotionFieldsForm):
    """A motion raised, with what it names: the paper a motion to introduce (or a Q&A
    session) names, or the draft in voting a voting-procedure motion is about (`target`); the
    clauses a division of it votes on separately (`parts`); every draft in voting in the order
    a reorder proposes (`order`, one value per place). Drafts and clauses are checked against
    those in voting (`drafts`): a clause of another draft, or a preambular one, is refused."""

    code = forms.CharField(max_length=40, required=False)
    target = forms.CharField(
        max_length=MOTION_ID_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Choose a document from the list.")},
    )
    parts = forms.MultipleChoiceField(
        required=False, error_messages=_one_message(PARTS_MESSAGE, MULTIPLE_CHOICE_ERRORS)
    )
    order = forms.MultipleChoiceField(
        required=False, error_messages=_one_message(ORDER_MESSAGE, MULTIPLE_CHOICE_ERRORS)
    )

    def __init__(self, *args: Any, drafts: DraftChoices = NO_DRAFTS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.drafts = drafts
        clauses = sorted({clause for named in drafts.divisible.values() for clause in named})
        self.fields["parts"].choices = [(clause, clause) for clause in clauses]
        self.fields["order"].choices = [(draft, draft) for draft in drafts.drafts]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        code = cleaned.get("code")
        if code not in NAMING_DRAFTS:
            return {**cleaned, "parts": [], "order": []}
        target = cleaned.get("target", "")
        if code in ON_A_DRAFT and "target" not in self.errors and target not in self.drafts.drafts:
            self.add_error("target", DRAFT_MESSAGE)
        parts = cleaned.get("parts") or []
        if code != MotionCode.DIVIDE_QUESTION:
            parts = []
        elif "parts" not in self.errors and (
            not parts
            or len(set(parts)) != len(parts)
            or not set(parts) <= self.drafts.divisible.get(target, frozenset())
        ):
            self.add_error("parts", PARTS_MESSAGE)
        order = cleaned.get("order") or []
        if code != MotionCode.REORDER_DRS:
            order = []
        elif "order" not in self.errors and sorted(order) != sorted(self.drafts.drafts):
            self.add_error("order", ORDER_MESSAGE)
        return {**cleaned, "parts": parts, "order": order}

    def motion_fields(self) -> dict[str, Any]:
        return {
            **super().motion_fields(),
            "topic": self.cleaned_data["topic"],
            "target": self.cleaned_data["target"],
            "parts": tuple(self.cleaned_data["parts"]),
            "order": tuple(self.cleaned_data["order"]),
        }


class MotionRaiseForm(PhoneMotionRaiseForm):
    mover = delegation_field(_("Choose the delegation that moves it."))


class MotionForm(forms.Form):
    """Which motion a button acts on, as the screen showed it."""

    motion_id = forms.CharField(max_length=MOTION_ID_MAX_LENGTH, required=False)


class MotionSuggestForm(MotionFieldsForm, MotionForm):
    pass


class MotionSecondForm(MotionForm):
    seconder = delegation_field(_("Choose the delegation that seconds."))


class MotionRuleForm(MotionForm):
    decision = choice_field(
        RULING_DECISIONS, _("Rule the motion in order, out of order or dilatory.")
    )


class MotionVoteOpenForm(MotionForm):
    method = choice_field(("placard", "phone"), _("Choose a placard vote or a phone vote."))


class MotionVoteCloseForm(forms.Form):
    """Placard counts; a phone vote sends none."""

    yes = placard_count_field()
    no = placard_count_field()


class MotionAnswerForm(MotionForm):
    answer = choice_field(("accept", "refuse"), _("Accept or refuse the change."))


class AppealForm(forms.Form):
    """Which ruling is appealed, as the screen showed it: a ruling on a point of order by its
    id; left out, the chair's last ruling on a motion."""

    ruling = forms.CharField(max_length=MOTION_ID_MAX_LENGTH, required=False)


class DaisAppealForm(AppealForm):
    """An appeal the dais records for a delegation without a working phone."""

    appellant = delegation_field(_("Choose the delegation that appeals."))


class BallotForm(forms.Form):
    choice = choice_field(VOTE_CHOICES, _("Vote yes or no: procedural votes allow no abstention."))


class DaisBallotForm(BallotForm):
    """A ballot the dais enters for a delegation without a working phone."""

    delegation = delegation_field(_("Choose the delegation whose vote you enter."))


# ---- voting procedure ---------------------------------------------------------------------------


class VoteOpenForm(forms.Form):
    method = choice_field(VoteMethod, _("Choose how the question is put."))


class VoteCloseForm(forms.Form):
    """Placard counts (a vote by phones or roll call sends none) and, for phones, the dais's
    word that it closes with ballots missing."""

    yes = placard_count_field()
    no = placard_count_field()
    abstain = placard_count_field()
    accept_missing = switch_field()


class VoteBallotForm(forms.Form):
    """A vote on a draft resolution, an amendment or a part of one, from a phone."""

    choice = choice_field(VoteChoice, _("Choose Yes, No or one of the answers offered."))


class DaisVoteBallotForm(VoteBallotForm):
    """A vote the dais enters for a delegation, or an answer it records at a roll call."""

    choice = choice_field(
        (*VoteChoice, ROLL_CALL_REFUSED), _("Choose Yes, No or one of the answers offered.")
    )
    delegation = delegation_field(_("Choose the delegation whose vote you enter."))


class AmendmentOrderForm(forms.Form):
    """A DR's amendments in the order the chair wants them voted, as their refs ("am:7,am:9")."""

    document = delegation_field(_("Choose the draft resolution."))
    order = forms.CharField(
        max_length=2000,
        error_messages=_one_message(_("Give the amendments in their new order."), ("required",)),
    )

    def clean_order(self) -> list[str]:
        refs = [ref.strip() for ref in self.cleaned_data["order"].split(",") if ref.strip()]
        if not refs or any(not ref.startswith("am:") or not ref[3:].isdigit() for ref in refs):
            raise forms.ValidationError(_("Give the amendments in their new order."))
        return refs


class VoteVoidForm(forms.Form):
    reason = forms.CharField(
        max_length=VOID_REASON_MAX_LENGTH,
        error_messages=_one_message(
            _("Say why the result is void (up to 500 characters)."), ("required", "max_length")
        ),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason or "\x00" in reason:
            raise forms.ValidationError(_("Say why the result is void (up to 500 characters)."))
        return reason


# ---- caucuses -----------------------------------------------------------------------------------


class RecogniseForm(forms.Form):
    delegation = delegation_field(_("Choose the delegation to recognise."))


class CaucusEndForm(forms.Form):
    reason = choice_field(
        END_REASONS_BY_DAIS, _("Unknown reason for ending the caucus."), required=False
    )

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"] or END_CHAIR


class MoverChoiceForm(forms.Form):
    choice = choice_field(MoverChoice, _("Choose first, last or not speaking."))


# ---- points and rights of reply -----------------------------------------------------------------


class PointResolveForm(forms.Form):
    outcome = choice_field(POINT_OUTCOMES, _("Choose how the point was resolved."))
    note = forms.CharField(
        max_length=RULING_NOTE_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Keep the note to %(limit_value)s characters."),
        },
    )


class PointRaiseForm(forms.Form):
    point = choice_field(
        (*PointKind, AUDIBILITY_CHOICE), _("Choose which point to raise."), required=True
    )
    text = forms.CharField(
        max_length=POINT_TEXT_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Keep the point to %(limit_value)s characters; say the rest aloud."),
        },
    )
    conduct_of_vote = switch_field()

    def point_fields(self) -> dict[str, Any]:
        """The service's keyword arguments: the audibility point is a point of privilege."""
        audibility = self.cleaned_data["point"] == AUDIBILITY_CHOICE
        kind = PointKind.PERSONAL_PRIVILEGE if audibility else PointKind(self.cleaned_data["point"])
        return {
            "kind": kind,
            "audibility": audibility,
            "about_conduct_of_vote": self.cleaned_data["conduct_of_vote"],
            "text": self.cleaned_data["text"],
        }


class ReplyRequestForm(forms.Form):
    against = delegation_field(_("Choose the delegation whose speech you reply to."))
    ground = choice_field(RorGround, _("Choose what the speech impugned."))

    def clean_ground(self) -> RorGround:
        return RorGround(self.cleaned_data["ground"])


# ---- the speakers' list -------------------------------------------------------------------------


class DelegationForm(forms.Form):
    delegation = delegation_field(_("Choose a delegation."))


class SpeakerMoveForm(forms.Form):
    """An entry's move, with the place it had on the asker's screen ("from" is a keyword in
    Python, hence the fields added by name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        message = _("Say which entry moves, from which place to which.")
        self.fields["delegation"] = delegation_field(message)
        for name in ("from", "to"):
            self.fields[name] = forms.IntegerField(
                min_value=1,
                max_value=SPEAKERS_LIST_MAX_POSITION,
                error_messages=_one_message(message, NUMBER_ERRORS),
            )


class SelfServiceForm(forms.Form):
    on = switch_field()


class ListClosedForm(forms.Form):
    closed = switch_field()


class YieldAnswerForm(forms.Form):
    accept = switch_field()


class SeenForm(forms.Form):
    """Who had the floor on the asker's screen ("" for nobody); None when the screen did not
    say, so the service does not check."""

    current = forms.CharField(max_length=40, required=False)
    speaker = forms.CharField(max_length=40, required=False)

    def seen(self, name: str) -> str | None:
        return self.cleaned_data[name] if name in self.data else None


class YieldForm(forms.Form):
    kind = choice_field(YieldKind, _("Yield to the chair, a delegate, questions or comments."))
    target = delegation_field(_("Choose the delegate yielded to."), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("kind") == YieldKind.DELEGATE:
            if cleaned.get("target") is None and "target" not in self.errors:
                self.add_error("target", _("Choose the delegate yielded to."))
        else:
            cleaned["target"] = None
        return cleaned


class QuestionForm(forms.Form):
    questioner = delegation_field(
        _("Choose the delegation that asks the question."), required=False
    )
    follow_up = switch_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        missing = cleaned.get("questioner") is None and "questioner" not in self.errors
        if missing and not cleaned.get("follow_up"):
            self.add_error("questioner", _("Choose the delegation that asks the question."))
        return cleaned


class CommentForm(forms.Form):
    commenter = delegation_field(_("Choose a delegation."))


class PoisForm(forms.Form):
    """The holder of the floor is open to points of information (`open`), to `offered` of them
    or, left empty, to as many as the chair takes; or takes no more."""

    open = switch_field()
    offered = forms.IntegerField(
        min_value=1,
        max_value=POIS_OFFERED_MAX,
        required=False,
        error_messages=_one_message(
            _("Give how many points of information, from 1 to 20, or leave it empty."),
            NUMBER_ERRORS,
        ),
    )
