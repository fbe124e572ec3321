"""Forms for the secretariat's set-up pages and the dais."""

import json
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committee.labels import PROFILES
from committee.models import Committee, Conference, DaisMembership
from committee.procedure.errors import ProcedureError
from committee.procedure.profiles import PROFILE_NAMES, validate_overrides
from committee.procedure_messages import describe
from committee.report.export import FORMAT_LABELS, PDF
from committee.roster import decode_upload
from committee.services import throttle

User = get_user_model()

# Overrides are a handful of named values: a few lines of JSON, never deep structures.
RULES_OVERRIDES_MAX_LENGTH = 10_000
RULES_OVERRIDES_MAX_DEPTH = 3


def _refuse_json_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def _nesting_depth(value: object) -> int:
    """How deep lists and objects nest in a parsed JSON value (counted without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return deepest


class ConferenceForm(forms.ModelForm):
    class Meta:
        model = Conference
        fields = ["name", "name_zh", "slug", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day is before the first day."))
        return cleaned


class CommitteeForm(forms.ModelForm):
    topic = forms.CharField(label=_("Topic"), max_length=300)
    topic_zh = forms.CharField(label=_("Topic in Chinese"), max_length=300, required=False)
    rules_profile = forms.ChoiceField(label=_("Rules profile"))
    rules_overrides = forms.CharField(
        label=_("Rule overrides (JSON)"),
        required=False,
        max_length=RULES_OVERRIDES_MAX_LENGTH,
        error_messages={
            "max_length": _("Keep the overrides to %(limit_value)d characters."),
        },
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_('For example {"gsl_speaking_time": 120}. Leave empty to use the profile.'),
    )

    class Meta:
        model = Committee
        fields = ["conference", "name", "name_zh", "acronym", "slug", "rules_profile"]

    def __init__(self, *args, language: str = "en", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["rules_profile"].choices = [(name, PROFILES[name]) for name in PROFILE_NAMES]
        if self.instance.pk:
            first_topic = self.instance.topics.first()
            if first_topic is not None:
                self.initial.setdefault("topic", first_topic.title)
                self.initial.setdefault("topic_zh", first_topic.title_zh)
            if self.instance.rules_overrides:
                self.initial["rules_overrides"] = json.dumps(
                    self.instance.rules_overrides, ensure_ascii=False, indent=2
                )

    def clean_rules_overrides(self) -> dict:
        text = self.cleaned_data["rules_overrides"].strip()
        if not text:
            return {}
        try:
            overrides = json.loads(text, parse_constant=_refuse_json_constant)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)d, column %(column)d)."),
                params={"line": error.lineno, "column": error.colno},
            ) from error
        except (ValueError, RecursionError) as error:
            # NaN, a number too long to read, or brackets nested deeper than Python recurses.
            raise forms.ValidationError(_("This is not valid JSON.")) from error
        if not isinstance(overrides, dict):
            raise forms.ValidationError(_("Write the overrides as one JSON object: {…}."))
        if _nesting_depth(overrides) > RULES_OVERRIDES_MAX_DEPTH:
            raise forms.ValidationError(_("The overrides are nested too deeply."))
        return overrides

    def clean(self) -> dict:
        cleaned = super().clean()
        profile = cleaned.get("rules_profile")
        overrides = cleaned.get("rules_overrides")
        if profile and isinstance(overrides, dict):
            try:
                validate_overrides(profile, overrides)
            except ProcedureError as error:
                self.add_error("rules_overrides", describe(error, self.language))
        return cleaned

    def save(self, commit: bool = True) -> Committee:
        committee = super().save(commit=False)
        committee.rules_overrides = self.cleaned_data["rules_overrides"]
        return committee


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Roster CSV file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    text = forms.CharField(
        label=_("…or paste the CSV here"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > 1024 * 1024:
                raise forms.ValidationError(_("The file is larger than 1 MB."))
            try:
                cleaned["csv_text"] = decode_upload(upload.read())
            except ValueError as error:
                raise forms.ValidationError(str(error)) from error
        elif cleaned.get("text", "").strip():
            cleaned["csv_text"] = cleaned["text"]
        else:
            raise forms.ValidationError(_("Choose a CSV file or paste its contents."))
        return cleaned


class DaisAccountForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(render_value=False), strip=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=DaisMembership.Role.choices)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken."))
        return username

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(username=cleaned.get("username", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class DaisAssignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Existing account"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=DaisMembership.Role.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by("username")


class DaisMemberForm(forms.Form):
    """Which member of this committee's dais a row's button acts on."""

    membership = forms.ModelChoiceField(queryset=DaisMembership.objects.none())

    def __init__(self, committee: Committee, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = committee.dais.select_related("user")


class AccessCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Access code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "placeholder": "XXXX XXXX",
            }
        ),
    )


def _password_wait_message(seconds: int) -> str:
    return gettext("Too many wrong passwords. Try again in %d s.") % seconds


class _PasswordThrottleMixin:
    """Claims a throttled try right before Django checks a password, gives it back if right.

    The check happens inside the form (Django's sign-in and password-change forms do it in
    clean), so the claim has to be made there too; the views stay Django's own.
    """

    request: HttpRequest | None

    def _claim_password_try(self) -> throttle.Attempt:
        client = throttle.client_address(self.request) if self.request else "unknown"
        attempt = throttle.attempt_claim(client=client, kind=throttle.PASSWORD)
        if not attempt.allowed:
            raise forms.ValidationError(_password_wait_message(attempt.wait), code="throttled")
        return attempt

    def _after_password_check(self, attempt: throttle.Attempt, right: bool) -> None:
        if right:
            throttle.attempt_succeeded(attempt=attempt)
            return
        wait = throttle.wait_after_failure(attempt=attempt)
        if wait:
            raise forms.ValidationError(_password_wait_message(wait), code="throttled")


class ThrottledAuthenticationForm(_PasswordThrottleMixin, AuthenticationForm):
    """The sign-in form: a few wrong passwords from one address, then a wait."""

    def clean(self) -> dict:
        if self.cleaned_data.get("username") is None or not self.cleaned_data.get("password"):
            return super().clean()
        attempt = self._claim_password_try()
        try:
            return super().clean()
        finally:
            # user_cache is set once the password is right, even if the account may not sign in.
            self._after_password_check(attempt, right=self.user_cache is not None)


class ThrottledAdminAuthenticationForm(ThrottledAuthenticationForm, AdminAuthenticationForm):
    """The same limit on /admin/'s own sign-in page."""


class ThrottledPasswordChangeForm(_PasswordThrottleMixin, PasswordChangeForm):
    """Change one's own password: the old one is checked under the same limit as signing in."""

    def __init__(self, user: Any, *args: Any, request: HttpRequest | None = None, **kwargs: Any):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self) -> str:
        attempt = self._claim_password_try()
        try:
            old_password = super().clean_old_password()
        except forms.ValidationError:
            self._after_password_check(attempt, right=False)
            raise
        throttle.attempt_succeeded(attempt=attempt)
        return old_password


class DaisPasswordForm(SetPasswordForm):
    """The secretariat sets a new password for a dais account (e.g. one that was forgotten)."""

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].widget.attrs["autocomplete"] = "new-password"


class ExportForm(forms.Form):
    """What the secretariat's export page asks for: a format and the file's language."""

    kind = forms.ChoiceField(
        label=_("Format"),
        choices=list(FORMAT_LABELS.items()),
        initial=PDF,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the formats."),
            "invalid_choice": _("Choose one of the formats."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language"),
        # Each language in its own name, as the language switcher offers them.
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_(
            "Headings, labels and the record's sentences are written in this language. "
            "What the delegates wrote themselves stays as they wrote it."
        ),
        error_messages={
            "required": _("Choose the language of the file."),
            "invalid_choice": _("Choose the language of the file."),
        },
    )
