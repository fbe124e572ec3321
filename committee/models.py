"""The committee's persistent state: conferences, committees, delegations, dais and access.

Rows are written only by committee/services/; views and consumers read through selectors.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.parameters import Parameters
from committee.procedure.profiles import resolve_parameters, validate_overrides
from committee.procedure_messages import describe
from committee.wording import in_language

# Access codes avoid letters and digits that are easily confused when read off a card
# (0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V).
ACCESS_CODE_ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
ACCESS_CODE_LENGTH = 8


def new_access_code() -> str:
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


def new_projector_token() -> str:
    return secrets.token_urlsafe(24)


def normalise_access_code(typed: str) -> str:
    """What a person typed, as stored: case-insensitive, spaces and dashes ignored."""
    return "".join(ch for ch in typed.upper() if ch not in " -\t")


class Conference(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    slug = models.SlugField(_("short name in links"), unique=True)
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def __str__(self) -> str:
        return self.name

    def display_name(self) -> str:
        return in_language(self.name, self.name_zh)


class Committee(models.Model):
    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="committees",
        verbose_name=_("conference"),
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=20)
    slug = models.SlugField(_("short name in links"), unique=True)
    rules_profile = models.CharField(_("rules profile"), max_length=40, default="cn_common")
    rules_overrides = models.JSONField(_("rule overrides"), default=dict, blank=True)
    projector_token = models.CharField(max_length=64, unique=True, default=new_projector_token)

    class Meta:
        ordering = ["conference", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})"

    def get_absolute_url(self) -> str:
        return reverse("dais_floor", kwargs={"slug": self.slug})

    def display_name(self) -> str:
        return in_language(self.name, self.name_zh)

    def parameters(self) -> Parameters:
        """The rules in force: the profile's values with this committee's overrides."""
        return resolve_parameters(self.rules_profile, self.rules_overrides or {})

    def clean(self) -> None:
        # The rules engine owns the list of profiles and parameters and their allowed values.
        try:
            validate_overrides(self.rules_profile, self.rules_overrides or {})
        except ProcedureError as error:
            field = "rules_profile" if error.code == "unknown_profile" else "rules_overrides"
            raise ValidationError({field: describe(error, get_language() or "en")}) from error


class Topic(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="topics")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)

    class Meta:
        ordering = ["committee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="topic_number_unique")
        ]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.title

    def display_title(self) -> str:
        return in_language(self.title, self.title_zh)


class Delegation(models.Model):
    class Kind(models.TextChoices):
        # Values match committee.procedure.attendance.DelegationKind.
        MEMBER = "member", _("Member State")
        OBSERVER = "observer", _("Observer")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="delegations")
    name = models.CharField(_("name"), max_length=120, help_text=_("As the committee uses it."))
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    country = CountryField(_("ISO 3166 code"), blank=True, help_text=_("Used for the flag."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.MEMBER)
    sort_key = models.CharField(
        _("roll-call sort key"), max_length=120, help_text=_("Roll call is in this order.")
    )

    class Meta:
        ordering = ["committee", "sort_key", "name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "name"], name="delegation_name_unique")
        ]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return self.name

    def display_name(self) -> str:
        return in_language(self.name, self.name_zh)

    @property
    def is_member(self) -> bool:
        return self.kind == self.Kind.MEMBER


class DaisMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        RAPPORTEUR = "rapporteur", _("Rapporteur")
        DIRECTOR = "director", _("Director")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dais_memberships"
    )
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="dais")
    role = models.CharField(_("role"), max_length=12, choices=Role)

    class Meta:
        ordering = ["committee", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "committee"], name="dais_membership_unique")
        ]
        verbose_name = _("dais membership")
        verbose_name_plural = _("dais memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.committee.acronym}"


class SecretariatMember(models.Model):
    """A person who sets up the conference and watches every committee."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secretariat"
    )
    title = models.CharField(_("title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("secretariat member")
        verbose_name_plural = _("secretariat members")

    def __str__(self) -> str:
        return str(self.user)


class Session(models.Model):
    """One sitting of a committee, opened and closed by the chair (not a browser session)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["committee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "number"], name="session_number_unique")
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.committee.acronym} session {self.number}"


class DelegationAccess(models.Model):
    """The code a delegation types (or scans) to bind a phone's browser session to itself.

    `version` grows whenever the code is regenerated; a browser session remembers the version
    it was bound with, so every session bound with an older code stops working at once.
    """

    delegation = models.OneToOneField(Delegation, on_delete=models.CASCADE, related_name="access")
    code = models.CharField(max_length=ACCESS_CODE_LENGTH, unique=True, default=new_access_code)
    version = models.PositiveIntegerField(default=1)
    regenerated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delegation access code")
        verbose_name_plural = _("delegation access codes")

    def __str__(self) -> str:
        return f"{self.delegation} access"

    def formatted_code(self) -> str:
        """The code as printed: two groups of four, easier to read aloud and to type."""
        half = ACCESS_CODE_LENGTH // 2
        return f"{self.code[:half]} {self.code[half:]}"


class BoundDevice(models.Model):
    """A browser session bound to a delegation with its access code."""

    access = models.ForeignKey(DelegationAccess, on_delete=models.CASCADE, related_name="devices")
    session_key = models.CharField(max_length=40, unique=True)
    access_version = models.PositiveIntegerField()
    bound_at = models.DateTimeField(auto_now_add=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("bound device")
        verbose_name_plural = _("bound devices")

    def __str__(self) -> str:
        return f"{self.access.delegation} device {self.pk}"


class LiveConnection(models.Model):
    """An open websocket of a delegation's phone: the dais roster shows it as online."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="live_connections"
    )
    channel_name = models.CharField(max_length=200, unique=True)
    connected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("live connection")
        verbose_name_plural = _("live connections")

    def __str__(self) -> str:
        return f"{self.delegation} via {self.channel_name}"


class ReferenceDocument(models.Model):
    """A document delegates read on their phones, e.g. the committee's background guide."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="reference_documents"
    )
    slug = models.SlugField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["committee", "position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "slug"], name="reference_slug_unique")
        ]
        verbose_name = _("reference document")
        verbose_name_plural = _("reference documents")

    def __str__(self) -> str:
        return self.title


class Floor(models.Model):
    """The live state of a committee's floor: one row, locked by every floor action.

    `state` is the floor document (committee.procedure.floor.FloorDoc as JSON): phase, attendance,
    speakers' list, speech, caucus, motions, points and their timers. Timers are stored as
    deadlines, so a server restart loses nothing. `seq` grows with every change; screens use it
    to notice a missed update; `last_hash` is the hash of the newest event in the log, which the
    next event chains onto.
    """

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="floor", primary_key=True
    )
    state = models.JSONField(default=dict)
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # The seq of the newest event about documents: what their screens are drawn from.
    documents_seq = models.PositiveBigIntegerField(default=0)
    # What the dais shows on the projector over the floor, and which page of it.
    projected_document = models.ForeignKey(
        "Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    projected_page = models.PositiveSmallIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")

    def __str__(self) -> str:
        return f"{self.committee.acronym} floor #{self.seq}"


class AttendanceRecord(models.Model):
    """A delegation's roll-call status in one session, kept for the report."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20)
    since = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "delegation"], name="attendance_once_per_session"
            )
        ]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")

    def __str__(self) -> str:
        return f"{self.delegation} {self.status} in {self.session}"


class FloorEvent(models.Model):
    """The append-only, hash-chained action log: who did what, when, and what it changed.

    `payload` holds the kind's typed facts (ids, not names; see committee/procedure/facts/),
    `change` the steps from the floor before to the floor after (committee/log/change.py) and
    `rows` the lasting rows the action wrote, so undo can take them back. Undo never deletes:
    it appends an event whose `undoes` points at the event it reverses. `prev_hash` and `hash`
    chain the events (committee/log/chain.py); `manage.py verify_log` checks them.
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="events")
    # The record may lose a session, a delegation or a dais account only with its committee.
    session = models.ForeignKey(
        Session, on_delete=models.RESTRICT, null=True, blank=True, related_name="events"
    )
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=60, choices=[(kind.value, kind.value) for kind in EventKind])
    payload = models.JSONField(default=dict, blank=True)
    change = models.JSONField(default=list, blank=True)
    rows = models.JSONField(default=list, blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_delegation = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    undoable = models.BooleanField(default=True)
    undoes = models.OneToOneField(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="undone_by"
    )
    created_at = models.DateTimeField(default=timezone.now)
    prev_hash = models.CharField(max_length=64, default="")
    hash = models.CharField(max_length=64, default="")

    class Meta:
        ordering = ["committee", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "seq"], name="event_seq_unique")
        ]
        verbose_name = _("floor event")
        verbose_name_plural = _("floor events")

    def __str__(self) -> str:
        return f"{self.committee.acronym} #{self.seq} {self.kind}"

    @property
    def event_kind(self) -> EventKind:
        return EventKind(self.kind)


class Speech(models.Model):
    """One turn at the microphone, written when it ends; statistics and the report count these."""

    class Kind(models.TextChoices):
        GSL = "gsl", _("speakers' list")
        YIELDED = "yielded", _("time yielded by another delegation")
        CAUCUS = "caucus", _("moderated caucus")
        REPLY = "reply", _("right of reply")
        QUESTION = "question", _("question")
        ANSWER = "answer", _("answer")
        COMMENT = "comment", _("comment")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="speeches")
    session = models.ForeignKey(
        Session, on_delete=models.RESTRICT, null=True, blank=True, related_name="speeches"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="speeches")
    kind = models.CharField(max_length=10, choices=Kind)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    seconds = models.PositiveIntegerField(help_text=_("Time spoken, pauses excluded."))
    # How a speakers'-list speech was yielded (chair, delegate, questions, comments).
    yielded_to = models.CharField(max_length=12, blank=True)
    yielded_to_delegation = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["committee", "started_at", "pk"]
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")

    def __str__(self) -> str:
        return f"{self.delegation} {self.kind} {self.seconds}s"


class Motion(models.Model):
    """A motion from the moment it is raised to its fate; `floor_id` is its id on the floor."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="motions")
    session = models.ForeignKey(
        Session, on_delete=models.RESTRICT, null=True, blank=True, related_name="motions"
    )
    floor_id = models.CharField(max_length=40)
    code = models.CharField(max_length=40)  # the motion's kind, a MotionCode value
    mover = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="motions_moved"
    )
    co_movers = models.ManyToManyField(Delegation, blank=True, related_name="motions_co_moved")
    seconder = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    fields = models.JSONField(default=dict, blank=True)  # duration, speaking time, topic…
    status = models.CharField(max_length=20)  # a MotionStatus value
    raised_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["committee", "raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "floor_id"], name="motion_floor_id_unique")
        ]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self) -> str:
        return f"{self.committee.acronym} {self.floor_id} {self.code} {self.status}"


class Ruling(models.Model):
    """A ruling of the chair on a motion or a point, which may be appealed."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="rulings")
    session = models.ForeignKey(
        Session, on_delete=models.RESTRICT, null=True, blank=True, related_name="rulings"
    )
    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, null=True, blank=True, related_name="rulings"
    )
    point_by = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=40)  # what was ruled on (a motion code or point kind)
    decision = models.CharField(max_length=30)
    state = models.CharField(max_length=20)  # in force, under appeal, upheld, overturned
    ruled_at = models.DateTimeField()

    class Meta:
        ordering = ["committee", "ruled_at", "pk"]
        verbose_name = _("ruling")
        verbose_name_plural = _("rulings")

    def __str__(self) -> str:
        return f"{self.subject} {self.decision} ({self.state})"


class Question(models.Model):
    """Anything put to a vote: a procedural motion or an appeal, and in voting procedure an
    amendment, a part of a divided question or a draft resolution. Its ballots are rows of
    their own; its result, once announced, is never edited, only voided with a reason."""

    class Method(models.TextChoices):
        PLACARDS = "placards", _("placards")
        PHONES = "phones", _("phones")
        ROLL_CALL = "roll_call", _("roll call")
        CONSENSUS = "consensus", _("consensus")

    class Kind(models.TextChoices):
        MOTION = "motion", _("motion")
        AMENDMENT = "amendment", _("amendment")
        DIVISION_PART = "division_part", _("part of a divided question")
        DR = "dr", _("draft resolution")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="questions")
    session = models.ForeignKey(
        Session, on_delete=models.RESTRICT, null=True, blank=True, related_name="questions"
    )
    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.MOTION)
    document = models.ForeignKey(
        "Document", on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    amendment = models.ForeignKey(
        "Amendment", on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    clause = models.CharField(max_length=20, blank=True)  # a divided question's part
    method = models.CharField(max_length=10, choices=Method)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    yes = models.PositiveIntegerField(null=True, blank=True)
    no = models.PositiveIntegerField(null=True, blank=True)
    abstain = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    # Who may vote, frozen when the vote opened (the engine's ElectorateSnapshot as JSON).
    electorate = models.JSONField(default=dict, blank=True)
    threshold = models.CharField(max_length=40, blank=True)  # "kind/base"
    verdict = models.CharField(max_length=20, blank=True)  # a Verdict value, once decided
    not_voting = models.PositiveIntegerField(null=True, blank=True)
    required_yes = models.PositiveIntegerField(null=True, blank=True)
    base_size = models.PositiveIntegerField(null=True, blank=True)
    # A roll call: the order of calling (delegation ids), the seed of a draw by lot, the round.
    call_order = models.JSONField(default=list, blank=True)
    call_seed = models.BigIntegerField(null=True, blank=True)
    round = models.PositiveSmallIntegerField(default=1)
    # Those who voted "with rights" and explain their vote after the result (§6.4).
    rights = models.JSONField(default=list, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=500, blank=True)
    # What the result wrote on the papers (statuses and versions before it): voiding puts it back.
    effects = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["committee", "opened_at", "pk"]
        verbose_name = _("question put to the vote")
        verbose_name_plural = _("questions put to the vote")

    def __str__(self) -> str:
        return f"question {self.pk} on {self.motion_id}"


class Appeal(models.Model):
    """An appeal of a ruling, decided by the vote on its question."""

    ruling = models.OneToOneField(Ruling, on_delete=models.CASCADE, related_name="appeal")
    appellant = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    question = models.OneToOneField(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="appeal"
    )
    overturned = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"appeal of ruling {self.ruling_id}"


class Ballot(models.Model):
    """One delegation's vote on one question in one round: the only place a ballot lives.

    The unique constraint is what makes "one vote per delegation per question" hold even when
    a phone sends the same vote twice at the same moment.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="ballots")
    delegation = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="ballots")
    round = models.PositiveSmallIntegerField(default=1)
    choice = models.CharField(max_length=20)  # a VoteChoice value
    entered_by_dais = models.BooleanField(default=False)
    cast_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "delegation", "round"], name="ballot_once_per_round"
            )
        ]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self) -> str:
        return f"{self.delegation} {self.choice} on question {self.question_id}"


class ConsensusObjection(models.Model):
    """A delegation's objection when the chair asks whether the committee adopts a text
    without a vote (§6.7); an observer's is kept but cannot block."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="objections")
    delegation = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="+")
    raised_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "delegation"], name="objection_once_per_question"
            )
        ]
        verbose_name = _("objection to consensus")
        verbose_name_plural = _("objections to consensus")

    def __str__(self) -> str:
        return f"{self.delegation} objects on question {self.question_id}"


# Limits of what a delegate types, shown beside each field and checked by the forms.
DOCUMENT_TITLE_MAX = 200
CLAUSE_TEXT_MAX = 2000
RATIONALE_MAX = 500
REASON_MAX = 500


class Document(models.Model):
    """A working paper or draft resolution: its number, status, quota and current version.

    The text lives in its versions (`DocumentVersion`, one row per change, never edited); who
    stands behind it lives in `Signature` rows. The engine's `Document` is built from these
    rows for every decision (committee/services/documents.py). A working paper the Director
    approved keeps its WP number when it goes forward as a draft resolution.
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="documents")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20)  # a DocumentKind value
    status = models.CharField(max_length=20)  # a DocumentStatus value
    title = models.CharField(_("title"), max_length=DOCUMENT_TITLE_MAX, blank=True)
    author = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="+")
    wp_number = models.PositiveSmallIntegerField(null=True, blank=True)
    dr_number = models.PositiveSmallIntegerField(null=True, blank=True)
    quota = models.PositiveSmallIntegerField(null=True, blank=True)  # fixed at submission
    version = models.PositiveIntegerField(default=0)  # the newest DocumentVersion's number
    changed_by_voted_amendment = models.BooleanField(default=False)
    return_reason = models.CharField(max_length=REASON_MAX, blank=True)
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    introduced_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)  # adopted, rejected or lapsed
    # An adopted draft resolution is the topic's resolution n, in the order of adoption.
    resolution_number = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["committee_id", "topic_id", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "wp_number"],
                condition=models.Q(wp_number__isnull=False),
                name="document_wp_number_unique",
            ),
            models.UniqueConstraint(
                fields=["topic", "dr_number"],
                condition=models.Q(dr_number__isnull=False),
                name="document_dr_number_unique",
            ),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.committee.acronym} document {self.pk} {self.kind} {self.status}"


class DocumentVersion(models.Model):
    """One state of a document's text, never changed: the clause tree as JSON, who made it,
    when, and how (written, imported, a Director's fix, an amendment applied)."""

    class Source(models.TextChoices):
        WRITTEN = "written", _("written")
        IMPORTED = "imported", _("pasted in")
        DIRECTOR_FIX = "director_fix", _("corrected by the Director")
        AMENDMENT = "amendment", _("amendment applied")
        DIVISION = "division", _("parts rejected in a divided vote struck")
        VOIDED = "voided", _("restored when a result was voided")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.JSONField()  # {"preambular": [...], "operative": [...]} with clause ids
    source = models.CharField(max_length=20, choices=Source)
    author_delegation = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amendment = models.ForeignKey(
        "Amendment", on_delete=models.RESTRICT, null=True, blank=True, related_name="versions"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["document_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            )
        ]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")

    def __str__(self) -> str:
        return f"document {self.document_id} v{self.number}"


class Signature(models.Model):
    """A delegation standing behind a document as sponsor or signatory, from the invitation
    to its answer and, perhaps, its withdrawal. At most one live row per document and
    delegation (a unique constraint: a double tap never signs twice)."""

    class Role(models.TextChoices):
        SPONSOR = "sponsor", _("sponsor")
        SIGNATORY = "signatory", _("signatory")

    class Ended(models.TextChoices):
        WITHDRAWN = "withdrawn", _("withdrawn")
        DECLINED = "declined", _("declined")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="signatures")
    delegation = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="signatures")
    role = models.CharField(max_length=10, choices=Role)
    invited_by = models.ForeignKey(
        Delegation, on_delete=models.RESTRICT, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)  # None: asked, not answered yet
    # A sponsor agreeing to withdraw the whole paper: it goes when every sponsor has (§8.21).
    withdrawal_asked_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended = models.CharField(max_length=10, choices=Ended, blank=True)

    class Meta:
        ordering = ["document_id", "signed_at", "invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "delegation"],
                condition=models.Q(ended_at__isnull=True),
                name="signature_live_once",
            )
        ]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.delegation} {self.role} of document {self.document_id}"


class Amendment(models.Model):
    """An amendment to a draft resolution: one change (add after / add a sub-clause / modify /
    strike) aimed at a clause by its stable id, why, and where it stands (`AmendmentStatus`)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField()  # 1, 2 … within the document
    submitter = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="amended_by"
    )
    action = models.CharField(max_length=10)  # an AmendmentAction value
    # The clause it aims at, by id; an ADD goes after it ("after") or under it as its last
    # sub-clause ("inside"); an ADD with no target is a new last operative clause.
    target = models.CharField(max_length=20, blank=True)
    placement = models.CharField(max_length=10, blank=True)
    new_clause_id = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    rationale = models.CharField(max_length=RATIONALE_MAX, blank=True)
    target_label = models.CharField(max_length=30, blank=True)  # "2(b)" when it was written
    status = models.CharField(max_length=20)  # an AmendmentStatus value
    quota = models.PositiveSmallIntegerField(null=True, blank=True)
    return_reason = models.CharField(max_length=REASON_MAX, blank=True)
    base_version = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="amendment_number_unique")
        ]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"amendment {self.number} to document {self.document_id}"


class AmendmentSupport(models.Model):
    """A sponsor's answer to "is this friendly?", or a signature on an unfriendly amendment;
    one per amendment and delegation."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("accepted as friendly")
        REFUSED = "refused", _("refused as friendly")
        SIGNED = "signed", _("signed")

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="supports")
    delegation = models.ForeignKey(Delegation, on_delete=models.RESTRICT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind)
    at = models.DateTimeField()

    class Meta:
        ordering = ["amendment_id", "at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "delegation"], name="amendment_support_once"
            )
        ]
        verbose_name = _("amendment support")
        verbose_name_plural = _("amendment supports")

    def __str__(self) -> str:
        return f"{self.delegation} {self.kind} amendment {self.amendment_id}"


class CredentialThrottle(models.Model):
    """Wrong guesses of one kind of credential (access code, password) from one address.

    A row is locked while an attempt is claimed, so concurrent guesses cannot overrun the
    limit. Written only by committee/services/throttle.py.
    """

    client = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)
    attempts = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "kind"], name="credential_throttle_unique")
        ]
        verbose_name = _("credential throttle")
        verbose_name_plural = _("credential throttles")

    def __str__(self) -> str:
        return f"{self.kind} from {self.client}: {self.attempts}"


# An export thread that has said nothing for this long died with its server process (a restart):
# its job is shown as stopped, and may be pruned.
EXPORT_SILENT_LIMIT = timedelta(minutes=15)


class ExportJob(models.Model):
    """One export of a committee's record asked for on the secretariat's export page.

    Written only by committee/services/exports.py: the row is made when the export is asked
    for, a background thread updates its progress and stores the file, or why it failed.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("export status", "queued")
        RUNNING = "running", pgettext_lazy("export status", "running")
        DONE = "done", pgettext_lazy("export status", "done")
        FAILED = "failed", pgettext_lazy("export status", "failed")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10)
    language = models.CharField(max_length=10)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    content = models.BinaryField(null=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The last sign of life from the thread: a job silent for long died with its server.
    updated_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["committee", "-created_at"], name="export_job_recent")]
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")

    def __str__(self) -> str:
        return f"{self.kind} export of committee {self.committee_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_lost(self) -> bool:
        """Not finished, and its thread silent for too long: it will never finish."""
        return not self.is_finished and timezone.now() - self.updated_at > EXPORT_SILENT_LIMIT
