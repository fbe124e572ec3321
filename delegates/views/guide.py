"""Reference documents on the phone: the committee's list, and one document to read and search."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from committee.access import delegate_required
from committee.models import Committee, Delegation
from delegates import reference


@require_GET
@delegate_required
def document_list(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    return render(
        request,
        "delegates/reference_list.html",
        {
            "committee": committee,
            "delegation": delegation,
            # The list needs no text; a guide's body is a few hundred kilobytes.
            "documents": committee.reference_documents.only("slug", "title", "position"),
        },
    )


@require_GET
@delegate_required
def document_read(
    request: HttpRequest, committee: Committee, delegation: Delegation, doc_slug: str
) -> HttpResponse:
    # Looked up within the delegate's own committee, so another committee's slug is a 404.
    document = get_object_or_404(committee.reference_documents, slug=doc_slug)
    parsed = reference.parse_document(document.body)
    query = request.GET.get("q", "").strip()[: reference.MAX_QUERY_CHARS]
    result = reference.search(parsed, query) if query else None
    if result is None:
        sections = reference.render_sections(parsed)
    else:
        # Only the paragraphs the results link to are marked: the rest is the cached text.
        sections = reference.render_sections(parsed, result.terms, result.hit_anchors)
    return render(
        request,
        "delegates/reference_read.html",
        {
            "committee": committee,
            "delegation": delegation,
            "document": document,
            "toc": parsed.toc,
            "sections": sections,
            "query": query,
            "result": result,
            "max_query_chars": reference.MAX_QUERY_CHARS,
            "min_term_chars": reference.MIN_TERM_CHARS,
            "max_terms": reference.MAX_TERMS,
        },
    )
