"""index.sanitize: escape sequences go whole, one-line values stay on one line, a language
is a code or nothing, and every pattern reads hostile input in linear time."""

from __future__ import annotations

import json
import time

import pytest

from index.sanitize import clean, json_safe, language_code, one_line, shown, shown_text


@pytest.mark.parametrize("raw, kept", [
    ("Title \x1b]2;pwned\x07 end", "Title  end"),  # OSC 2: the window title
    ("Title \x1b]52;c;cHduZWQ=\x1b\\ end", "Title  end"),  # OSC 52, ended by ST
    ("Hidden \x1b[8mtext\x1b[0m", "Hidden text"),  # SGR 8: conceal
    ("Clear \x9b2J screen", "Clear  screen"),  # C1 CSI
    ("Title \x9d0;pwned\x9c end", "Title  end"),  # C1 OSC and ST
    ("Reset \x1bc now", "Reset  now"),
    ("Bell \x07 and NUL \x00 and DEL \x7f", "Bell  and NUL  and DEL "),
    ("Unended \x1b]2;pwned", "Unended 2;pwned"),  # no terminator: a two-character escape
    ("Größte Reform 🙂 \u200c\u05d0", "Größte Reform 🙂 \u200c\u05d0"),
])
def test_clean_drops_whole_sequences_and_keeps_text(raw, kept):
    assert clean(raw) == kept


@pytest.mark.parametrize("code", range(128))
def test_clean_treats_every_ascii_character_as_in_text_of_any_script(code):
    """ASCII text takes a shortcut; each character, alone or opening an escape sequence,
    comes out as it does in text with a letter of another script (which does not)."""
    for raw in (f"a{chr(code)}b\nc", f"a{chr(code)}[8mb\r\nc"):
        assert clean(raw) + "é" == clean(raw + "é")


def test_clean_keeps_lines_and_tabs_and_makes_a_carriage_return_a_line_break():
    assert clean("a\tb\r\nc\rd\ne\u2028f") == "a\tb\nc\nd\ne\nf"


def test_one_line_values_have_no_line_break():
    assert one_line("Front\r\n0123456789ab  2025  en\tforged\u2028x") == \
        "Front 0123456789ab  2025  en forged x"
    assert one_line(" \n ") is None and one_line(None) is None


@pytest.mark.parametrize("value, code", [
    ("de", "de"), ("en-US", "en"), ("pt_BR", "pt"), ("FRA", "fra"), (" und ", "und"),
    ("English", None), ("e\x1b[8mn", None), ("12", None), ("d", None), ("", None),
    (None, None), ("de\u0301", None),
])
def test_language_code(value, code):
    assert language_code(value) == code


def test_shown_keeps_the_length_and_leaves_no_control():
    text = "a\x1b]2;x\x07\nb\tc\x9bd"
    assert shown(text) == "a ]2;x  b c d" and len(shown(text)) == len(text)
    assert shown_text("a\r\nb\tc\x1bd") == "a\n\nb\tc d"


def test_json_safe_escapes_what_json_leaves_raw():
    encoded = json.dumps({"t": "a\x1b\x9b\u2028\x7fb"}, ensure_ascii=False)
    assert "\x9b" in encoded  # json itself leaves the C1 controls as they are
    safe = json_safe(encoded)
    assert not any(c in safe for c in "\x1b\x9b\u2028\x7f")
    assert json.loads(safe) == {"t": "a\x1b\x9b\u2028\x7fb"}


@pytest.mark.parametrize("hostile", [
    "\x1b]" * 500_000, "\x1b[" * 500_000, "\x9d" + "a" * 1_000_000, ("\x1b]" + "a" * 4000) * 250,
    ("\x1b[" + "1;" * 40) * 12_000, " " * 1_000_000 + "\n", "\x9b" * 1_000_000,
])
def test_hostile_text_is_read_in_linear_time(hostile):
    # CPU time, not wall time: a loaded machine stretches the wall clock, while a
    # quadratic pattern over a megabyte would take minutes of CPU, not a second
    started = time.process_time()
    clean(hostile)
    one_line(hostile[:200_000])
    shown(hostile)
    shown_text(hostile)
    assert time.process_time() - started < 1.0
