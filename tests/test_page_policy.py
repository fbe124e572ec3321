"""Pages load nothing from elsewhere and need no inline script or style (strict CSP)."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.html"))


def test_there_are_templates_to_check():
    assert len(TEMPLATE_FILES) > 10


@pytest.mark.parametrize("template", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_loads_nothing_from_elsewhere_and_has_no_inline_code(template: Path):
    text = template.read_text()
    assert not re.search(r"""(src|href|action)=["']?(https?:)?//""", text), "external URL"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert "<style" not in text, "inline <style>"
    assert not re.search(r"\sstyle=", text), "style attribute"
    assert not re.search(r"\son[a-z]+=", text), "inline event handler"


@pytest.mark.django_db
def test_content_security_policy_allows_only_this_site():
    response = Client().get(reverse("delegate_join"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_htmx_is_configured_to_need_no_eval_and_no_injected_styles():
    html = Client().get(reverse("delegate_join")).content.decode()
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html
    assert "django_htmx/htmx-2" in html  # the bundled htmx 2, served by the app
    assert "django_htmx/ext/hx-ws-2" in html
