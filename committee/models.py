"""The committee's persistent state: conferences, committees, delegations, dais and access.

Rows are written only by committee/services/; views and consumers read through selectors.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from committee.procedure.errors import ProcedureError
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

    `state` is the floor document (committee.floor.FloorDoc as JSON): phase, attendance,
    speakers' list, speech, caucus, motions, points and their timers. Timers are stored as
    deadlines, so a server restart loses nothing. `seq` grows with every change; screens use it
    to notice a missed update.
    """

    committee = models.OneToOneField(
        Committee, on_delete=models.CASCADE, related_name="floor", primary_key=True
    )
    state = models.JSONField(default=dict)
    seq = models.PositiveBigIntegerField(default=0)
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


class ProceduralBallot(models.Model):
    """One delegation's Yes or No on a procedural motion, cast on its phone.

    The unique constraint is what makes "one vote per delegation per question" hold even when
    a phone sends the same vote twice or two phones of a delegation vote at once.
    """

    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="ballots")
    motion_id = models.CharField(max_length=40)
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=3, choices=Choice)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "motion_id", "delegation"], name="one_ballot_per_motion"
            )
        ]
        verbose_name = _("procedural ballot")
        verbose_name_plural = _("procedural ballots")

    def __str__(self) -> str:
        return f"{self.delegation} {self.choice} on {self.motion_id}"


class FloorEvent(models.Model):
    """The append-only action log: who did what, when, and the floor before and after.

    Undo never deletes: it appends an event whose `undoes` points at the event it reverses.
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="events")
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=60)
    facts = models.JSONField(default=dict, blank=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_delegation = models.ForeignKey(
        Delegation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    undoable = models.BooleanField(default=True)
    undoes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="undone_by"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "seq"], name="event_seq_unique")
        ]
        verbose_name = _("floor event")
        verbose_name_plural = _("floor events")

    def __str__(self) -> str:
        return f"{self.committee.acronym} #{self.seq} {self.kind}"


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
