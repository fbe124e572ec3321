"""The background guide on a delegate's phone: who may read it, the contents, and search."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from committee.access import SESSION_ACCESS_VERSION_KEY, SESSION_DELEGATION_KEY
from committee.models import Committee, Conference, Delegation, ReferenceDocument
from committee.roster import RosterRow
from committee.services import setup

GUIDE_URL = reverse("reference_read", args=["c34", "background-guide"])
LIST_URL = reverse("reference_list", args=["c34"])


@pytest.fixture
def c34(db) -> Committee:
    call_command("seed_demo", stdout=StringIO())
    return Committee.objects.get(slug="c34")


@pytest.fixture
def other_committee(c34: Committee) -> Committee:
    """A second committee with its own delegation and its own document."""
    other = Committee.objects.create(
        conference=Conference.objects.get(slug="bimun2024"),
        name="Security Council",
        acronym="SC",
        slug="sc",
    )
    setup.roster_import(
        committee=other,
        rows=[
            RosterRow(
                line=2,
                name="Ruritania",
                iso_code="",
                kind="member",
                name_zh="",
                sort_key="Ruritania",
            )
        ],
    )
    ReferenceDocument.objects.create(
        committee=other, slug="sc-guide", title="SC guide", body="Secret"
    )
    return other


def bound_client(delegation: Delegation) -> Client:
    """A phone whose browser session is bound to the delegation, as after typing its code."""
    client = Client()
    session = client.session
    session[SESSION_DELEGATION_KEY] = delegation.pk
    session[SESSION_ACCESS_VERSION_KEY] = delegation.access.version
    session.save()
    return client


@pytest.fixture
def china(c34: Committee) -> Client:
    return bound_client(c34.delegations.get(name="China"))


def test_a_bound_delegate_sees_the_committee_documents(china: Client) -> None:
    response = china.get(LIST_URL)
    assert response.status_code == 200
    assert GUIDE_URL in response.content.decode()


def test_a_bound_delegate_reads_the_guide_with_its_contents(china: Client) -> None:
    response = china.get(GUIDE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<details class="reader-toc"' in html
    assert 'href="#sec-country-positions"' in html
    assert 'id="sec-country-positions"' in html
    assert "css/reader.css" in html
    article = html[html.index("<article") : html.index("</article>")]
    assert "<mark>" not in article
    assert "style=" not in article  # the CSP allows no inline styles


@pytest.mark.parametrize("url", [LIST_URL, GUIDE_URL])
def test_anonymous_visitors_are_sent_to_the_join_page(c34: Committee, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url == reverse("delegate_join")


@pytest.mark.parametrize("url", [LIST_URL, GUIDE_URL])
def test_a_delegate_of_another_committee_is_refused(other_committee: Committee, url: str) -> None:
    outsider = bound_client(other_committee.delegations.get())
    assert outsider.get(url).status_code == 403


def test_unknown_documents_and_other_committees_documents_are_not_found(
    china: Client, other_committee: Committee
) -> None:
    assert china.get(reverse("reference_read", args=["c34", "no-such-guide"])).status_code == 404
    assert china.get(reverse("reference_read", args=["c34", "sc-guide"])).status_code == 404


def test_documents_are_read_only(china: Client) -> None:
    assert china.post(GUIDE_URL).status_code == 405


def test_search_lists_marked_results_that_link_to_paragraphs(china: Client) -> None:
    response = china.get(GUIDE_URL, {"q": "UNPROFOR"})
    assert response.status_code == 200
    result = response.context["result"]
    html = response.content.decode()
    assert result.total > 5
    assert f"{result.total} matches for “UNPROFOR”" in html
    assert "<mark>UNPROFOR</mark>" in html
    first = result.hits[0]
    assert f'href="#{first.anchor}"' in html
    assert f'id="{first.anchor}"' in html


def test_search_in_chinese(china: Client) -> None:
    response = china.get(GUIDE_URL, {"q": "维和"})
    assert response.context["result"].total > 0
    assert "<mark>维和</mark>" in response.content.decode()


def test_a_search_without_matches_says_so(china: Client) -> None:
    html = china.get(GUIDE_URL, {"q": "zzyzx"}).content.decode()
    assert "No matches for “zzyzx”" in html


def test_the_query_is_escaped(china: Client) -> None:
    html = china.get(GUIDE_URL, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
