"""The secretariat's export page: a committee's record as a file, with progress while it is
written (committee/services/exports.py runs it in the background)."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, to_locale
from django.views.decorators.http import require_GET, require_POST

from committee.access import secretariat_required
from committee.floor_forms import first_error
from committee.floor_responses import refusal_response
from committee.forms import ExportForm
from committee.models import Committee, ExportJob
from committee.report.export import FORMAT_LABELS, step_label
from committee.services import exports

TEMPLATE = "committee/secretariat/export.html"


@dataclass(frozen=True)
class ExportLine:
    """One job as the page shows it."""

    job: ExportJob

    @property
    def kind_label(self) -> str:
        return str(FORMAT_LABELS.get(self.job.kind, self.job.kind))

    @property
    def language_name(self) -> str:
        return dict(settings.LANGUAGES).get(self.job.language, self.job.language)

    @property
    def language_tag(self) -> str:
        """The file's language as a lang attribute, for its name in that language."""
        return to_locale(self.job.language).replace("_", "-")

    @property
    def step_label(self) -> str:
        return step_label(self.job.step) if self.job.step else ""

    @property
    def state(self) -> str:
        return "lost" if self.job.is_lost else self.job.status

    @property
    def polling(self) -> bool:
        return self.state in (ExportJob.Status.QUEUED, ExportJob.Status.RUNNING)


def _committee(slug: str) -> Committee:
    return get_object_or_404(Committee.objects.select_related("conference"), slug=slug)


def _job(committee: Committee, job_id: int) -> ExportJob:
    """The committee's job, without its file."""
    return get_object_or_404(
        ExportJob.objects.select_related("requested_by").defer("content"),
        pk=job_id,
        committee=committee,
    )


def _page(request: HttpRequest, committee: Committee, form: ExportForm, *, status: int = 200):
    jobs = (
        ExportJob.objects.filter(committee=committee)
        .select_related("requested_by")
        .defer("content")[: exports.JOBS_KEPT_PER_COMMITTEE]
    )
    return render(
        request,
        TEMPLATE,
        {
            "committee": committee,
            "form": form,
            "lines": [ExportLine(job) for job in jobs],
            "kept": exports.JOBS_KEPT_PER_COMMITTEE,
        },
        status=status,
    )


@require_GET
@secretariat_required
def page(request: HttpRequest, slug: str) -> HttpResponse:
    form = ExportForm(initial={"language": get_language() or settings.LANGUAGE_CODE})
    return _page(request, _committee(slug), form)


@require_POST
@secretariat_required
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start an export; htmx gets the new job's line (it then polls itself)."""
    committee = _committee(slug)
    form = ExportForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return refusal_response(request, first_error(form), status=400)
        return _page(request, committee, form, status=400)
    job = exports.export_start(
        committee=committee,
        user=request.user,
        kind=form.cleaned_data["kind"],
        language=form.cleaned_data["language"],
    )
    if request.htmx:
        return render(
            request, f"{TEMPLATE}#export-started", {"committee": committee, "line": ExportLine(job)}
        )
    return redirect("export_page", slug=committee.slug)


@require_GET
@secretariat_required
def progress(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    """A job's line: its progress while it runs (polling itself), then the file or the error."""
    committee = _committee(slug)
    line = ExportLine(_job(committee, job_id))
    return render(request, f"{TEMPLATE}#export-job", {"committee": committee, "line": line})


@require_GET
@secretariat_required
def download(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    job = get_object_or_404(ExportJob, pk=job_id, committee=_committee(slug))
    if job.status != ExportJob.Status.DONE:
        raise Http404
    return HttpResponse(
        bytes(job.content),
        content_type=job.content_type,
        headers={"Content-Disposition": content_disposition_header(True, job.filename)},
    )
