"""The committee's final report in the browser: the same pages the PDF prints."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from committee.access import secretariat_required
from committee.models import Committee
from committee.report.html import report_html
from committee.report.record import build_report


@require_GET
@secretariat_required
def report_web(request: HttpRequest, slug: str) -> HttpResponse:
    """The report in the language asked for (`?language=zh-hans`), else the page's."""
    committee = get_object_or_404(Committee.objects.select_related("conference"), slug=slug)
    languages = dict(settings.LANGUAGES)
    language = request.GET.get("language", "")
    if language not in languages:
        language = translation.get_language() or settings.LANGUAGE_CODE
    page = reverse("report_web", args=[committee.slug])
    links = [{"url": reverse("secretariat_dashboard"), "label": _("Secretariat")}]
    links += [
        {"url": f"{page}?language={code}", "label": name}
        for code, name in settings.LANGUAGES
        if code != language
    ]
    with translation.override(language):
        report = build_report(committee)
        html = report_html(report, web=True, links=links)
    return HttpResponse(html)
