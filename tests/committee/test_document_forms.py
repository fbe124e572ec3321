"""The document forms: limits shown in the reader's language, bad input refused with a
reason, a paste split into clauses."""

import json

import pytest
from django.utils import translation

from committee.document_forms import AmendmentForm, DocumentTextForm, PasteForm, ReasonForm


def test_limits_are_shown_in_the_language_of_the_page_not_of_the_server_start():
    with translation.override("zh-hans"):
        assert str(DocumentTextForm().fields["title"].help_text) == "选填，最多 200 个字符。"
        assert "2000" in str(AmendmentForm().fields["text"].help_text)
    with translation.override("en"):
        assert str(ReasonForm().fields["reason"].help_text) == "At most 500 characters."


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"action": "modify", "target": "", "text": "x"}, "target"),
        ({"action": "add", "target": "c1", "placement": "after", "text": ""}, "text"),
        ({"action": "dance", "target": "c1"}, "action"),
        ({"action": "modify", "target": "c1", "text": "a\x00b"}, "text"),
        ({"action": "strike", "target": "c1", "rationale": "x" * 501}, "rationale"),
    ],
)
def test_a_bad_amendment_names_the_field(data, field):
    form = AmendmentForm(data)
    assert not form.is_valid()
    assert field in form.errors


def test_an_added_last_clause_needs_no_target():
    form = AmendmentForm({"action": "add", "placement": "end", "text": "Decides"})
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["target"], form.cleaned_data["placement"]) == ("", "")


def test_the_editors_text_must_be_a_tree():
    form = DocumentTextForm({"title": "", "body": "[1, 2]", "base_version": "1"})
    assert not form.is_valid() and "body" in form.errors
    good = {"preambular": [], "operative": [{"text": "Requests", "children": []}]}
    form = DocumentTextForm({"title": "t", "body": json.dumps(good), "base_version": "1"})
    assert form.is_valid() and form.cleaned_data["body"] == good


def test_a_paste_is_split_or_refused_in_the_readers_language():
    form = PasteForm({"text": "1. Requests a report;\n2. Decides to remain seized."})
    assert form.is_valid()
    assert [c["text"] for c in form.cleaned_data["text"].as_json()["operative"]] == [
        "Requests a report",
        "Decides to remain seized",
    ]
    with translation.override("zh-hans"):
        form = PasteForm({"text": "x" * 50_001})
        assert not form.is_valid()
        assert "50000" in form.errors["text"][0] and "过长" in form.errors["text"][0]
