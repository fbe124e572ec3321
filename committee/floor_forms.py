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
from committee.procedure.choices import MoverChoice, PointKind, RorGround, YieldKind
from committee.procedure.sitting import TIMER_EXTENSION_MAX_SECONDS
from committee.readmodels.points import AUDIBILITY_CHOICE
from committee.services.caucuses import END_CHAIR, END_REASONS_BY_DAIS
from committee.services.motions import CHOICES as VOTE_CHOICES
from committee.services.motions import RULING_DECISIONS
from committee.services.points import POINT_OUTCOMES, POINT_TEXT_MAX_LENGTH

# Ids are database keys (64-bit); anything larger is not a delegation, whatever it says.
ID_MAX = 2**63 - 1
MOTION_ID_MAX_LENGTH = 40
TOPIC_MAX_LENGTH = 200
RULING_NOTE_MAX_LENGTH = 200
TOTAL_MINUTES_MAX = 24 * 60
SPEAKER_SECONDS_MAX = 24 * 60 * 60
SPEAKERS_LIST_MAX_POSITION = 10_000
PLACARDS_MAX = 10_000

NUMBER_ERRORS = ("required", "invalid", "min_value", "max_value", "step_size")
CHOICE_ERRORS = ("required", "invalid_choice")


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


class PhoneMotionRaiseForm(MotionFieldsForm):
    code = forms.CharField(max_length=40, required=False)
    # The paper a motion to introduce (or a Q&A session) names, as its form listed it.
    target = forms.CharField(
        max_length=MOTION_ID_MAX_LENGTH,
        required=False,
        error_messages={"max_length": _("Choose a document from the list.")},
    )

    def motion_fields(self) -> dict[str, Any]:
        return {
            **super().motion_fields(),
            "topic": self.cleaned_data["topic"],
            "target": self.cleaned_data["target"],
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

    yes = forms.IntegerField(
        min_value=0,
        max_value=PLACARDS_MAX,
        required=False,
        error_messages=_one_message(
            _("Count the placards in whole numbers (0 or more)."), NUMBER_ERRORS
        ),
    )
    no = forms.IntegerField(
        min_value=0,
        max_value=PLACARDS_MAX,
        required=False,
        error_messages=_one_message(
            _("Count the placards in whole numbers (0 or more)."), NUMBER_ERRORS
        ),
    )


class MotionAnswerForm(MotionForm):
    answer = choice_field(("accept", "refuse"), _("Accept or refuse the change."))


class BallotForm(forms.Form):
    choice = choice_field(VOTE_CHOICES, _("Vote yes or no: procedural votes allow no abstention."))


class DaisBallotForm(BallotForm):
    """A ballot the dais enters for a delegation without a working phone."""

    delegation = delegation_field(_("Choose the delegation whose vote you enter."))


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
