"""Two versions of a resolution compared clause by clause, matched by stable ids."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from committee.procedure.amendments import AmendmentAction, Change, apply_change
from committee.resolutions.diff import ClauseDiff, ClauseStatus, Piece, diff_bodies, text_pieces
from committee.resolutions.layout import body_to_resolution, resolution_to_body

TEMPLATE = "committee/documents/_resolution_diff.html"


def clause(cid: str, text: str, *children: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, "text": text, "children": list(children)}


def body() -> dict[str, Any]:
    return {
        "preambular": [clause("p1", "Recalling its resolution 49/37")],
        "operative": [
            clause(
                "c1",
                "Requests the Secretary-General to report",
                clause("c4", "on the safety of personnel"),
                clause("c5", "on the means of protection"),
            ),
            clause("c2", "Urges all States to cooperate"),
            clause("c3", "Decides to remain seized of the matter"),
        ],
    }


def amended(old: dict[str, Any], *changes: Change) -> dict[str, Any]:
    resolution = body_to_resolution(old)
    for change in changes:
        resolution = apply_change(resolution, change)
    return resolution_to_body(resolution)


def summary(diff: list[ClauseDiff]) -> list[tuple[str, str | None, str | None, str]]:
    return [(d.id, d.old_label, d.new_label, d.status) for d in diff]


def test_identical_versions_are_unchanged_throughout() -> None:
    diff = diff_bodies(body(), body())
    assert {d.status for d in diff} == {ClauseStatus.UNCHANGED}
    assert [d.id for d in diff] == ["p1", "c1", "c4", "c5", "c2", "c3"]
    assert [d.depth for d in diff] == [1, 1, 2, 2, 1, 1]
    assert diff[1].pieces == (Piece("same", "Requests the Secretary-General to report"),)


def test_a_modified_clause_shows_its_words_struck_and_added() -> None:
    new = amended(
        body(),
        Change(AmendmentAction.MODIFY, target="c2", text="Urges all States to cooperate fully"),
        Change(AmendmentAction.MODIFY, target="c4", text="on the security of personnel"),
    )
    diff = {d.id: d for d in diff_bodies(body(), new)}
    assert diff["c2"].status == ClauseStatus.MODIFIED
    assert diff["c2"].pieces == (
        Piece("same", "Urges all States to cooperate"),
        Piece("added", " fully"),
    )
    assert diff["c4"].pieces == (
        Piece("same", "on the "),
        Piece("struck", "safety"),
        Piece("added", "security"),
        Piece("same", " of personnel"),
    )
    assert diff["c1"].status == ClauseStatus.UNCHANGED


def test_closing_punctuation_typed_into_a_clause_is_no_change() -> None:
    new = amended(
        body(), Change(AmendmentAction.MODIFY, target="c2", text="Urges all States to cooperate;")
    )
    assert {d.status for d in diff_bodies(body(), new)} == {ClauseStatus.UNCHANGED}


def test_an_added_clause_renumbers_those_after_it() -> None:
    new = amended(
        body(),
        Change(
            AmendmentAction.ADD, target=None, text="Invites Member States", new_id="n1", position=1
        ),
    )
    diff = diff_bodies(body(), new)
    assert summary(diff) == [
        ("p1", "PP1", "PP1", "unchanged"),
        ("c1", "1", "1", "unchanged"),
        ("c4", "1(a)", "1(a)", "unchanged"),
        ("c5", "1(b)", "1(b)", "unchanged"),
        ("n1", None, "2", "added"),
        ("c2", "2", "3", "renumbered"),
        ("c3", "3", "4", "renumbered"),
    ]
    assert diff[4].pieces == (Piece("added", "Invites Member States"),)
    assert diff[5].relabelled and not diff[1].relabelled and not diff[4].relabelled


def test_a_struck_clause_stays_where_it_was() -> None:
    new = amended(
        body(),
        Change(AmendmentAction.STRIKE, target="c2"),
        Change(AmendmentAction.STRIKE, target="c4"),
    )
    diff = diff_bodies(body(), new)
    assert summary(diff) == [
        ("p1", "PP1", "PP1", "unchanged"),
        ("c1", "1", "1", "unchanged"),
        ("c4", "1(a)", None, "struck"),
        ("c5", "1(b)", "1(a)", "renumbered"),
        ("c2", "2", None, "struck"),
        ("c3", "3", "2", "renumbered"),
    ]
    assert diff[4].pieces == (Piece("struck", "Urges all States to cooperate"),)


def test_a_struck_clause_takes_its_sub_clauses_with_it() -> None:
    new = amended(body(), Change(AmendmentAction.STRIKE, target="c1"))
    diff = diff_bodies(body(), new)
    assert summary(diff)[1:] == [
        ("c1", "1", None, "struck"),
        ("c4", "1(a)", None, "struck"),
        ("c5", "1(b)", None, "struck"),
        ("c2", "2", "1", "renumbered"),
        ("c3", "3", "2", "renumbered"),
    ]
    assert [d.depth for d in diff[1:4]] == [1, 2, 2]


def test_a_clause_moved_under_another_is_moved_not_renumbered() -> None:
    new = amended(body(), Change(AmendmentAction.MOVE, target="c3", destination="c1"))
    diff = diff_bodies(body(), new)
    assert summary(diff)[1:] == [
        ("c1", "1", "1", "unchanged"),
        ("c4", "1(a)", "1(a)", "unchanged"),
        ("c5", "1(b)", "1(b)", "unchanged"),
        ("c3", "3", "1(c)", "moved"),
        ("c2", "2", "2", "unchanged"),
    ]


def test_a_clause_moved_ahead_of_its_siblings_is_moved() -> None:
    new = amended(body(), Change(AmendmentAction.MOVE, target="c3", position=0))
    assert summary(diff_bodies(body(), new))[1:] == [
        ("c3", "3", "1", "moved"),
        ("c1", "1", "2", "renumbered"),
        ("c4", "1(a)", "2(a)", "renumbered"),
        ("c5", "1(b)", "2(b)", "renumbered"),
        ("c2", "2", "3", "renumbered"),
    ]


def test_a_moved_clause_whose_text_changed_is_modified() -> None:
    new = amended(
        body(),
        Change(AmendmentAction.MOVE, target="c3", position=0),
        Change(AmendmentAction.MODIFY, target="c3", text="Decides to remain actively seized"),
    )
    first = diff_bodies(body(), new)[1]
    assert (first.id, first.status, first.relabelled) == ("c3", "modified", True)


def test_chinese_text_is_compared_character_by_character() -> None:
    assert text_pieces("请秘书长提交报告", "请秘书长每年提交报告") == (
        Piece("same", "请秘书长"),
        Piece("added", "每年"),
        Piece("same", "提交报告"),
    )
    assert text_pieces("敦促各国合作", "敦促各方合作") == (
        Piece("same", "敦促各"),
        Piece("struck", "国"),
        Piece("added", "方"),
        Piece("same", "合作"),
    )


def test_english_text_is_compared_word_by_word() -> None:
    pieces = text_pieces("Requests a report annually", "Requests a report biennially")
    assert pieces == (
        Piece("same", "Requests a report "),
        Piece("struck", "annually"),
        Piece("added", "biennially"),
    )
    old, new = "on the safety of personnel", "on the security and safety of staff"
    pieces = text_pieces(old, new)
    assert "".join(p.text for p in pieces if p.op != "added") == old
    assert "".join(p.text for p in pieces if p.op != "struck") == new


# ---- the template ------------------------------------------------------------------------------


def test_the_diff_template_marks_insertions_deletions_and_both_numbers() -> None:
    new = amended(
        body(),
        Change(AmendmentAction.STRIKE, target="c2"),
        Change(AmendmentAction.MODIFY, target="c3", text="Decides to remain actively seized"),
        Change(AmendmentAction.ADD, target=None, text="Invites Member States", new_id="n1"),
    )
    html = render_to_string(TEMPLATE, {"diff": diff_bodies(body(), new)})
    assert "<del>Urges all States to cooperate</del>" in html
    assert "Decides to remain <ins>actively </ins>seized<del> of the matter</del>" in html
    assert "<ins>Invites Member States</ins>" in html
    assert '<span class="resolution-diff__label">3 → 2</span>' in html
    assert '<span class="resolution-diff__label">3</span>' in html  # the added clause
    for word in ("Struck", "Modified", "Added"):
        assert f'<span class="resolution-diff__status">{word}</span>' in html
    assert "Unchanged" not in html
    assert 'data-clause="c2"' in html and "resolution-diff__clause--struck" in html


def test_the_diff_template_translates_its_status_words() -> None:
    new = amended(body(), Change(AmendmentAction.STRIKE, target="c2"))
    with translation.override("zh-hans"):
        html = render_to_string(TEMPLATE, {"diff": diff_bodies(body(), new)})
        struck = translation.pgettext("clause change", "Struck")
        renumbered = translation.pgettext("clause change", "Renumbered")
    assert f'<span class="resolution-diff__status">{struck}</span>' in html
    assert f'<span class="resolution-diff__status">{renumbered}</span>' in html
