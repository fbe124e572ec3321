"""The server log: a refused request (4xx) is one warning line, an error keeps its traceback."""

import logging
import logging.config
import sys
from collections.abc import Iterator

import pytest
from django.urls import reverse

import bimun.settings as production_settings
from bimun.logging import ClientErrorWithoutTraceback
from tests import factories
from tests.conftest import user_client


@pytest.fixture
def production_logging() -> Iterator[None]:
    """The logging configuration the server runs with (the test settings turn it off)."""
    root, request_logger = logging.getLogger(), logging.getLogger("django.request")
    saved = (root.handlers[:], root.level, request_logger.filters[:])
    logging.config.dictConfig(production_settings.LOGGING)
    yield
    root.handlers[:], request_logger.filters[:] = saved[0], saved[2]
    root.setLevel(saved[1])


@pytest.mark.django_db
def test_a_refused_dais_page_is_logged_as_one_line_without_traceback(
    production_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    committee = factories.committee()
    outsider = user_client(factories.dais_user(factories.committee()))

    response = outsider.get(reverse("dais_floor", args=[committee.slug]))

    assert response.status_code == 403
    forbidden = [r for r in caplog.records if r.name == "django.request"]
    assert [r.levelname for r in forbidden] == ["WARNING"]
    assert forbidden[0].getMessage().startswith("Forbidden")
    assert forbidden[0].exc_info is None
    assert "Traceback" not in caplog.text


@pytest.mark.django_db
def test_an_unreadable_form_is_logged_as_one_line_without_traceback(
    production_logging: None, caplog: pytest.LogCaptureFixture
) -> None:
    committee = factories.committee()
    secretariat = user_client(factories.secretariat_user())

    response = secretariat.post(
        reverse("dais_accounts", args=[committee.slug]), {"action": "remove", "membership": "²"}
    )

    assert response.status_code == 400
    refused = [r for r in caplog.records if r.name == "django.request"]
    assert [r.levelname for r in refused] == ["WARNING"]
    assert refused[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_the_filter_leaves_a_server_error_with_its_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.getLogger("django.request").makeRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error", (), exc_info
    )
    record.status_code = 500

    assert ClientErrorWithoutTraceback().filter(record) is True
    assert record.exc_info is not None
