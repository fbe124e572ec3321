"""`manage.py split_resolution`: a file (or standard input) in, the clause tree as JSON out."""

import io
import json
import re
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from committee.management.commands.split_resolution import Command

TEXT = (
    "维和行动特别委员会，\n\n回顾其以往各项决议，\n\n"
    "1. 请秘书长提交报告：\n（a）关于安全；\n2. 决定继续处理此事。\n"
)
TREE = {
    "preambular": [{"text": "回顾其以往各项决议"}],
    "operative": [
        {"text": "请秘书长提交报告", "children": [{"text": "关于安全", "children": []}]},
        {"text": "决定继续处理此事", "children": []},
    ],
    "unplaced": [],
}


def run(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("split_resolution", *args, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_prints_the_tree_of_a_file_as_word_saves_it(tmp_path, encoding):
    path = tmp_path / "draft.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode(encoding))
    printed = run(str(path))
    assert json.loads(printed) == TREE
    assert "回顾其以往各项决议" in printed  # not escaped
    assert printed.startswith('{\n  "preambular"')  # indented by 2


def test_reads_standard_input_for_a_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    assert json.loads(run("-")) == TREE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"  \r\n\r\n", "there is no text in it"),
        (b"1. Urges\x00\x00 all", "it is not text (binary data)"),
        (b"x" * 50_001, "it is longer than 50,000 characters"),
        (b"\xff\xd8\xff\xe0 a photograph", "neither UTF-8 nor UTF-16 with a byte order mark"),
    ],
)
def test_refuses_what_is_not_a_resolution(tmp_path, content, message):
    path = tmp_path / "draft.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)):
        run(str(path))


def test_a_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.txt"):
        run(str(tmp_path / "missing.txt"))


def test_from_the_command_line_an_error_goes_to_stderr_with_status_1(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_text("")
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "split_resolution", str(path)])
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Cannot split" in captured.err and "there is no text in it" in captured.err
