"""Templates: the sandbox, escaping through the whole chain, errors, overrides, citations,
and every built-in document rendered against a small profile and the example one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from packet.compose.compose import Statements, compose_document, render_markdown
from packet.compose.context import (
    StatementSource,
    TemplateContext,
    build_context,
    load_statements,
)
from packet.compose.doctree import (
    Document,
    Entry,
    Heading,
    ListBlock,
    Paragraph,
    Styled,
    inline_text,
    walk_blocks,
)
from packet.compose.escape import md_escape
from packet.compose.filters import daterange, money
from packet.compose.jinja_env import MarkdownEnvironment, make_environment
from packet.errors import UserError
from packet.model import Application, CallSpec, PartialDate, Profile
from packet.model.call import DocumentSpec
from packet.model.profile import SECTIONS
from packet.select import resolve_selection

REPO = Path(__file__).resolve().parents[2]
TODAY = PartialDate(2025, 7, 14)
INJECTION = '#read("/etc/passwd") $x$ *y* <z> {{ 7*7 }} \\textbf{w}'
BUILTINS = ("cv", "publications", "talks", "awards-and-funding", "track-record",
            "research-statement", "cover-letter", "statement", "biosketch-supplement")


def small_profile(title: str = "Locality defeats the curse") -> Profile:
    return Profile.model_validate({
        "person": {
            "name": "Ada Lovelace", "name_variants": ["Lovelace, A."], "email": "ada@x.org",
            "website": "https://ada.example.org", "orcid": "0000-0002-1825-0097",
            "position": "Postdoctoral researcher", "affiliation": "EPFL",
            "address": ["Institute of Physics", "CH-1015 Lausanne"],
            "links": [{"label": "GitHub", "url": "https://github.com/ada"}],
        },
        "interests": [{"id": "i1", "area": "Theory", "topics": ["scaling laws", "kernels"]}],
        "education": [{"id": "e1", "degree": "Ph.D.", "field": "Physics", "institution": "EPFL",
                       "location": "Lausanne", "start": "2020-11", "end": "2025",
                       "advisors": ["M. Wyart"], "honors": "Distinction"}],
        "positions": [
            {"id": "p1", "kind": "academic", "title": "Postdoc", "organization": "EPFL",
             "start": "2025", "end": "present"},
            {"id": "p2", "kind": "industry", "title": "Applied Scientist", "organization": "AWS AI",
             "start": "2023-07", "end": "2023-10", "details": ["Multimodal LLMs."]},
        ],
        "publications": [
            {"id": "j1", "kind": "journal", "authors": ["Sclocchi, Antonio", "Lovelace, Ada"],
             "title": "A phase transition", "venue": "PNAS", "year": 2025, "volume": "122"},
            {"id": "c1", "kind": "conference", "authors": ["Lovelace, Ada", "Cagnetta, F."],
             "equal_contribution": ["Lovelace, Ada", "Cagnetta, F."], "title": title,
             "venue": "NeurIPS", "year": 2021, "notes": ["Oral (top 0.54%)"],
             "significance": "First proof that locality beats dimension."},
            {"id": "c2", "kind": "conference", "authors": ["Ortiz, G.", "Lovelace, A."],
             "title": "Task arithmetic", "venue": "NeurIPS", "year": 2023},
            {"id": "w1", "kind": "workshop", "authors": ["Lovelace, A."], "title": "Workshop paper",
             "venue": "ICML Workshop", "year": 2024},
            {"id": "pp1", "kind": "preprint", "authors": ["Lovelace, A."], "title": "Bigger",
             "year": 2025, "arxiv": "2505.16959"},
            {"id": "a1", "kind": "abstract", "authors": ["Lovelace, A."], "title": "APS talk",
             "venue": "Bulletin of the APS", "year": 2023},
        ],
        "talks": [
            {"id": "t1", "kind": "invited", "title": "Creativity by compositionality",
             "host": "Perimeter Institute", "location": "Waterloo", "date": "2025-03"},
            {"id": "t2", "kind": "contributed", "title": "Task arithmetic", "event": "NeurIPS",
             "date": "2023-12"},
            {"id": "t3", "kind": "poster", "title": "Hierarchies", "host": "Flatiron",
             "date": 2024},
        ],
        "awards": [
            {"id": "aw1", "title": "Dean's award", "issuer": "EPFL", "date": 2024, "amount": 1100,
             "currency": "USD"},
            {"id": "aw2", "title": "Top reviewer", "issuer": "NeurIPS", "date": 2022},
            {"id": "aw3", "title": "Scholarship", "issuer": "Polito", "date": 2019},
        ],
        "grants": [{"id": "g1", "title": "Ambizione", "funder": "SNSF", "role": "PI",
                    "amount": 900000, "currency": "CHF", "start": 2026, "end": 2030}],
        "teaching": [{"id": "te1", "role": "Teaching assistant", "course": "Statistical Physics II",
                      "code": "PHYS-316", "institution": "EPFL", "start": 2023, "end": 2024,
                      "terms": ["Spring 2023", "Spring 2024"]}],
        "mentoring": [{"id": "m1", "student": "T. H.", "level": "master-thesis", "date": 2023,
                       "program": "M.S. Physics", "institution": "EPFL"}],
        "service": [
            {"id": "s1", "kind": "referee", "organization": "NeurIPS",
             "distinctions": ["2024 Top Reviewer"]},
            {"id": "s2", "kind": "committee", "role": "Evaluator", "organization": "ELLIS",
             "start": 2024, "end": 2025},
        ],
        "meetings": [{"id": "me1", "kind": "school", "title": "Les Houches school",
                      "location": "Les Houches", "date": 2022, "invited": True}],
        "skills": [{"id": "sk1", "category": "Programming", "items": ["Python", "JAX"]}],
        "languages": [{"id": "l1", "name": "Italian", "level": "native"},
                      {"id": "l2", "name": "English", "level": "fluent"}],
    })


def small_call() -> CallSpec:
    return CallSpec.model_validate({
        "id": "test-call", "name": "Test Fellowship", "funder": "Test Foundation",
        "kind": "fellowship", "rules_read": "2025-01",
        "documents": [
            {"id": name, "title": name.replace("-", " ").capitalize(), "template": name}
            for name in BUILTINS
        ] + [
            {"id": "erc", "title": "CV and track record", "template": "track-record",
             "sections": [{"section": "publications", "max_items": 2}]},
            {"id": "nih", "title": "Biographical Sketch Supplement",
             "template": "biosketch-supplement",
             "sections": [{"section": "awards", "max_items": 2}],
             "prompts": ["personal-statement", "contribution-1", "contribution-2"]},
            {"id": "answers", "title": "Answers", "template": "statement.md.j2",
             "prompts": ["fit", "plans"]},
        ],
        "prompts": [
            {"id": "personal-statement", "question": "Why you?", "heading": "Personal Statement"},
            {"id": "contribution-1", "question": "Contribution 1", "heading": "Locality"},
            {"id": "contribution-2", "question": "Contribution 2"},
            {"id": "fit", "question": "Why this host?", "heading": "Fit with the host"},
            {"id": "plans", "question": "What next?", "heading": "Plans"},
        ],
    })


STATEMENTS = {
    name: StatementSource(name, text, f"profiles/ada/statements/{name}.md")
    for name, text in {
        "research-statement": "<!-- a note -->\n## Vision\n\nLocality {{ cite('c1') }} and phases"
                              " {{ cite('j1', 'c1') }}.\n\nAgain {{ cite('c1') }}.\n",
        "cover-letter": "I apply for the {{ call.name }}.\n\nSecond paragraph.\n",
        "statement": "Plain text of the generic statement.\n",
        "track-record": "Career break in 2022.\n",
    }.items()
}
ANSWERS = {
    "personal-statement": "I am suited.\n\nSecond paragraph.",
    "contribution-1": "Locality matters.\n\nIt really does.",
    "contribution-2": "Phases.",
    "fit": "The host studies *exactly* this.\n\n- not a list",
    "plans": "Build a theory.",
}


@pytest.fixture(scope="module")
def env() -> MarkdownEnvironment:
    return make_environment(None)


def context(doc_id: str, profile: Profile | None = None, **kwargs: Any) -> TemplateContext:
    call = small_call()
    kwargs.setdefault("statements", STATEMENTS)
    kwargs.setdefault("application", Application(call="test-call", answers=ANSWERS))
    profile = profile or small_profile()
    kwargs.setdefault("selected", resolve_selection(profile, call, doc_id, None, as_of=TODAY))
    return build_context(profile, call, call.document(doc_id), today=TODAY, **kwargs)


def chosen(profile: Profile, publications: list[str]) -> dict[str, list[Any]]:
    """Every item of the profile, with the publications given by id, in that order."""
    items = profile.items()
    selected: dict[str, list[Any]] = {name: list(profile.section(name)) for name in SECTIONS}
    selected["publications"] = [items[i] for i in publications]
    return selected


def compose(doc_id: str, env: MarkdownEnvironment, **kwargs: Any) -> Document:
    ctx = context(doc_id, **kwargs)
    return compose_document(ctx.doc, ctx, env)


def texts(doc: Document) -> list[str]:
    out = []
    for block in walk_blocks(doc.blocks):
        if isinstance(block, Heading | Paragraph):
            out.append(inline_text(block.children))
        elif isinstance(block, Entry):
            out.append(inline_text(block.head))
    return out


def straight(text: str) -> str:
    """Text with typographic quotes as typed: the typography pass turns `"` curly, and a
    literal-markup test compares with what was typed."""
    return text.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))


def headings(doc: Document) -> list[str]:
    return [inline_text(h.children) for h in doc.headings()]


# -- every built-in -----------------------------------------------------------


@pytest.mark.parametrize("doc_id", [*BUILTINS, "erc", "nih", "answers"])
def test_builtin_renders(doc_id: str, env: MarkdownEnvironment) -> None:
    doc = compose(doc_id, env)
    assert doc.id == doc_id and doc.blocks
    assert doc.meta["author"] == "Ada Lovelace"


def test_cv_sections_entries_and_legend(env: MarkdownEnvironment) -> None:
    doc = compose("cv", env)
    assert headings(doc) == [
        "Ada Lovelace", "Research interests", "Education", "Academic positions",
        "Industry experience", "Publications", "Journal articles", "Conference papers",
        "Workshop papers", "Preprints", "Conference abstracts", "Invited talks",
        "Contributed talks", "Posters", "Awards and honors", "Grants and funding", "Teaching",
        "Mentoring", "Master’s theses", "Service", "Refereeing", "Committees",
        "Meetings and schools", "Skills", "Languages",
    ]
    entries = [b for b in walk_blocks(doc.blocks) if isinstance(b, Entry)]
    dates = [e.date for e in entries]
    assert "November 2020 – 2025" in dates and "2025 – present" in dates
    assert "July 2023 – October 2023" in dates and "2026 – 2030" in dates
    assert any("1,100 USD" in inline_text(e.head) for e in entries)
    legend = [b for b in doc.blocks if isinstance(b, Styled) and b.style == "muted"]
    assert inline_text(legend[0].blocks[0].children) == "* Equal contribution."  # type: ignore[union-attr]
    lists = [b for b in walk_blocks(doc.blocks)
             if isinstance(b, ListBlock) and b.numbering == "[1]"]
    # numbered across the groups: journal, conference (2), workshop, preprint, abstract
    assert [(x.start, len(x.items)) for x in lists] == [(1, 1), (2, 2), (4, 1), (5, 1), (6, 1)]
    text = "\n".join(texts(doc))
    assert "Lovelace, A.* and Cagnetta, F.* (2021). Locality defeats the curse." in text
    assert "Oral (top 0.54%)" in text
    assert "NeurIPS. 2024 Top Reviewer" in text
    assert "Italian (native), English (fluent)" in text


def test_cv_contact_links(env: MarkdownEnvironment) -> None:
    doc = compose("cv", env)
    urls = [n.url for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)
            for n in b.children if n.type == "link"]
    assert urls[:4] == ["mailto:ada@x.org", "https://ada.example.org",
                        "https://orcid.org/0000-0002-1825-0097", "https://github.com/ada"]
    # then each publication's one link (here the preprint's arXiv id)
    assert urls[4:] == ["https://arxiv.org/abs/2505.16959"]


def test_own_name_is_bold_in_fallback_references(env: MarkdownEnvironment) -> None:
    doc = compose("publications", env)
    strong = [inline_text(n.children) for b in walk_blocks(doc.blocks) if isinstance(b, Paragraph)
              for n in b.children if n.type == "strong"]
    assert strong and set(strong) == {"Lovelace, A.", "Oral (top 0.54%)"}


def test_citation_style_references_are_used_when_given(env: MarkdownEnvironment) -> None:
    refs = {"c1": "**Lovelace, A.**\\* (2021). *Formatted by CSL*."}
    doc = compose("publications", env, refs=refs)
    # The formatter's entry is printed as given: it carries the notes itself.
    assert "Lovelace, A.* (2021). Formatted by CSL." in texts(doc)


def test_track_record_caps_outputs_and_shows_significance(env: MarkdownEnvironment) -> None:
    app = Application(call="test-call", significance={"j1": "Showed a phase transition."})
    doc = compose("erc", env, application=app, selected=chosen(small_profile(), ["c1", "j1", "c2"]))
    (outputs,) = [b for b in walk_blocks(doc.blocks) if isinstance(b, ListBlock)
                  and b.numbering == "[1]"]
    assert len(outputs.items) == 2
    text = "\n".join(texts(doc))
    assert "Significance: Showed a phase transition." in text
    assert "Significance: First proof that locality beats dimension." in text
    assert {"Selected research outputs", "Awards and prizes", "Invited talks", "Funding"} <= set(
        headings(doc))


def test_biosketch_sections_and_honors_cap(env: MarkdownEnvironment) -> None:
    doc = compose("nih", env)
    assert headings(doc)[1:] == [
        "A. Personal Statement", "B. Honors", "C. Contributions to Science"]
    honors = [e for e in walk_blocks(doc.blocks) if isinstance(e, Entry)]
    assert [e.date for e in honors] == ["2024", "2022"]
    (contributions,) = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert len(contributions.items) == 2 and len(contributions.items[0]) == 2


def test_cover_letter_parts(env: MarkdownEnvironment) -> None:
    doc = compose("cover-letter", env)
    styles = [b.style for b in doc.blocks if isinstance(b, Styled)]
    assert styles == ["letterhead", "signature"]
    # the recipient block, with the date beside its first line
    [recipient] = [b for b in doc.blocks if isinstance(b, Entry)]
    assert recipient.date == "14 July 2025"
    assert inline_text(recipient.head).splitlines()[0] == "Selection Committee"
    text = texts(doc)
    assert "Re: " + small_call().name in text
    assert "Dear members of the selection committee," in text
    assert "I apply for the Test Fellowship." in text and "Sincerely," in text
    app = Application(call="test-call", answers={"addressee": "Professor *Smith*"},
                      recipient=["Prof. Smith", "Search Committee", "Example University"],
                      position="Assistant Professor", reference="AP-7")
    chosen = texts(compose("cover-letter", env, application=app))
    assert "Dear Professor *Smith*," in chosen
    assert "Prof. Smith\nSearch Committee\nExample University" in chosen
    assert "Re: Assistant Professor (ref. AP-7)" in chosen


def test_answers_keep_paragraphs_and_stay_literal(env: MarkdownEnvironment) -> None:
    doc = compose("answers", env, statements={})
    assert headings(doc) == ["Answers", "Fit with the host", "Plans"]
    assert texts(doc)[2:4] == ["The host studies *exactly* this.", "- not a list"]


def test_document_without_text_is_a_user_error(env: MarkdownEnvironment) -> None:
    with pytest.raises(UserError, match=r"statements/statement\.md"):
        compose("statement", env, statements={})


# -- citations ---------------------------------------------------------------------------


def test_cite_numbers_in_order_of_first_citation(env: MarkdownEnvironment) -> None:
    doc = compose("research-statement", env)
    text = texts(doc)
    assert "Locality [1] and phases [1, 2]." in text and "Again [1]." in text
    assert "a note" not in "\n".join(text)
    refs = doc.blocks[-1]
    assert isinstance(refs, ListBlock) and refs.numbering == "[1]" and len(refs.items) == 2
    assert inline_text(refs.items[0][0].children).startswith("Lovelace, A.*")  # type: ignore[union-attr]
    assert headings(doc)[-1] == "References"


def test_cite_ranges() -> None:
    source = StatementSource("research-statement", "{{ cite('j1', 'c1', 'c2', 'a1') }}", "s.md")
    ctx = context("research-statement", statements={"research-statement": source})
    # each number links to its reference; a range links by its first number
    assert "\\[[1](#ref-1)–[4](#ref-4)\\]" in render_markdown(ctx.doc, ctx, make_environment(None))


def test_unknown_citation_names_id_statement_and_line(env: MarkdownEnvironment) -> None:
    source = StatementSource("research-statement", "Fine.\n\nSee {{ cite('c11') }}.\n",
                             "profiles/ada/statements/research-statement.md")
    with pytest.raises(UserError) as info:
        compose("research-statement", env, statements={"research-statement": source})
    message = str(info.value)
    assert "profiles/ada/statements/research-statement.md:3" in message
    assert "cite('c11')" in message and "Did you mean c1" in message


def test_statement_that_prints_itself(env: MarkdownEnvironment) -> None:
    source = StatementSource("statement", "{{ statement }}", "s.md")
    with pytest.raises(UserError, match="prints itself"):
        compose("statement", env, statements={"statement": source})


# -- escaping through the whole chain ---------------------------------------------


def test_injection_title_prints_literally(env: MarkdownEnvironment) -> None:
    profile = small_profile(title=INJECTION)
    for doc_id in ("cv", "publications", "erc"):
        doc = compose(doc_id, env, profile=profile, selected=chosen(profile, ["c1", "j1"]))
        assert any(INJECTION in straight(t) for t in texts(doc)), doc_id
        assert "49" not in "\n".join(texts(doc))


def test_injection_everywhere_a_template_prints_data(env: MarkdownEnvironment) -> None:
    data = small_profile().model_dump()
    data["person"]["name"] = INJECTION
    data["talks"][0]["title"] = INJECTION
    data["awards"][0]["issuer"] = INJECTION
    data["education"][0]["thesis"] = "1984. " + INJECTION
    data["service"][0]["organization"] = "- " + INJECTION
    profile = Profile.model_validate(data)
    doc = compose("cv", env, profile=profile)
    assert straight(headings(doc)[0]) == INJECTION
    text = straight("\n".join(texts(doc)))
    assert f"{INJECTION}\n" in text and f"Dean's award, {INJECTION} (1,100 USD)" in text
    assert f"Thesis: 1984. {INJECTION}" in text and f"- {INJECTION}. 2024 Top Reviewer" in text


def test_sandbox_and_html_filters(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "a.md.j2").write_text("{{ person.__class__ }}\n")
    (templates / "b.md.j2").write_text("{{ person.name|safe }}\n")
    env = make_environment(templates)
    for name, expected in (("a", "unsafe"), ("b", "No filter named 'safe'")):
        ctx = context("cv")
        spec = DocumentSpec(id="x", title="X", template=name)
        with pytest.raises(UserError, match=expected):
            compose_document(spec, ctx, env)


def test_trusted_concatenation_and_macros_are_not_escaped_twice(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "t.md.j2").write_text(
        "{% macro m(x) %}**{{ x }}**{% endmacro %}\n"
        "{% set block %}*{{ person.name }}*{% endset %}\n"
        "{{ m('a*b') }} {{ block }} {{ strong('s') ~ ' & ' ~ '*t*' }} {{ '*c*' ~ 1 }}"
        " {{ person.name|md }} {{ [strong('x'), '*y*']|join(', ') }}\n"
        "{% filter default('*data*', true) %}{% endfilter %} {% filter upper %}*a*{% endfilter %}\n"
    )
    env = make_environment(templates)
    ctx = context("cv")
    markdown = render_markdown(DocumentSpec(id="t", title="T", template="t"), ctx, env)
    assert markdown == ("**a\\*b** *Ada Lovelace* **s** \\& \\*t\\* \\*c\\*1 Ada Lovelace"
                        " **x**, \\*y\\*\n\\*data\\* *A*")


# -- errors with file and line -----------------------------------------------------


def workspace_env(tmp_path: Path, files: dict[str, str]) -> MarkdownEnvironment:
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    for name, text in files.items():
        (templates / name).write_text(text)
    return make_environment(templates)


def test_undefined_variable_names_file_and_line(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {
        "cv.md.j2": "# {{ person.name }}\n\n{% for p in pubs %}\n{% endfor %}\n"})
    ctx = context("cv")
    with pytest.raises(UserError) as info:
        compose_document(ctx.doc, ctx, env)
    assert "templates/cv.md.j2:3: 'pubs' is undefined" in str(info.value)


def test_undefined_attribute_in_an_imported_macro(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {
        "_m.md.j2": "{% macro show(p) %}\n{{ p.nope }}\n{% endmacro %}\n",
        "cv.md.j2": "{% import '_m.md.j2' as m %}\n{{ m.show(person) }}\n",
    })
    ctx = context("cv")
    with pytest.raises(UserError, match=r"templates/_m.md.j2:2: .*has no attribute 'nope'"):
        compose_document(ctx.doc, ctx, env)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {"cv.md.j2": "# Title\n\n{% if x %}\nno end\n"})
    ctx = context("cv")
    with pytest.raises(UserError) as info:
        compose_document(ctx.doc, ctx, env)
    assert "templates/cv.md.j2:4:" in str(info.value)


def test_statement_syntax_error_names_the_statement(env: MarkdownEnvironment) -> None:
    shown = "profiles/ada/statements/statement.md"
    source = StatementSource("statement", "ok\n{{ cite( }}\n", shown)
    with pytest.raises(UserError, match=re.escape(f"{shown}:2")):
        compose("statement", env, statements={"statement": source})


def test_unknown_template(env: MarkdownEnvironment) -> None:
    ctx = context("cv")
    with pytest.raises(UserError, match=r"template 'nope\.md\.j2' not found"):
        compose_document(DocumentSpec(id="x", title="X", template="nope"), ctx, env)


def test_image_in_a_template_is_a_user_error(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {"cv.md.j2": "# CV\n\n![me](me.png)\n"})
    ctx = context("cv")
    with pytest.raises(UserError, match="images are not supported"):
        compose_document(ctx.doc, ctx, env)


# -- overrides ----------------------------------------------------------------------


def test_workspace_template_overrides_builtin_by_name(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {"cv.md.j2": "# My own CV for {{ person.name }}\n"})
    ctx = context("cv")
    assert headings(compose_document(ctx.doc, ctx, env)) == ["My own CV for Ada Lovelace"]


def test_workspace_template_extends_builtin_and_replaces_one_block(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {"cv.md.j2": (
        '{% extends "builtin:cv.md.j2" %}\n'
        "{% block skills %}\n## Tools\n\n{{ s.skills(selected.skills) }}\n{% endblock %}\n"
        "{% block languages %}{% endblock %}\n"
    )})
    ctx = context("cv")
    found = headings(compose_document(ctx.doc, ctx, env))
    assert "Tools" in found and "Skills" not in found and "Languages" not in found
    assert "Education" in found


def test_workspace_sections_file_changes_every_document(tmp_path: Path) -> None:
    builtin = (REPO / "packet/compose/templates/_sections.md.j2").read_text()
    env = workspace_env(tmp_path, {"_sections.md.j2": builtin.replace('"Advisors: "',
                                                                      '"Supervisors: "')})
    for doc_id in ("cv", "erc"):
        ctx = context(doc_id)
        # The honors and advisors lines belong to the education entry's head, under the degree.
        text = "\n".join(texts(compose_document(ctx.doc, ctx, env)))
        assert "Ph.D. in Physics\nDistinction\nSupervisors: M. Wyart" in text


# -- helpers ---------------------------------------------------------------------------


def test_date_helpers() -> None:
    assert daterange(PartialDate(2020), PartialDate(2025)) == "2020 – 2025"
    assert daterange(PartialDate(2023, 7), PartialDate(2023, 10)) == "July 2023 – October 2023"
    assert daterange(PartialDate(2021), "present") == "2021 – present"
    assert daterange(PartialDate(2021), None) == "2021"
    assert daterange(PartialDate(2021), PartialDate(2021)) == "2021"
    assert money(1100, "USD") == "1,100 USD" and money(2500.5, "CHF") == "2,500.50 CHF"


def test_md_escape_is_the_filter_templates_use(env: MarkdownEnvironment) -> None:
    ctx = context("cv")
    template = env.from_string("{{ x }}|{{ d }}|{{ none }}|{{ d|date(months=false) }}")
    rendered = template.render(x="*a*", d=PartialDate(2023, 7))
    assert rendered == f"{md_escape('*a*')}|July 2023||2023"
    assert ctx.today == PartialDate(2025, 7, 14)


# -- the example workspace ------------------------------------------------------------


EXAMPLE = REPO / "profiles" / "favero" / "profile.yaml"


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="example profile not written yet")
@pytest.mark.parametrize("doc_id", [*BUILTINS, "erc", "nih"])
def test_builtin_renders_the_example_profile(doc_id: str, env: MarkdownEnvironment) -> None:
    from ruamel.yaml import YAML

    profile = Profile.model_validate(YAML(typ="safe").load(EXAMPLE.read_text()))
    own = load_statements(EXAMPLE.parent / "statements")
    # The example's texts, under the names this test call's documents look for.
    statements = {**own, **{name: StatementSource(name, own[source].text, own[source].filename)
                            for name, source in (("research-statement", "research"),
                                                 ("statement", "teaching")) if source in own}}
    doc = compose(doc_id, env, profile=profile, statements=statements)
    assert doc.blocks
    if doc_id == "cv":
        assert sum(isinstance(b, Entry) for b in walk_blocks(doc.blocks)) > 30
        assert "* Equal contribution." in texts(doc)


def test_docs_worked_example(tmp_path: Path) -> None:
    """The example in docs/templates.md produces the Markdown the page shows."""
    page = (REPO / "docs" / "templates.md").read_text()
    example = page[page.index("## Worked example"):]
    template = re.search(r"```jinja\n(.*?)```", example, re.DOTALL)
    expected = re.search(r"```markdown\n(.*?)```", example, re.DOTALL)
    assert template and expected
    env = workspace_env(tmp_path, {"selected-articles.md.j2": template[1]})
    profile = Profile.model_validate({
        "person": {"name": "Ada Lovelace", "affiliation": "EPFL"},
        "publications": [{
            "id": "a", "kind": "journal", "authors": ["Lovelace, Ada", "Cagnetta, F.", "Wyart, M."],
            "equal_contribution": ["Lovelace, Ada", "Cagnetta, F."], "year": 2021,
            "title": "Locality defeats the curse", "venue": "NeurIPS",
            "notes": ["Oral (top 0.54%)"],
        }],
    })
    spec = DocumentSpec(id="selected-articles", title="Selected Journal Articles",
                        template="selected-articles")
    call = small_call().model_copy(update={"documents": [spec]})
    ctx = build_context(profile, call, spec, today=PartialDate(2025, 7),
                        selected=resolve_selection(profile, call, spec, None, as_of=TODAY))
    markdown = render_markdown(spec, ctx, env)
    assert re.sub(r"\n{3,}", "\n\n", markdown).strip() == expected[1].strip()


def test_indent_keeps_macro_output_in_a_list_item(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {"t.md.j2": (
        "{% macro two(x) %}\n{{ x }}\n\nsecond *para*\n{% endmacro %}\n"
        "1. {{ two('a*b')|indent(3) }}\n"
    )})
    ctx = context("cv")
    doc = compose_document(DocumentSpec(id="t", title="T", template="t"), ctx, env)
    (lst,) = doc.blocks
    assert isinstance(lst, ListBlock) and len(lst.items[0]) == 2
    assert inline_text(lst.items[0][0].children) == "a*b"  # type: ignore[union-attr]


def test_statement_joined_with_tilde_is_not_escaped_twice(env: MarkdownEnvironment) -> None:
    source = StatementSource("s2", "*own* text", "s2.md")
    statements = {**STATEMENTS, "s2": source}
    ctx = context("cv", statements=statements)
    template = env.from_string("{{ statements.s2 ~ ' & more' }}")
    rendered = template.render(ctx.variables(), statements=Statements(statements, env))
    assert rendered == "*own* text \\& more"


def test_missing_include_names_the_including_line(tmp_path: Path) -> None:
    env = workspace_env(tmp_path, {"cv.md.j2": "# CV\n\n{% include 'parts.md.j2' %}\n"})
    ctx = context("cv")
    with pytest.raises(UserError, match=r"templates/cv\.md\.j2:3: template 'parts\.md\.j2' not"):
        compose_document(ctx.doc, ctx, env)
