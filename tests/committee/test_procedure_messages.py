"""The words for every engine error code, in English and Chinese, come from gettext."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

import committee
import committee.procedure as engine
import delegates
from committee import labels
from committee.procedure.choices import MotionCode
from committee.procedure.errors import ALL_ERROR_CODES, ErrorCode, ProcedureError
from committee.procedure.profiles import PROFILE_NAMES, validate_overrides
from committee.procedure_messages import MESSAGES, describe, placeholders

ENGINE_DIR = Path(engine.__file__).parent
LANGUAGES = ("en", "zh-hans")
HAN = re.compile(r"[\u4e00-\u9fff]")


def raised_codes() -> dict[str, set[str]]:
    """Every ``ErrorCode.X`` the engine's source raises, with the fact names passed with it."""
    found: dict[str, set[str]] = {}
    for path in ENGINE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            first = node.args[0]
            if (
                isinstance(first, ast.Attribute)
                and isinstance(first.value, ast.Name)
                and first.value.id == "ErrorCode"
            ):
                code = ErrorCode[first.attr].value
                found.setdefault(code, set()).update(k.arg for k in node.keywords if k.arg)
    return found


def in_language(text: object, language: str) -> str:
    with translation.override(language):
        return str(text)


def test_every_code_has_an_english_and_a_chinese_message() -> None:
    assert set(MESSAGES) == set(ALL_ERROR_CODES)
    for code, message in MESSAGES.items():
        english, chinese = in_language(message, "en"), in_language(message, "zh-hans")
        assert english.strip() and not HAN.search(english), code
        assert HAN.search(chinese), (code, chinese)


def test_both_languages_use_the_same_placeholders() -> None:
    for code, message in MESSAGES.items():
        english = placeholders(in_language(message, "en"))
        assert english == placeholders(in_language(message, "zh-hans")), code


def test_every_code_the_engine_raises_is_declared_and_its_placeholders_are_supplied() -> None:
    """Each raise site passes at least the facts its message needs (so nothing shows "?")."""
    raised = raised_codes()
    assert raised, "the scan found no raise sites"
    assert set(raised) <= ALL_ERROR_CODES
    for code, facts in raised.items():
        needed = placeholders(in_language(MESSAGES[code], "en"))
        # Some sites pass facts through helpers (e.g. _refuse); those supply the same names.
        assert needed <= facts or code == "invalid_parameter_value", (code, needed - facts)


@pytest.mark.parametrize("code", sorted(ALL_ERROR_CODES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_message_formats_with_its_facts(code: str, language: str) -> None:
    facts = {name: f"<{name}>" for name in placeholders(in_language(MESSAGES[code], "en"))}
    text = describe(ProcedureError(code, **facts), language)
    assert "%(" not in text and "?" not in text.replace("？", "")
    for value in facts.values():
        assert value in text


def test_every_motion_and_profile_has_a_name_in_both_languages() -> None:
    """The engine's codes are named for people by the label tables, never by the engine."""
    assert set(labels.MOTIONS) == set(MotionCode)
    assert set(labels.PROFILES) == set(PROFILE_NAMES)
    for table in (labels.MOTIONS, labels.PROFILES):
        for code, word in table.items():
            english, chinese = in_language(word, "en"), in_language(word, "zh-hans")
            assert english and not HAN.search(english), code
            assert HAN.search(chinese), (code, chinese)
    with translation.override("zh-hans"):
        assert labels.motion_label(MotionCode.MODERATED_CAUCUS) == "有主持核心磋商"
    assert labels.motion_label("no_such_motion") == "no_such_motion"


def test_no_hand_written_translation_dictionary_is_left() -> None:
    """One translation system: no Python dict keyed by language ("en" beside "zh-hans")."""
    sources = [
        path
        for package in (committee, delegates)
        for path in Path(package.__file__).parent.rglob("*.py")
        if "migrations" not in path.parts
    ]
    assert len(sources) > 50
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert not ({"en", "zh-hans"} <= keys or {"en", "zh"} <= keys), path


def test_describe_a_real_refusal_in_both_languages_with_lists_joined() -> None:
    with pytest.raises(ProcedureError) as info:
        validate_overrides("cn_common", {"gsl_exhaustion_action": "panic"})
    english = describe(info.value, "en")
    chinese = describe(info.value, "zh-hans")
    assert "gsl_exhaustion_action" in english and "close_debate" in english
    assert "gsl_exhaustion_action" in chinese and "参数" in chinese


def test_unknown_language_falls_back_to_english_and_missing_facts_show_a_mark() -> None:
    error = ProcedureError("not_present", delegation="France")
    assert describe(error, "fr") == describe(error, "en") == "France is not present."
    assert describe(error, "zh-Hans") == "France 未出席。"
    assert describe(ProcedureError("not_present"), "en") == "? is not present."


def test_engine_values_are_shown_as_words_in_both_languages() -> None:
    """A phase, a point kind and a motion code never reach the reader as raw machine values."""
    wrong_phase = ProcedureError(
        "motion_wrong_phase",
        motion="unmoderated_caucus",
        phase="voting_procedure",
        allowed=["agenda", "gsl"],
        reason="phase",
    )
    point = ProcedureError("point_not_in_order", point="order", reason="voting_procedure")
    english = describe(wrong_phase, "en") + describe(point, "en")
    chinese = describe(wrong_phase, "zh-hans") + describe(point, "zh-hans")
    assert "Unmoderated caucus" in english and "自由磋商" in chinese
    assert "voting procedure" in english and "表决程序" in chinese
    assert "setting the agenda, general speakers' list" in english
    assert "确定议题、主发言名单" in chinese
    assert "point of order" in english and "秩序问题" in chinese
    for raw in ("unmoderated_caucus", "voting_procedure", "gsl", "agenda", "order"):
        assert raw not in chinese
    for raw in ("unmoderated_caucus", "voting_procedure", "gsl"):
        assert raw not in english


def test_statuses_and_yield_kinds_are_words_and_unknown_values_stay_as_given() -> None:
    pending = ProcedureError("motion_not_pending", motion_id="s1m1", status="superseded")
    assert describe(pending, "en").endswith("(its status: not voted (superseded)).")
    assert "失效（未表决）" in describe(pending, "zh-hans")
    yield_refused = ProcedureError("yield_not_enabled", kind="questions", allowed=["chair"])
    assert describe(yield_refused, "en") == (
        "Yielding to questions is not allowed here. Allowed: the chair."
    )
    assert describe(yield_refused, "zh-hans") == "此处不允许让渡给问题。可让渡给：主席。"
    unknown = ProcedureError("point_disabled", point="something_new")
    assert "something_new" in describe(unknown, "en")
    assert "something_new" in describe(unknown, "zh-hans")
