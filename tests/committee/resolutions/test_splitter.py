"""Splitting pasted resolutions: whole texts as delegates paste them, then the edge cases."""

from pathlib import Path

import pytest

from committee.resolutions.splitter import (
    MAX_CHARACTERS,
    SplitClause,
    SplitError,
    SplitResult,
    split_resolution,
)

TEXTS = Path(__file__).with_name("texts")


def leaf(text: str) -> dict:
    return {"text": text, "children": []}


def split_file(name: str) -> dict:
    return split_resolution(TEXTS.joinpath(name).read_text(encoding="utf-8")).as_json()


def test_heading_with_sponsors_and_signatories_blank_lines_and_three_levels():
    assert split_file("en_heading_sponsors.txt") == {
        "preambular": [
            {"text": "Guided by the purposes and principles of the Charter of the United Nations"},
            {
                "text": "Recalling Security Council resolution 2436 (2018) on peacekeeping "
                "performance and the Declaration of Shared Commitments on United Nations "
                "Peacekeeping Operations"
            },
            {
                "text": "Deeply concerned by the number of peacekeepers killed or injured by "
                "malicious acts since 2013"
            },
            {"text": "Recognizing the contribution of troop- and police-contributing countries"},
        ],
        "operative": [
            {
                "text": "Requests the Secretary-General to present, before its next substantive "
                "session, a comprehensive plan to improve the safety and security of "
                "peacekeepers, covering",
                "children": [
                    {
                        "text": "the medical support chain, including",
                        "children": [
                            leaf("casualty evacuation within the first hour after an injury"),
                            leaf("the training of first responders in every contingent"),
                        ],
                    },
                    leaf("the detection of improvised explosive devices"),
                    leaf("early warning and the protection of camps"),
                ],
            },
            leaf(
                "Urges Member States to deploy the enablers that missions lack, in particular "
                "helicopters, engineering units and field hospitals"
            ),
            leaf("Decides to remain actively seized of the matter"),
        ],
        "unplaced": [
            "Please circulate before the afternoon session; the dais has not yet approved it",
            "Notes for the chair: check paragraph 2 with the Fifth Committee.",
        ],
    }


def test_no_heading_no_blank_lines_parenthesised_numbers_and_wrapped_clauses():
    assert split_file("en_no_heading_wrapped.txt") == {
        "preambular": [
            {
                "text": "Reaffirming the basic principles of peacekeeping, namely the consent of "
                "the parties, impartiality and the non-use of force except in self-defence and "
                "defence of the mandate"
            },
            {
                "text": "Noting with concern that many missions operate in environments where "
                "there is no peace to keep"
            },
            {
                "text": "Stressing that women's full, equal and meaningful participation in peace "
                "operations is essential to their effectiveness"
            },
        ],
        "operative": [
            leaf(
                "Calls upon the Secretariat to align the mandates of missions with the resources "
                "made available to them, and to report on the gaps that remain"
            ),
            {
                "text": "Encourages troop-contributing countries to",
                "children": [
                    leaf(
                        "increase the number of women deployed as military observers and staff "
                        "officers"
                    ),
                    leaf(
                        "share their pre-deployment training curricula with the Integrated "
                        "Training Service"
                    ),
                ],
            },
            leaf(
                "Requests a briefing on the implementation of this resolution at the next session"
            ),
        ],
        "unplaced": [],
    }


def test_no_trailing_punctuation_opening_line_without_comma_and_word_tabs():
    assert split_file("en_no_punctuation.txt") == {
        "preambular": [
            {"text": "Alarmed by the rising number of attacks against United Nations personnel"},
            {
                "text": "Taking note of the report of the Secretary-General on the "
                "implementation of the recommendations of the Special Committee"
            },
            {"text": "Welcoming the Action for Peacekeeping Plus priorities"},
        ],
        "operative": [
            leaf("Requests all missions to adopt mission-wide protection strategies"),
            leaf(
                "Further requests the Secretariat to review the use of force by uniformed personnel"
            ),
            {
                "text": "Encourages regional organizations to",
                "children": [
                    leaf("share information on threats to peacekeepers"),
                    leaf("contribute to joint training exercises"),
                ],
            },
        ],
        "unplaced": [],
    }


def test_chinese_heading_full_width_numbers_and_brackets():
    assert split_file("zh_fullwidth_brackets.txt") == {
        "preambular": [
            {"text": "回顾《联合国宪章》的宗旨和原则"},
            {"text": "重申同意、公正和除自卫及捍卫任务外不使用武力是维持和平行动的基本原则"},
            {"text": "深感关切维和人员在执行任务中遭受蓄意攻击"},
        ],
        "operative": [
            {
                "text": "请秘书长在下届会议之前提交一份关于维和人员安全的综合报告，其中包括",
                "children": [
                    leaf("改进伤员后送和医疗支助"),
                    {
                        "text": "加强部署前培训，特别是",
                        "children": [leaf("简易爆炸装置的识别与处置"), leaf("急救技能")],
                    },
                ],
            },
            leaf("敦促会员国及时提供特派团所需的直升机和工程能力"),
            leaf("决定继续积极处理此事"),
        ],
        "unplaced": [],
    }


def test_chinese_numerals_no_punctuation_in_preamble_and_a_wrapped_line():
    assert split_file("zh_hanzi_no_blank.txt") == {
        "preambular": [
            {"text": "回顾大会关于维持和平行动的各项决议"},
            {"text": "注意到维和人员伤亡人数在过去十年中显著上升"},
            {"text": "欢迎“以行动促维和”倡议的落实进展"},
        ],
        "operative": [
            leaf("呼吁各会员国加强维和人员的部署前培训"),
            {
                "text": "鼓励秘书处",
                "children": [leaf("简化特派团的采购程序"), leaf("加强与区域组织的合作")],
            },
            leaf("决定在下届会议上继续审议这一问题"),
        ],
        "unplaced": [],
    }


def test_word_paste_with_letters_a_dot_a_stray_marker_and_a_fourth_level():
    assert split_file("en_word_paste.txt") == {
        "preambular": [
            {"text": "Conscious of the financial situation of peacekeeping operations"},
            {"text": "Further noting the arrears of assessed contributions"},
        ],
        "operative": [
            leaf("Approves the support account for the period ending 30 June"),
            {
                "text": "Invites the Advisory Committee to examine",
                "children": [
                    leaf("the cost of air operations"),
                    {
                        "text": "the standardized funding model, in particular",
                        "children": [leaf("its cost parameters"), leaf("its review cycle")],
                    },
                    leaf("the reimbursement of contingent-owned equipment"),
                ],
            },
            leaf("Decides to include the item in the agenda of its next session"),
        ],
        "unplaced": [
            "(a) stray text that belongs to no clause,",
            "(1)\ta level that goes too deep;",
        ],
    }


def test_operative_numbers_with_a_closing_bracket_and_sub_lists_restarting_in_another_style():
    text = (
        "1) Requests the Department of Peace Operations to:\n"
        "(1) review the rotation of contingents;\n"
        "(2) report on delays in reimbursement;\n"
        "2) Decides to remain seized of the matter."
    )
    assert split_resolution(text).as_json() == {
        "preambular": [],
        "operative": [
            {
                "text": "Requests the Department of Peace Operations to",
                "children": [
                    leaf("review the rotation of contingents"),
                    leaf("report on delays in reimbursement"),
                ],
            },
            leaf("Decides to remain seized of the matter"),
        ],
        "unplaced": [],
    }


def test_chinese_sub_clauses_in_full_width_parenthesised_numbers_under_arabic_numbers():
    text = (
        "1、请秘书处：\n（1）简化采购程序；\n（2）加强培训；\n2、决定继续处理此事。\n\n附议国：巴西"
    )
    assert split_resolution(text).as_json() == {
        "preambular": [],
        "operative": [
            {"text": "请秘书处", "children": [leaf("简化采购程序"), leaf("加强培训")]},
            leaf("决定继续处理此事"),
        ],
        "unplaced": [],
    }


def lettered(last: str) -> str:
    return "".join(
        f"({letter}) measure {letter};\n" for letter in "abcdefgh"[: "abcdefgh".index(last) + 1]
    )


def sub_clauses(text: str) -> list[dict]:
    return split_resolution(text).as_json()["operative"][0]["children"]


def test_i_right_after_h_is_the_letter_i():
    children = sub_clauses("1. Urges missions to:\n" + lettered("h") + "(i) measure i.")
    assert [child["text"] for child in children] == [f"measure {letter}" for letter in "abcdefghi"]
    assert all(child["children"] == [] for child in children)


def test_i_after_h_followed_by_j_stays_a_letter():
    children = sub_clauses("1. Urges:\n" + lettered("h") + "(i) measure i;\n(j) measure j.")
    assert [child["text"] for child in children][-3:] == ["measure h", "measure i", "measure j"]


def test_i_after_h_followed_by_ii_opens_roman_numerals_under_h():
    children = sub_clauses("1. Urges:\n" + lettered("h") + "(i) first point;\n(ii) second point.")
    assert len(children) == 8
    assert children[-1] == {
        "text": "measure h",
        "children": [leaf("first point"), leaf("second point")],
    }


def test_i_after_a_is_a_roman_numeral():
    children = sub_clauses("1. Urges:\n(a) measure a:\n(i) first point;\n(b) measure b.")
    assert children == [
        {"text": "measure a", "children": [leaf("first point")]},
        leaf("measure b"),
    ]


def test_v_after_iv_continues_the_roman_numerals():
    romans = ["i", "ii", "iii", "iv", "v", "vi"]
    text = "1. Urges:\n(a) measures:\n" + "".join(f"({r}) point {r};\n" for r in romans)
    children = sub_clauses(text + "(b) last.")
    assert children[0]["children"] == [leaf(f"point {r}") for r in romans]
    assert children[1] == leaf("last")


def test_roman_numerals_directly_under_an_operative_clause_are_its_sub_clauses():
    children = sub_clauses("1. Urges:\ni) first point;\nii) second point;\n2. Decides.")
    assert children == [leaf("first point"), leaf("second point")]


def test_trailing_punctuation_is_dropped_inner_punctuation_kept():
    result = split_resolution("Noting, with concern, the report:\n1. Urges: all; now。\n2. Asks，")
    assert result == SplitResult(
        preambular=(SplitClause("Noting, with concern, the report"),),
        operative=(SplitClause("Urges: all; now"), SplitClause("Asks")),
        unplaced=(),
    )


def test_word_spacing_soft_returns_and_invisible_characters_are_normalised():
    text = (
        "Recalling\u00a0its\tresolutions,\u000bNoting \u200bthe  report,"
        "\r\n1.\u3000Urges\u00a0\u00a0all;"
    )
    assert split_resolution(text).as_json() == {
        "preambular": [{"text": "Recalling its resolutions"}, {"text": "Noting the report"}],
        "operative": [leaf("Urges all")],
        "unplaced": [],
    }


def test_a_comma_then_a_lower_case_line_continues_the_preambular_clause():
    text = (
        "Recalling resolutions 2378 (2017),\n2436 (2018) and 2518 (2020),\nand the report,\n"
        "1. Urges."
    )
    assert split_resolution(text).as_json()["preambular"] == [
        {"text": "Recalling resolutions 2378 (2017), 2436 (2018) and 2518 (2020), and the report"}
    ]


def test_a_capitalised_participle_starts_a_preambular_clause_without_punctuation():
    text = (
        "Recalling the work of the\nUnited Nations Integrated Training Service\n"
        "Acknowledging the role of the\nPeacekeeping Capability Readiness System\n1. Urges."
    )
    assert split_resolution(text).as_json()["preambular"] == [
        {"text": "Recalling the work of the United Nations Integrated Training Service"},
        {"text": "Acknowledging the role of the Peacekeeping Capability Readiness System"},
    ]


def test_text_after_the_final_full_stop_is_unplaced_and_metadata_there_skipped():
    text = "1. Decides to remain seized of the matter.\nSponsors: Ghana\nAdopted without a vote"
    result = split_resolution(text)
    assert result.operative == (SplitClause("Decides to remain seized of the matter"),)
    assert result.unplaced == ("Adopted without a vote",)


def test_a_marker_with_its_text_on_the_next_line():
    assert split_resolution("1.\nUrges all parties\nto cooperate.").operative == (
        SplitClause("Urges all parties to cooperate"),
    )


def test_preambular_json_items_have_only_text_and_operative_items_always_children():
    result = split_resolution("Recalling x,\n1. Urges y:\n(a) z.").as_json()
    assert result == {
        "preambular": [{"text": "Recalling x"}],
        "operative": [{"text": "Urges y", "children": [{"text": "z", "children": []}]}],
        "unplaced": [],
    }


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        (" \n\t\u00a0\n", "empty"),
        ("1. Urges\x00 all", "binary"),
        ("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0fab", "binary"),
        ("x" * (MAX_CHARACTERS + 1), "too_long"),
    ],
)
def test_text_that_cannot_be_split_raises_its_code(text, code):
    with pytest.raises(SplitError) as raised:
        split_resolution(text)
    assert raised.value.code == code
    assert isinstance(raised.value, ValueError)


def test_a_text_of_exactly_the_maximum_length_is_split():
    clause = "Recalling the Charter,\n"
    text = (clause * (MAX_CHARACTERS // len(clause) + 1))[:MAX_CHARACTERS]
    assert len(split_resolution(text).preambular) == MAX_CHARACTERS // len(clause) + 1


def test_a_stray_control_character_is_not_binary():
    assert split_resolution("Recalling x,\x07\n1. Urges y.").operative == (SplitClause("Urges y"),)
