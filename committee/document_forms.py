"""The forms that read every document action's POST, on the phone and on the dais.

Every text field has its limit (shown beside the field by the templates: `field.field.
max_length`), refuses NUL and other control characters, and answers in the user's language. A
document's text travels as the editor's JSON (`body`), checked again by the service
(committee/resolutions/body.py); a pasted text is split here (committee/resolutions/
splitter.py) so a bad paste is a field error, not a refusal.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from committee.floor_forms import ID_MAX, NUMBER_ERRORS, _one_message, delegation_field
from committee.models import DOCUMENT_TITLE_MAX, RATIONALE_MAX, REASON_MAX
from committee.resolutions.body import CLAUSE_TEXT_MAX
from committee.resolutions.splitter import MAX_CHARACTERS, SplitError, split_resolution

# A body as the editor sends it: every clause's text and its place, as JSON. Generous: the
# service refuses any clause over its own limit with a clearer message.
BODY_JSON_MAX = 400 * (CLAUSE_TEXT_MAX + 200)
CLAUSE_ID_MAX = 20
PAGE_MAX = 999
AMENDMENT_ACTIONS = ("add", "modify", "strike")
PLACEMENTS = ("after", "inside", "end")

SPLIT_MESSAGES = {
    "empty": _("Paste the text of a resolution: this is empty."),
    "binary": _("This does not look like text. Paste the words, not a file."),
    "too_long": _("This is too long: at most %(limit)s characters can be pasted at once."),
}


def _limited(message: Any, limit: int) -> Any:
    """A message naming a limit, translated when it is shown, not when this module loads."""
    return lazy(lambda: str(message) % {"limit": limit}, str)()


def _no_control_characters(value: str) -> str:
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        raise forms.ValidationError(_("This text contains characters that cannot be stored."))
    return value


class _TextForm(forms.Form):
    """Strips what a delegate typed and refuses control characters in every text field."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                try:
                    cleaned[name] = _no_control_characters(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        min_value=0,
        max_value=ID_MAX,
        error_messages=_one_message(_("Reload the page: the version is missing."), NUMBER_ERRORS),
    )


class DocumentTextForm(_TextForm):
    """A paper's title and text from the editor; `base_version` is the version it loaded."""

    title = forms.CharField(
        label=_("Title"),
        max_length=DOCUMENT_TITLE_MAX,
        required=False,
        strip=True,
        help_text=_limited(_("Optional, at most %(limit)s characters."), DOCUMENT_TITLE_MAX),
    )
    body = forms.CharField(max_length=BODY_JSON_MAX, strip=False, widget=forms.HiddenInput)
    base_version = version_field()

    def clean_body(self) -> dict[str, Any]:
        raw = self.cleaned_data["body"]
        try:
            value = json.loads(raw)
        except ValueError:
            raise forms.ValidationError(_("The text could not be read.")) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The text could not be read."))
        return value


class DocumentCreateForm(DocumentTextForm):
    topic = forms.IntegerField(
        min_value=1,
        max_value=ID_MAX,
        error_messages=_one_message(_("Choose a topic."), NUMBER_ERRORS),
    )
    imported = forms.BooleanField(required=False)
    base_version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["base_version"].required = False


class PasteForm(_TextForm):
    """A whole resolution pasted from elsewhere, split into clauses for confirmation."""

    text = forms.CharField(
        label=_("Paste the resolution"),
        strip=False,
        max_length=MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_limited(
            _("Plain text from Word or a shared document, at most %(limit)s characters."),
            MAX_CHARACTERS,
        ),
        error_messages={
            "required": SPLIT_MESSAGES["empty"],
            "max_length": _limited(SPLIT_MESSAGES["too_long"], MAX_CHARACTERS),
        },
    )

    def clean_text(self) -> Any:
        text = self.cleaned_data["text"]
        try:
            return split_resolution(text)
        except SplitError as error:
            message = SPLIT_MESSAGES.get(getattr(error, "code", ""), SPLIT_MESSAGES["binary"])
            raise forms.ValidationError(str(message) % {"limit": MAX_CHARACTERS}) from None

    def clean(self) -> dict[str, Any]:
        # The text is checked whole by the splitter (binary, empty, too long).
        return forms.Form.clean(self) or {}


class SubmitForm(forms.Form):
    as_draft_resolution = forms.BooleanField(required=False)


class InviteForm(forms.Form):
    invitee = delegation_field(_("Choose a delegation."))
    as_sponsor = forms.BooleanField(required=False)


class AnswerForm(forms.Form):
    """Yes or no to a request: join a paper, take an amendment as friendly."""

    answer = forms.ChoiceField(
        choices=[("yes", "yes"), ("no", "no")],
        error_messages=_one_message(_("Answer yes or no."), ("required", "invalid_choice")),
    )

    @property
    def accepted(self) -> bool:
        return self.cleaned_data["answer"] == "yes"


class ReasonForm(_TextForm):
    """Why the Director returns a paper or an amendment: the sponsors read it."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        strip=True,
        help_text=_limited(_("At most %(limit)s characters."), REASON_MAX),
        error_messages={"required": _("Say why it is returned.")},
    )


class FixForm(_TextForm):
    """The Director's correction of wording: the text from the editor."""

    body = forms.CharField(max_length=BODY_JSON_MAX, strip=False, widget=forms.HiddenInput)
    base_version = version_field()

    clean_body = DocumentTextForm.clean_body


class AmendmentForm(_TextForm):
    """A delegate's amendment: which clause, what to do, the new words and why."""

    action = forms.ChoiceField(
        label=_("Change"),
        choices=[
            ("add", _("Add a clause")),
            ("modify", _("Modify the clause")),
            ("strike", _("Strike the clause")),
        ],
        error_messages=_one_message(
            _("Choose add, modify or strike."), ("required", "invalid_choice")
        ),
    )
    target = forms.CharField(
        label=_("Clause"),
        max_length=CLAUSE_ID_MAX,
        required=False,
        error_messages={"max_length": _("Choose a clause.")},
    )
    placement = forms.ChoiceField(
        label=_("Where"),
        choices=[
            ("after", _("after this clause")),
            ("inside", _("as its last sub-clause")),
            ("end", _("as the last operative clause")),
        ],
        required=False,
        error_messages=_one_message(_("Choose where to add it."), ("invalid_choice",)),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=CLAUSE_TEXT_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_limited(_("At most %(limit)s characters."), CLAUSE_TEXT_MAX),
    )
    rationale = forms.CharField(
        label=_("Why"),
        max_length=RATIONALE_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_limited(_("A short rationale, at most %(limit)s characters."), RATIONALE_MAX),
    )
    parent = forms.IntegerField(min_value=1, max_value=ID_MAX, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        action = cleaned.get("action")
        placement = cleaned.get("placement") or "after"
        if action in ("modify", "strike") and not cleaned.get("target"):
            self.add_error("target", _("Choose a clause."))
        if action == "add" and placement != "end" and not cleaned.get("target"):
            self.add_error("target", _("Choose a clause."))
        if action in ("add", "modify") and not cleaned.get("text"):
            self.add_error("text", _("Write the clause's new text."))
        # The service takes "" for a new last operative clause.
        if action == "add" and placement == "end":
            cleaned["target"], cleaned["placement"] = "", ""
        elif action == "add":
            cleaned["placement"] = placement
        else:
            cleaned["placement"] = ""
        return cleaned


class ProjectForm(forms.Form):
    """What the projector shows: a document's page, or (no document) the floor again."""

    document = forms.IntegerField(min_value=1, max_value=ID_MAX, required=False)
    page = forms.IntegerField(
        min_value=1,
        max_value=PAGE_MAX,
        required=False,
        error_messages=_one_message(_("Choose a page."), NUMBER_ERRORS),
    )
