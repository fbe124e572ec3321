"""The UN format: markers, opening phrases and the one-sentence punctuation (procedure.md §5.3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from committee.procedure.amendments import AmendmentAction, Change, apply_change
from committee.procedure.clauses import ClauseKind
from committee.procedure.errors import ProcedureError
from committee.resolutions.layout import (
    LaidClause,
    Layout,
    body_to_resolution,
    guess_language,
    lay_out,
    opening_length,
    resolution_to_body,
)

TEMPLATE = "committee/documents/_resolution_text.html"


def clause(cid: str, text: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, "text": text, "children": list(children)}


def english_body() -> dict[str, Any]:
    return {
        "preambular": [
            clause("p1", "Recalling its resolution 49/37 of 9 December 1994"),
            clause("p2", "Deeply concerned about attacks on personnel"),
        ],
        "operative": [
            clause(
                "c1",
                "Requests the Secretary-General to report",
                clause("c4", "on the safety of personnel", clause("c9", "in the field")),
                clause("c5", "on the means of protection"),
            ),
            clause("c2", "Urges all States to cooperate"),
            clause("c3", "Decides to remain seized of the matter"),
        ],
    }


def chinese_body() -> dict[str, Any]:
    return {
        "preambular": [clause("p1", "回顾其1994年12月9日第49/37号决议")],
        "operative": [
            clause(
                "c1", "又请秘书长提交报告", clause("c4", "关于人员安全", clause("c9", "在外地"))
            ),
            clause("c2", "敦促各国合作"),
        ],
    }


def flat(clauses: tuple[LaidClause, ...]) -> list[LaidClause]:
    out: list[LaidClause] = []
    for laid in clauses:
        out += [laid, *flat(laid.children)]
    return out


def labels_and_endings(layout: Layout) -> list[tuple[str, str, str]]:
    return [(c.id, c.label, c.ending) for c in flat(layout.preambular) + flat(layout.operative)]


def amended(body: dict[str, Any], change: Change) -> dict[str, Any]:
    return resolution_to_body(apply_change(body_to_resolution(body), change))


def test_the_body_round_trips_through_the_engine_tree() -> None:
    body = english_body()
    resolution = body_to_resolution(body)
    assert [c.id for c in resolution.operative] == ["c1", "c2", "c3"]
    assert resolution.operative[0].children[0].children[0].text == "in the field"
    assert resolution_to_body(resolution) == body


def test_a_body_deeper_than_three_levels_is_refused() -> None:
    body = {"operative": [clause("a", "x", clause("b", "y", clause("c", "z", clause("d", "w"))))]}
    with pytest.raises(ProcedureError):
        lay_out(body, language="en")


def test_english_markers_and_one_sentence_punctuation() -> None:
    layout = lay_out(english_body(), language="en")
    assert labels_and_endings(layout) == [
        ("p1", "", ","),
        ("p2", "", ","),
        ("c1", "1.", ":"),
        ("c4", "(a)", ":"),
        ("c9", "(i)", ";"),
        ("c5", "(b)", ";"),
        ("c2", "2.", ";"),
        ("c3", "3.", "."),
    ]
    assert [c.reference for c in flat(layout.operative)] == [
        "1",
        "1(a)",
        "1(a)(i)",
        "1(b)",
        "2",
        "3",
    ]


def test_the_last_sub_clause_of_the_last_clause_carries_the_full_stop() -> None:
    body = english_body()
    body["operative"] = body["operative"][:1]
    layout = lay_out(body, language="en")
    assert labels_and_endings(layout)[2:] == [
        ("c1", "1.", ":"),
        ("c4", "(a)", ":"),
        ("c9", "(i)", ";"),
        ("c5", "(b)", "."),
    ]


def test_without_operative_clauses_the_preamble_ends_the_sentence() -> None:
    body = {"preambular": english_body()["preambular"], "operative": []}
    assert labels_and_endings(lay_out(body, language="en")) == [("p1", "", ","), ("p2", "", ".")]


def test_an_added_clause_is_numbered_and_punctuated_in_place() -> None:
    body = amended(
        english_body(),
        Change(AmendmentAction.ADD, target=None, text="Invites Member States", new_id="n1"),
    )
    layout = lay_out(body, language="en")
    assert [(c.id, c.label, c.ending) for c in layout.operative] == [
        ("c1", "1.", ":"),
        ("c2", "2.", ";"),
        ("c3", "3.", ";"),
        ("n1", "4.", "."),
    ]
    body = amended(
        english_body(),
        Change(AmendmentAction.ADD, target="c1", text="on staffing", new_id="n2", position=0),
    )
    subs = lay_out(body, language="en").operative[0].children
    assert [(c.id, c.label, c.ending) for c in subs] == [
        ("n2", "(a)", ";"),
        ("c4", "(b)", ":"),
        ("c5", "(c)", ";"),
    ]


def test_a_struck_clause_renumbers_the_rest_and_moves_the_full_stop() -> None:
    struck_middle = amended(english_body(), Change(AmendmentAction.STRIKE, target="c2"))
    assert [(c.id, c.label, c.ending) for c in lay_out(struck_middle, language="en").operative] == [
        ("c1", "1.", ":"),
        ("c3", "2.", "."),
    ]
    struck_last = amended(english_body(), Change(AmendmentAction.STRIKE, target="c3"))
    assert [(c.id, c.label, c.ending) for c in lay_out(struck_last, language="en").operative] == [
        ("c1", "1.", ":"),
        ("c2", "2.", "."),
    ]
    struck_sub = amended(english_body(), Change(AmendmentAction.STRIKE, target="c4"))
    first = lay_out(struck_sub, language="en").operative[0]
    assert [(c.id, c.label, c.ending) for c in first.children] == [("c5", "(a)", ";")]


def test_striking_every_sub_clause_drops_the_colon() -> None:
    body = english_body()
    for target in ("c4", "c5"):
        body = amended(body, Change(AmendmentAction.STRIKE, target=target))
    assert lay_out(body, language="en").operative[0].ending == ";"


def test_chinese_uses_full_width_marks_and_markers() -> None:
    layout = lay_out(chinese_body(), language="zh-hans")
    assert labels_and_endings(layout) == [
        ("p1", "", "，"),
        ("c1", "1.", "："),
        ("c4", "（a）", "："),
        ("c9", "（i）", "；"),
        ("c2", "2.", "。"),
    ]
    assert layout.marks.comma == "，"


@pytest.mark.parametrize(
    ("typed", "language", "expected_rest", "expected_ending"),
    [
        ("Urges all States to cooperate;", "en", " all States to cooperate", "."),
        ("Urges all States to cooperate.", "en", " all States to cooperate", "."),
        ("Urges all States to cooperate ; ", "en", " all States to cooperate", "."),
        ("Urges all States to cooperate, etc.", "en", " all States to cooperate, etc.", ""),
        ("敦促各国合作；", "zh-hans", "各国合作", "。"),
        ("敦促各国合作。", "zh-hans", "各国合作", "。"),
    ],
)
def test_typed_closing_punctuation_is_not_doubled(
    typed: str, language: str, expected_rest: str, expected_ending: str
) -> None:
    body = {"operative": [clause("c1", typed)]}
    laid = lay_out(body, language=language).operative[0]
    assert (laid.rest, laid.ending) == (expected_rest, expected_ending)


def test_an_abbreviation_keeps_its_dot_before_a_semicolon() -> None:
    body = {"operative": [clause("c1", "Notes the work of the U.N.;"), clause("c2", "Decides")]}
    first = lay_out(body, language="en").operative[0]
    assert first.text == "Notes the work of the U.N.;"


@pytest.mark.parametrize(
    ("text", "kind", "opening"),
    [
        ("Recalling its resolution 49/37", ClauseKind.PREAMBULAR, "Recalling"),
        ("Recalling also its resolution 49/37", ClauseKind.PREAMBULAR, "Recalling also"),
        ("Deeply concerned about attacks", ClauseKind.PREAMBULAR, "Deeply concerned"),
        ("bearing in mind the Charter", ClauseKind.PREAMBULAR, "bearing in mind"),
        ("Noting with appreciation the report", ClauseKind.PREAMBULAR, "Noting with appreciation"),
        ("Having considered the report", ClauseKind.PREAMBULAR, "Having considered"),
        ("Noting the report", ClauseKind.PREAMBULAR, "Noting"),
        ("Acclaiming the effort", ClauseKind.PREAMBULAR, "Acclaiming"),
        ("The Charter provides", ClauseKind.PREAMBULAR, ""),
        ("Requests the Secretary-General", ClauseKind.OPERATIVE, "Requests"),
        ("Further requests the Secretary-General", ClauseKind.OPERATIVE, "Further requests"),
        ("Calls upon all States", ClauseKind.OPERATIVE, "Calls upon"),
        ("Calls for restraint", ClauseKind.OPERATIVE, "Calls for"),
        ("Strongly condemns all attacks", ClauseKind.OPERATIVE, "Strongly condemns"),
        ("Takes note of the report", ClauseKind.OPERATIVE, "Takes note"),
        ("Applauds the effort", ClauseKind.OPERATIVE, "Applauds"),
        ("Requestsomething odd", ClauseKind.OPERATIVE, ""),
        ("This clause has no verb", ClauseKind.OPERATIVE, ""),
        ("Further to its resolution", ClauseKind.OPERATIVE, ""),
    ],
)
def test_english_opening_phrases(text: str, kind: ClauseKind, opening: str) -> None:
    assert text[: opening_length(text, kind, "en")] == opening


@pytest.mark.parametrize(
    ("text", "kind", "opening"),
    [
        ("回顾其第49/37号决议", ClauseKind.PREAMBULAR, "回顾"),
        ("重申《宪章》的宗旨", ClauseKind.PREAMBULAR, "重申"),
        ("深表关切对人员的袭击", ClauseKind.PREAMBULAR, "深表关切"),
        ("满意地注意到秘书长的报告", ClauseKind.PREAMBULAR, "满意地注意到"),
        ("注意到秘书长的报告", ClauseKind.PREAMBULAR, "注意到"),
        ("欢迎各国的努力", ClauseKind.PREAMBULAR, "欢迎"),
        ("联合国的作用", ClauseKind.PREAMBULAR, ""),
        ("请秘书长提交报告", ClauseKind.OPERATIVE, "请"),
        ("又请秘书长提交报告", ClauseKind.OPERATIVE, "又请"),
        ("敦促各国合作", ClauseKind.OPERATIVE, "敦促"),
        ("决定继续处理此案", ClauseKind.OPERATIVE, "决定"),
        ("呼吁各方克制", ClauseKind.OPERATIVE, "呼吁"),
        ("鼓励会员国", ClauseKind.OPERATIVE, "鼓励"),
        ("强烈谴责一切袭击", ClauseKind.OPERATIVE, "强烈谴责"),
    ],
)
def test_chinese_opening_phrases(text: str, kind: ClauseKind, opening: str) -> None:
    assert text[: opening_length(text, kind, "zh-hans")] == opening


def test_only_top_level_clauses_have_an_opening_and_the_parts_reassemble() -> None:
    layout = lay_out(english_body(), language="en")
    assert [(c.opening, c.rest) for c in layout.preambular] == [
        ("Recalling", " its resolution 49/37 of 9 December 1994"),
        ("Deeply concerned", " about attacks on personnel"),
    ]
    first = layout.operative[0]
    assert first.opening == "Requests"
    assert first.text == "Requests the Secretary-General to report:"
    assert first.children[0].opening == ""
    assert first.children[0].rest == "on the safety of personnel"


def test_the_language_is_guessed_from_the_letters() -> None:
    assert guess_language(english_body()) == "en"
    assert guess_language(chinese_body()) == "zh-hans"
    mixed = {"operative": [clause("c1", "请 UNHCR 提交报告并与各国合作")]}
    assert guess_language(mixed) == "zh-hans"
    assert guess_language({"preambular": [], "operative": []}) == "en"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        lay_out(english_body(), language="fr")


# ---- the template ------------------------------------------------------------------------------

HEADING = {
    "committee": "General Assembly",
    "topic": "Safety of personnel",
    "code": "DR 1.1",
    "sponsors": ["France", "Ghana"],
    "signatories": ["Chile", "Japan", "Kenya"],
}


def test_the_template_draws_the_heading_markers_and_anchors() -> None:
    html = render_to_string(
        TEMPLATE, {"layout": lay_out(english_body(), language="en"), "heading": HEADING}
    )
    assert '<article class="resolution" lang="en">' in html
    assert "DR 1.1" in html
    for label in ("Committee", "Topic", "Sponsors", "Signatories"):
        assert f">{label}</dt>" in html
    assert "France, Ghana" in html
    assert "Chile, Japan, Kenya" in html
    assert '<p class="resolution-subject">General Assembly,</p>' in html
    assert (
        '<em class="resolution-opening">Recalling</em> its resolution 49/37 of 9 December 1994,'
        in html
    )
    assert '<span class="resolution-verb">Requests</span> the Secretary-General to report:' in html
    assert '<span class="resolution-label">1.</span> ' in html
    assert '<span class="resolution-label">(a)</span> on the safety of personnel:' in html
    assert '<span class="resolution-label">(i)</span> in the field;' in html
    assert '<span class="resolution-verb">Decides</span> to remain seized of the matter.' in html
    for cid in ("p1", "p2", "c1", "c4", "c9", "c5", "c2", "c3"):
        assert f'id="clause-{cid}" data-clause="{cid}"' in html


def test_the_template_escapes_the_text() -> None:
    body = {"operative": [clause("c1", "Urges <script>alert(1)</script> restraint")]}
    html = render_to_string(TEMPLATE, {"layout": lay_out(body, language="en")})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_projector_modifier_and_a_text_without_heading() -> None:
    html = render_to_string(
        TEMPLATE, {"layout": lay_out(english_body(), language="en"), "projector": True}
    )
    assert '<article class="resolution resolution--projector" lang="en">' in html
    assert "resolution-heading" not in html
    assert "resolution-subject" not in html


def test_a_chinese_text_in_a_chinese_interface() -> None:
    layout = lay_out(chinese_body(), language="zh-hans")
    heading = {**HEADING, "committee": "大会", "sponsors": ["法国", "加纳"]}
    with translation.override("zh-hans"):
        html = render_to_string(TEMPLATE, {"layout": layout, "heading": heading})
        expected = {
            label: translation.gettext(label)
            for label in ("Committee", "Topic", "Sponsors", "Signatories")
        }
        separator = translation.gettext(", ")
    assert '<article class="resolution" lang="zh-hans">' in html
    assert '<p class="resolution-subject">大会，</p>' in html
    for translated in expected.values():
        assert f'<dt lang="zh-hans">{translated}</dt>' in html
    assert f"法国{separator}加纳" in html
    assert '<em class="resolution-opening">回顾</em>其1994年12月9日第49/37号决议，' in html
    assert '<span class="resolution-verb">又请</span>秘书长提交报告：' in html
    assert '<span class="resolution-label">（a）</span> 关于人员安全：' in html
    assert '<span class="resolution-label">（i）</span> 在外地；' in html
    assert '<span class="resolution-verb">敦促</span>各国合作。' in html
