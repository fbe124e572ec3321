"""Role-matrix rows for the secretariat's export page and the report in the browser, merged
into tests/test_role_matrix.py.

EXPECTED maps a URL name to an Expectation (method, outcome per role); KWARGS maps a URL name
to a function that takes the test world and returns the URL's kwargs. A job's progress and its
download need a finished job of committee X: its row is written as the export's thread leaves
it (the thread itself is exercised in tests/committee/test_exports_page.py).
"""

from committee.models import ExportJob
from tests.role_matrix import SECRETARIAT_ONLY, Expectation

EXPECTED: dict = {
    "export_page": Expectation("GET", SECRETARIAT_ONLY),
    "export_start": Expectation("POST", SECRETARIAT_ONLY),  # empty: 400, nothing started
    "export_progress": Expectation("GET", SECRETARIAT_ONLY),
    "export_download": Expectation("GET", SECRETARIAT_ONLY),
    "report_web": Expectation("GET", SECRETARIAT_ONLY),
}


def _slug(world: dict) -> dict:
    return {"slug": world["committee_x"].slug}


def _job(world: dict) -> dict:
    if "export_job" not in world:
        world["export_job"] = ExportJob.objects.create(
            committee=world["committee_x"],
            kind="csv",
            language="en",
            status=ExportJob.Status.DONE,
            done=2,
            total=2,
            filename="cx-en-tables.zip",
            content_type="application/zip",
            content=b"PK\x05\x06" + bytes(18),  # an empty zip
        )
    return {**_slug(world), "job_id": world["export_job"].pk}


KWARGS: dict = {
    "export_page": _slug,
    "export_start": _slug,
    "export_progress": _job,
    "export_download": _job,
    "report_web": _slug,
}
