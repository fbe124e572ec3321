"""The papers of the C34 demo day, played through the document services (`seed_demo --day`).

Over the lunch break that ends the morning (committee/demo/day.py), two blocs put their ideas
in writing and the dais reviews them, on the same simulated clock:

* Canada writes a paper on rapid deployment in the editor, the Netherlands joins it as a
  co-sponsor and adds to it, five delegations sign it on their phones, and it goes to the
  Director as a draft resolution: DR 1.1. Japan's friendly amendment to its second operative
  clause is accepted by both sponsors and applied as a new version; Egypt's amendment adding a
  clause on consent is refused by Canada, collects its signatures and waits for the vote.
* Pakistan pastes a paper on the safety of personnel and consultations with the
  troop-contributing countries, written elsewhere; Egypt co-sponsors it. Approved as WP 1.1,
  it is put forward as a draft resolution, signed to its quota and approved as DR 1.2.

The texts are the committee's own, written for this demo in the style of a 1995 resolution.
As in day.py, the script is data and `play_c34_papers()` runs it through the services only;
it checks every step (numbers, quotas, versions, amendment statuses) and stops with
`DayScriptError` when one does not end as written. The quota it expects comes from the
morning's script alone: a fifth of those who answered the last roll call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from committee.demo import day
from committee.demo.day import DayScriptError
from committee.document_rows import engine_document
from committee.models import Amendment, Committee, Delegation, Document, Signature
from committee.procedure.amendments import AmendmentStatus
from committee.procedure.documents import DocumentKind, quota_for
from committee.resolutions.body import same_text
from committee.resolutions.splitter import split_resolution
from committee.services import amendments, clock, documents

# How long a delegate takes to answer a request on its phone.
ANSWER_SECONDS = 40


# ---- the texts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    text: str
    children: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class Text:
    """A paper's clauses as its sponsors write them, without numbers or closing marks."""

    preambular: tuple[str, ...]
    operative: tuple[Clause, ...]


def clause(text: str, *children: Clause | str) -> Clause:
    return Clause(text, tuple(c if isinstance(c, Clause) else Clause(c) for c in children))


RAPID_DEPLOYMENT_TITLE = "Rapid deployment and standby arrangements"

_PRINCIPLES = (
    "Recalling that the consent of the parties, impartiality and the non-use of force except "
    "in self-defence remain the foundation of United Nations peacekeeping"
)
_DELAYS = (
    "Deeply concerned that in the past two years operations authorized by the Security Council "
    "have waited months for their troops while the situation on the ground grew worse"
)
_OFFERS = (
    "Noting with appreciation that a number of Member States have told the Secretariat which "
    "units, personnel and equipment they could make available under the standby arrangements"
)
_READINESS = (
    "Bearing in mind that a unit deployed in haste is of use only if it has been trained, "
    "equipped and supplied for the task it is given"
)
_REGISTER = (
    "Requests the Secretary-General to complete the database of the standby arrangements by the "
    "end of 1996, recording for every unit offered its strength, its equipment and the time it "
    "needs to deploy"
)
_STANDBY = (
    "Invites all Member States in a position to do so to take part in the standby arrangements "
    "and to keep the Secretariat informed of any change in what they offer"
)
_HEADQUARTERS = (
    "Requests the Secretary-General to form within the Department of Peacekeeping Operations a "
    "headquarters team that can begin the work of a new operation in the field within fifteen "
    "days of a decision of the Security Council"
)
_TRAINING = clause(
    "Encourages Member States to train their personnel before deployment to common standards, "
    "and requests the Secretary-General",
    "to prepare training material on the principles and practice of peacekeeping, including "
    "respect for international humanitarian law and for the local population",
    "to support national and regional peacekeeping training centres and exchanges between them",
    "to send training assistance teams to contributing countries that ask for them",
)
_RESERVE = (
    "Requests the Secretary-General to keep at the United Nations Logistics Base at Brindisi a "
    "reserve of equipment sufficient to start an operation of moderate size"
)
_REPORT = (
    "Requests the Secretary-General to report to the Special Committee at its next session on "
    "the progress made in carrying out the present resolution"
)

# Canada's first draft, the Netherlands' additions, then Canada's last touches.
RAPID_DEPLOYMENT_DRAFTS: tuple[Text, ...] = (
    Text((_PRINCIPLES, _DELAYS), (clause(_REGISTER), clause(_STANDBY), clause(_HEADQUARTERS))),
    Text(
        (_PRINCIPLES, _DELAYS, _READINESS),
        (clause(_REGISTER), clause(_STANDBY), clause(_HEADQUARTERS), _TRAINING),
    ),
    Text(
        (_PRINCIPLES, _DELAYS, _OFFERS, _READINESS),
        (
            clause(_REGISTER),
            clause(_STANDBY),
            clause(_HEADQUARTERS),
            _TRAINING,
            clause(_RESERVE),
            clause(_REPORT),
        ),
    ),
)

# Japan's friendly amendment: operative clause 2 also welcomes what is not a formed unit.
STANDBY_AMENDED = (
    "Invites all Member States in a position to do so to take part in the standby arrangements, "
    "with formed units, civilian police, logistic and medical support or equipment, and to keep "
    "the Secretariat informed of any change in what they offer"
)

# Egypt's amendment, refused by Canada: a clause after operative clause 3.
CONSENT_CLAUSE = (
    "Stresses that no unit offered under the standby arrangements shall be deployed without the "
    "consent of the host State and the parties, and that each contributing Government retains "
    "the decision to commit its units to a given operation"
)

SAFETY_TITLE = "Safety of peacekeepers and consultations with troop-contributing countries"

# Pasted as a delegate copies it out of a shared document: a heading, wrapped lines, numbers.
SAFETY_PASTED = """\
Special Committee on Peacekeeping Operations
Topic: Reform of UN Peacekeeping
Sponsors: Pakistan, Egypt

The Special Committee on Peacekeeping Operations,

Recalling that the safety of the men and women who serve under the United Nations flag is
the first duty the Organization owes to the countries that send them,

Deeply concerned at the number of peacekeepers killed and wounded in Somalia, Rwanda and the
former Yugoslavia, and at the detention of peacekeepers as hostages by parties to a conflict,

Welcoming the adoption by the General Assembly of the Convention on the Safety of United
Nations and Associated Personnel,

Convinced that the countries whose personnel carry out a mandate should be heard before that
mandate is decided, changed or ended,

Bearing in mind that a mandate without the means to carry it out puts at risk both the
operation and those who serve in it,

1. Calls upon all States that have not yet done so to sign and ratify the Convention on the
Safety of United Nations and Associated Personnel;

2. Requests the Secretary-General:
(a) to keep in the Department of Peacekeeping Operations a centre that is in contact with
every operation in the field at all hours;
(b) to include in the plan of every operation arrangements for the medical evacuation of the
sick and wounded;
(c) to inform the Security Council and the contributing countries without delay of any attack
on peacekeepers and of the measures taken in response;

3. Recommends that the Security Council meet with the troop-contributing countries before it
establishes, renews, changes or ends the mandate of an operation, and that such meetings be
held as a matter of course rather than at the request of those countries;

4. Stresses that every mandate should be clear and achievable, and matched from the outset by
the personnel, equipment and funds needed to carry it out;

5. Urges all Member States to pay their assessed contributions to peacekeeping in full and on
time, so that the countries that contribute troops and equipment are reimbursed without delay;

6. Requests the Secretary-General to report to the Special Committee at its next session on the
implementation of the present resolution.
"""


# ---- the steps ----------------------------------------------------------------------------------

# The papers, as the script names them.
RAPID_DEPLOYMENT = "rapid deployment"
SAFETY = "safety of personnel"
# The amendments, as the script names them.
FRIENDLY = "friendly: clause 2"
UNFRIENDLY = "unfriendly: consent"


@dataclass(frozen=True)
class Write:
    """A sponsor starts a paper in the editor (the first draft)."""

    paper: str
    by: str
    title: str
    text: Text


@dataclass(frozen=True)
class Revise:
    """A sponsor saves a new draft in the editor; clauses it kept keep their ids."""

    paper: str
    by: str
    text: Text


@dataclass(frozen=True)
class Paste:
    """A sponsor pastes a text written elsewhere; the splitter finds its clauses."""

    paper: str
    by: str
    title: str
    text: str


@dataclass(frozen=True)
class Invite:
    """A sponsor asks each delegation on its phone; each says yes in turn."""

    paper: str
    by: str
    invitees: tuple[str, ...]
    as_sponsor: bool = False


@dataclass(frozen=True)
class Submit:
    paper: str
    by: str
    as_draft_resolution: bool


@dataclass(frozen=True)
class Approve:
    """The Director approves; the paper must come out numbered `label`."""

    paper: str
    label: str


@dataclass(frozen=True)
class Promote:
    """A sponsor puts the approved working paper forward as a draft resolution."""

    paper: str
    by: str


@dataclass(frozen=True)
class Amend:
    """A delegate submits a change aimed at operative clause `clause` (numbered as it reads)."""

    label: str
    paper: str
    by: str
    action: str  # "add" (after the clause) or "modify"
    clause: int
    text: str
    rationale: str


@dataclass(frozen=True)
class ApproveAmendment:
    label: str


@dataclass(frozen=True)
class AnswerAmendment:
    """A sponsor of the DR says whether the amendment is friendly; `leaves` is its status after."""

    label: str
    sponsor: str
    accept: bool
    leaves: str


@dataclass(frozen=True)
class SignAmendment:
    """Delegations sign an unfriendly amendment until its quota, when it awaits the vote."""

    label: str
    signers: tuple[str, ...]


PaperStep = (
    day.Wait
    | Write
    | Revise
    | Paste
    | Invite
    | Submit
    | Approve
    | Promote
    | Amend
    | ApproveAmendment
    | AnswerAmendment
    | SignAmendment
)

C34_PAPERS: tuple[PaperStep, ...] = (
    day.Wait(10 * 60),
    Write(RAPID_DEPLOYMENT, "Canada", RAPID_DEPLOYMENT_TITLE, RAPID_DEPLOYMENT_DRAFTS[0]),
    Paste(SAFETY, "Pakistan", SAFETY_TITLE, SAFETY_PASTED),
    day.Wait(3 * 60),
    Invite(RAPID_DEPLOYMENT, "Canada", ("Netherlands",), as_sponsor=True),
    Invite(SAFETY, "Pakistan", ("Egypt",), as_sponsor=True),
    day.Wait(12 * 60),
    Revise(RAPID_DEPLOYMENT, "Netherlands", RAPID_DEPLOYMENT_DRAFTS[1]),
    Submit(SAFETY, "Egypt", as_draft_resolution=False),
    day.Wait(8 * 60),
    Revise(RAPID_DEPLOYMENT, "Canada", RAPID_DEPLOYMENT_DRAFTS[2]),
    Approve(SAFETY, "WP 1.1"),
    day.Wait(5 * 60),
    Invite(RAPID_DEPLOYMENT, "Canada", ("Denmark", "Sweden", "Australia", "Argentina", "Ghana")),
    Submit(RAPID_DEPLOYMENT, "Canada", as_draft_resolution=True),
    Promote(SAFETY, "Pakistan"),
    day.Wait(6 * 60),
    Approve(RAPID_DEPLOYMENT, "DR 1.1"),
    Invite(SAFETY, "Pakistan", ("Nigeria", "Ethiopia", "Bangladesh", "Malaysia", "Ghana")),
    day.Wait(4 * 60),
    Approve(SAFETY, "DR 1.2"),
    day.Wait(7 * 60),
    Amend(
        FRIENDLY,
        RAPID_DEPLOYMENT,
        "Japan",
        "modify",
        2,
        STANDBY_AMENDED,
        "Not every Member State can offer formed units; civilian police, logistics, medical "
        "support and equipment are needed as much.",
    ),
    Amend(
        UNFRIENDLY,
        RAPID_DEPLOYMENT,
        "Egypt",
        "add",
        3,
        CONSENT_CLAUSE,
        "Rapid deployment must not weaken the consent of the host State or the authority of "
        "contributing Governments over their own troops.",
    ),
    day.Wait(4 * 60),
    ApproveAmendment(FRIENDLY),
    ApproveAmendment(UNFRIENDLY),
    AnswerAmendment(FRIENDLY, "Canada", accept=True, leaves=AmendmentStatus.WITH_SPONSORS),
    AnswerAmendment(FRIENDLY, "Netherlands", accept=True, leaves=AmendmentStatus.APPLIED),
    AnswerAmendment(UNFRIENDLY, "Canada", accept=False, leaves=AmendmentStatus.UNFRIENDLY),
    day.Wait(3 * 60),
    SignAmendment(UNFRIENDLY, ("Pakistan", "China", "Algeria", "Nigeria", "Ethiopia", "Malaysia")),
)


def expected_quota(committee: Committee, script: tuple[day.Step, ...] = day.C34_MORNING) -> int:
    """A draft resolution's quota, from the morning's script alone: the committee's fraction of
    the delegations that answered the last roll call of the morning (§5.2)."""
    last = [step for step in script if isinstance(step, day.RollCall)][-1]
    answered = len(last.answers(committee.delegations.all()))
    members = committee.delegations.filter(kind=Delegation.Kind.MEMBER).count()
    return quota_for(committee.parameters(), DocumentKind.DRAFT_RESOLUTION, answered, members)


# ---- playing it ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PaperOutcome:
    label: str
    amended: int  # friendly amendments applied
    awaiting_vote: int  # unfriendly amendments waiting for voting procedure


@dataclass(frozen=True)
class PapersSummary:
    finished_at: datetime
    papers: tuple[PaperOutcome, ...]

    def line(self) -> str:
        """E.g. "2 papers: DR 1.1 (amended once, one amendment awaiting the vote), DR 1.2"."""
        return f"{len(self.papers)} papers: " + ", ".join(_outcome(p) for p in self.papers)


def _outcome(paper: PaperOutcome) -> str:
    notes = []
    if paper.amended:
        notes.append("amended once" if paper.amended == 1 else f"amended {paper.amended} times")
    if paper.awaiting_vote:
        count = "one amendment" if paper.awaiting_vote == 1 else f"{paper.awaiting_vote} amendments"
        notes.append(f"{count} awaiting the vote")
    return f"{paper.label} ({', '.join(notes)})" if notes else paper.label


def play_c34_papers(committee: Committee, chair_user: Any, *, start: datetime) -> PapersSummary:
    """Play the papers on `committee` from `start` (when the morning ended), the dais as
    `chair_user`, every other step on the phone of the delegation that takes it."""
    player = _Player(committee, chair_user, expected_quota(committee))
    with transaction.atomic(), clock.simulated(start):  # all of the papers, or none of them
        for step in C34_PAPERS:
            player.play(step)
        finished_at = clock.now()
    return PapersSummary(finished_at, player.outcomes())


class _Player:
    def __init__(self, committee: Committee, chair: Any, quota: int) -> None:
        self.committee = committee
        self.chair = chair
        self.quota = quota
        self.topic_id = committee.topics.get(number=1).pk
        self.by_name = {d.name: d for d in committee.delegations.all()}
        self.papers: dict[str, int] = {}  # script name → document id
        self.amendments: dict[str, int] = {}  # script label → amendment id

    # -- helpers

    def delegation(self, name: str) -> Delegation:
        try:
            return self.by_name[name]
        except KeyError:
            raise DayScriptError(f"{name} is not a delegation of this committee.") from None

    def document(self, paper: str) -> Document:
        return Document.objects.select_related("topic").get(pk=self.papers[paper])

    def amendment(self, label: str) -> Amendment:
        return Amendment.objects.get(pk=self.amendments[label])

    def body(self, paper: str) -> dict[str, Any]:
        document = self.document(paper)
        return document.versions.get(number=document.version).body

    def pause(self, seconds: float = day.BEAT_SECONDS) -> None:
        clock.advance(seconds)

    # -- steps

    def play(self, step: PaperStep) -> None:
        match step:
            case day.Wait(seconds=seconds):
                self.pause(seconds)
            case Write() | Paste():
                self.start_paper(step)
            case Revise():
                self.revise(step)
            case Invite():
                self.invite(step)
            case Submit() | Promote():
                self.submit(step)
            case Approve():
                self.approve(step)
            case Amend():
                self.amend(step)
            case ApproveAmendment(label=label):
                self.pause()
                amendments.amendment_approve(
                    committee=self.committee, user=self.chair, amendment_id=self.amendments[label]
                )
                self.expect_amendment(label, AmendmentStatus.WITH_SPONSORS)
            case AnswerAmendment():
                self.answer_amendment(step)
            case SignAmendment():
                self.sign_amendment(step)
            case _:
                raise DayScriptError(f"No way to play {step!r}.")

    def start_paper(self, step: Write | Paste) -> None:
        self.pause()
        if isinstance(step, Write):
            body, imported = _body(step.text), False
        else:
            split = split_resolution(step.text)
            if split.unplaced:
                raise DayScriptError(f"The pasted {step.paper} left lines unplaced.")
            body, imported = split.as_json(), True
        document = documents.document_create(
            committee=self.committee,
            delegation=self.delegation(step.by),
            topic_id=self.topic_id,
            title=step.title,
            body=body,
            imported=imported,
        )
        self.papers[step.paper] = document.pk
        if not same_text(self.body(step.paper), body):
            raise DayScriptError(f"The text of {step.paper} was not stored as written.")

    def revise(self, step: Revise) -> None:
        self.pause()
        document = self.document(step.paper)
        body = _with_ids(_body(step.text), self.body(step.paper))
        version = documents.document_save(
            committee=self.committee,
            delegation=self.delegation(step.by),
            document_id=document.pk,
            title=document.title,
            body=body,
            base_version=document.version,
        )
        if version is None or not same_text(version.body, body):
            raise DayScriptError(f"The new draft of {step.paper} was not saved.")
        kept = _ids(body) - {None}
        if not kept <= _ids(version.body):
            raise DayScriptError(f"The clauses {step.by} kept in {step.paper} lost their ids.")

    def invite(self, step: Invite) -> None:
        sponsor = self.delegation(step.by)
        document_id = self.papers[step.paper]
        for name in step.invitees:
            self.pause(2)
            documents.signature_invite(
                committee=self.committee,
                delegation=sponsor,
                document_id=document_id,
                invitee_id=self.delegation(name).pk,
                as_sponsor=step.as_sponsor,
            )
        role = Signature.Role.SPONSOR if step.as_sponsor else Signature.Role.SIGNATORY
        for name in step.invitees:
            self.pause(ANSWER_SECONDS)
            invitee = self.delegation(name)
            documents.signature_answer(
                committee=self.committee, delegation=invitee, document_id=document_id, accept=True
            )
            signed = Signature.objects.filter(
                document_id=document_id,
                delegation=invitee,
                role=role,
                signed_at__isnull=False,
                ended_at__isnull=True,
            )
            if not signed.exists():
                raise DayScriptError(f"{name} did not join {step.paper} as asked.")

    def submit(self, step: Submit | Promote) -> None:
        self.pause()
        sponsor = self.delegation(step.by)
        document_id = self.papers[step.paper]
        if isinstance(step, Promote):
            documents.document_promote(
                committee=self.committee, delegation=sponsor, document_id=document_id
            )
            as_draft_resolution = True
        else:
            documents.document_submit(
                committee=self.committee,
                delegation=sponsor,
                document_id=document_id,
                as_draft_resolution=step.as_draft_resolution,
            )
            as_draft_resolution = step.as_draft_resolution
        document = self.document(step.paper)
        quota = self.quota if as_draft_resolution else 0
        if document.status != "submitted" or document.quota != quota:
            raise DayScriptError(
                f"{step.paper} is {document.status} with quota {document.quota}, "
                f"not submitted with quota {quota}."
            )

    def approve(self, step: Approve) -> None:
        self.pause(2 * day.BEAT_SECONDS)
        documents.document_approve(
            committee=self.committee, user=self.chair, document_id=self.papers[step.paper]
        )
        approved = engine_document(self.document(step.paper))
        if approved.label != step.label:
            raise DayScriptError(
                f"{step.paper} was approved as {approved.label}, not {step.label}."
            )
        if approved.kind is DocumentKind.DRAFT_RESOLUTION and not approved.meets_quota:
            raise DayScriptError(f"{step.label} was approved without its quota.")

    def amend(self, step: Amend) -> None:
        self.pause()
        operative = self.body(step.paper)["operative"]
        if not 0 < step.clause <= len(operative):
            raise DayScriptError(f"{step.paper} has no operative clause {step.clause}.")
        amendment = amendments.amendment_submit(
            committee=self.committee,
            delegation=self.delegation(step.by),
            document_id=self.papers[step.paper],
            action=step.action,
            target=operative[step.clause - 1]["id"],
            placement="after" if step.action == "add" else "",
            text=step.text,
            rationale=step.rationale,
        )
        self.amendments[step.label] = amendment.pk
        if amendment.target_label != str(step.clause):
            raise DayScriptError(f"The amendment {step.label!r} is aimed at the wrong clause.")
        self.expect_amendment(step.label, AmendmentStatus.SUBMITTED)

    def answer_amendment(self, step: AnswerAmendment) -> None:
        self.pause(ANSWER_SECONDS)
        amendment = self.amendment(step.label)
        before = amendment.document.version
        amendments.amendment_answer(
            committee=self.committee,
            delegation=self.delegation(step.sponsor),
            amendment_id=amendment.pk,
            accept=step.accept,
        )
        self.expect_amendment(step.label, step.leaves)
        if step.leaves == AmendmentStatus.APPLIED:
            document = Document.objects.get(pk=amendment.document_id)
            version = document.versions.get(number=document.version)
            if version.number != before + 1 or version.amendment_id != amendment.pk:
                raise DayScriptError(f"The amendment {step.label!r} was not applied.")

    def sign_amendment(self, step: SignAmendment) -> None:
        amendment_id = self.amendments[step.label]
        for name in step.signers:
            self.pause(ANSWER_SECONDS)
            amendments.amendment_sign(
                committee=self.committee,
                delegation=self.delegation(name),
                amendment_id=amendment_id,
            )
        amendment = self.expect_amendment(step.label, AmendmentStatus.AWAITING_VOTE)
        supporters = 1 + amendment.supports.exclude(kind="refused").count()  # and its writer
        if amendment.quota != self.quota or supporters != self.quota:
            raise DayScriptError(
                f"The amendment {step.label!r} has {supporters} of {amendment.quota} signatures, "
                f"not exactly its quota of {self.quota}."
            )

    def expect_amendment(self, label: str, status: str) -> Amendment:
        amendment = self.amendment(label)
        if amendment.status != status:
            raise DayScriptError(
                f"The amendment {label!r} is {amendment.status}, not {AmendmentStatus(status)}."
            )
        return amendment

    # -- what was played

    def outcomes(self) -> tuple[PaperOutcome, ...]:
        rows = (
            Document.objects.filter(pk__in=self.papers.values())
            .select_related("topic")
            .prefetch_related("amendments")
            .order_by("kind", "dr_number", "wp_number")
        )
        return tuple(
            PaperOutcome(
                label=engine_document(row).label,
                amended=sum(a.status == AmendmentStatus.APPLIED for a in row.amendments.all()),
                awaiting_vote=sum(
                    a.status == AmendmentStatus.AWAITING_VOTE for a in row.amendments.all()
                ),
            )
            for row in rows
        )


# ---- texts as the editor sends them ------------------------------------------------------------


def _clause_json(item: Clause) -> dict[str, Any]:
    return {"text": item.text, "children": [_clause_json(child) for child in item.children]}


def _body(text: Text) -> dict[str, Any]:
    return {
        "preambular": [{"text": line} for line in text.preambular],
        "operative": [_clause_json(item) for item in text.operative],
    }


def _with_ids(body: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    """The body as an editor loaded from `stored` sends it back: a clause whose words it kept
    keeps its id; a new one has none."""
    for part in ("preambular", "operative"):
        ids: dict[str, list[str]] = {}
        for item in _walk(stored.get(part) or []):
            ids.setdefault(item["text"], []).append(item["id"])
        for item in _walk(body[part]):
            known = ids.get(item["text"])
            if known:
                item["id"] = known.pop(0)
    return body


def _walk(items: list[dict[str, Any]]) -> Any:
    for item in items:
        yield item
        yield from _walk(item.get("children") or [])


def _ids(body: dict[str, Any]) -> set[str | None]:
    return {item.get("id") for part in ("preambular", "operative") for item in _walk(body[part])}
