"""Bad input: every mistake gets its file, line and a plain message, exit 1, no traceback."""

from __future__ import annotations

from pathlib import Path

PROFILE = "profiles/me/profile.yaml"


def write(ws: Path, relative: str, text: str | bytes) -> None:
    path = ws / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_starter_workspace_validates(starter, run):
    result = run("-w", str(starter), "validate")
    assert result.code == 0, result.err
    assert "All" in result.out and "valid" in result.out


def test_yaml_syntax_error_names_line(starter, run):
    write(starter, PROFILE, "person:\n  name: Ada\n  email: [unclosed\nawards: []\n")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert "profiles/me/profile.yaml is not valid YAML" in result.err
    assert "profiles/me/profile.yaml:4:" in result.err
    assert "Traceback" not in result.err


def test_broken_profile_reports_every_problem_at_once(starter, run):
    write(starter, PROFILE, """\
person:
  name: Ada
publications:
  - id: p1
    kind: journal
    authors: ["Researcher, Ada"]
    tittle: Hello
    title: Hello
    year: 20x5
  - id: p1
    kind: journal
    authors: ["Researcher, Ada"]
    title: Again
    year: 2020
talks:
  - id: t1
    kind: invited
    title: A talk
    date: 2024-13
""")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    err = result.err
    assert "profile.yaml has 4 problems" in err
    assert "profile.yaml:7:5: publications[0].tittle: unknown field 'tittle'" in err
    assert "Did you mean 'title'?" in err
    assert "profile.yaml:9:5: publications[0].year: expected a whole number (got '20x5')" in err
    assert "profile.yaml:10:5: publications[1].id: duplicate id 'p1' (first used in publications at line 4)" in err
    assert "profile.yaml:19:5: talks[0].date: '2024-13' has month 13" in err


def test_empty_file(starter, run):
    write(starter, PROFILE, "\n\n")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert "profiles/me/profile.yaml is empty" in result.err


def test_not_utf8(starter, run):
    write(starter, PROFILE, "person:\n  name: Jim\xe9nez\n".encode("latin-1"))
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert "profiles/me/profile.yaml is not UTF-8 text" in result.err
    assert "profiles/me/profile.yaml:2:12: byte 0xe9 cannot be read as UTF-8" in result.err


def test_top_level_must_be_mapping(starter, run):
    write(starter, PROFILE, "- just\n- a list\n")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert "must be a mapping" in result.err


def test_application_with_unknown_publication(starter, run):
    write(starter, "profiles/me/applications/example-fellowship.yaml", """\
call: example-fellowship
selections:
  publications: [researcher2024example, nosuchpaper2020]
answers:
  nonsense: hello
""")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert ("example-fellowship.yaml:3:41: selections.publications[1]: "
            "no item 'nosuchpaper2020' in the profile") in result.err
    assert "call 'example-fellowship' has no prompt 'nonsense'" in result.err


def test_application_selecting_item_in_wrong_section(starter, run):
    write(starter, "profiles/me/applications/example-fellowship.yaml", """\
call: example-fellowship
selections:
  publications: [talk-2024-example]
""")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert "'talk-2024-example' is in talks, not in publications" in result.err


def test_unknown_profile_suggests_close_name(starter, run):
    result = run("-w", str(starter), "show", "mee")
    assert result.code == 1
    assert "unknown profile 'mee'" in result.err
    assert "Did you mean 'me'?" in result.err


def test_call_problems(starter, run):
    write(starter, "calls/loop-a.yaml", "id: loop-a\nextends: loop-b\n")
    write(starter, "calls/loop-b.yaml", "id: loop-b\nextends: loop-a\n")
    result = run("-w", str(starter), "calls", "show", "loop-a")
    assert result.code == 1
    assert "calls extend each other in a circle: loop-a -> loop-b -> loop-a" in result.err

    write(starter, "calls/bad.yaml", """\
id: bad
name: Bad call
funder: Nobody
kind: grant
rules_read: 2026-11
documents:
  - id: cv
    title: CV
    template: no-such-template
    max_pages: -1
""")
    result = run("-w", str(starter), "calls", "show", "bad")
    assert result.code == 1
    assert "calls/bad.yaml:10:5: documents[0].max_pages: must be greater than or equal to 1" in result.err


def test_missing_template_is_reported_with_line(starter, run):
    write(starter, "calls/bad.yaml", """\
id: bad
name: Bad call
funder: Nobody
kind: grant
rules_read: 2026-11
documents:
  - id: cv
    title: CV
    template: no-such-template
""")
    result = run("-w", str(starter), "calls", "show", "bad")
    assert result.code == 1
    assert "calls/bad.yaml:9:5: documents[0].template: document 'cv' uses template 'no-such-template'" in result.err


def test_bad_settings_file(starter, run):
    write(starter, "packet.toml", "thme = 'modern'\n")
    result = run("-w", str(starter), "validate")
    assert result.code == 1
    assert "unknown setting" in result.err and "thme" in result.err
