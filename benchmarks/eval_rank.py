"""How well the ranking finds the relevant papers: precision, recall and nDCG at k, per
judged case and on average, for packet, a TF-IDF cosine baseline and random order.

Judgment files (benchmarks/judgments/*.yaml) name a profile's BibTeX file and its public
source (repository, path, commit), and list cases: a focus (and optionally a call whose
topic words join it), the relevant papers by title, how they were judged, and optionally
the case's own minimum nDCG (`min_ndcg`), reported when packet falls below it. The
public BibTeX files are not in this repository: fetch each from its source into a folder
and pass it with --profiles. The synthetic profile ships in benchmarks/rank_data/, so

    python benchmarks/eval_rank.py                        # the synthetic cases only
    python benchmarks/eval_rank.py --profiles /work/corpus/rank

Profiles are read by packet's own importer (`packet import`, packet.sources), as the
judge's imported profiles are; `--reader simple` uses the small converter in
benchmarks/bibtex_profile.py instead. A profile with abstracts is run twice, with and
without them (an import may have either). A judgment file marked `held_out: true` was
written for a profile the ranking's constants were never chosen on; its cases are
averaged apart from the tuned ones; `held_out: NAME` (e.g. `held_out_2`) names a later
held-out set, averaged apart again (a set written after the ranking was changed on the
earlier ones). `--check` reads the judgments and profiles and ranks nothing, so new
judgments can be checked against their profile before any ranker has seen it.
Precision@k counts against min(k, number relevant), so a case with six relevant papers
can reach 1.0; recall@k and nDCG@k are the usual ones (binary gains).
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bibtex_profile import parse_bibtex, to_profile

from packet.model.call import CallSpec
from packet.model.dates import PartialDate
from packet.model.profile import Profile, Publication
from packet.select.rank import rank_section
from packet.select.terms import make_query
from packet.store.calls import BUILTIN_DIR, CallSource, resolve_call

HERE = Path(__file__).resolve().parent
JUDGMENTS = HERE / "judgments"
AS_OF = PartialDate(2026, 12, 1)  # fixed: the numbers must not change with the date
RANDOM_RUNS = 50
TARGETS = {"ndcg": 0.90, "precision": 0.80, "over_tfidf": 0.05}
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it",
    "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "with", "we", "our",
    "via", "using", "based", "towards", "toward", "new",
))


@dataclass
class Case:
    profile: str
    id: str
    focus: str
    relevant: set[str]
    k: int
    call: str | None = None
    abstracts: bool = False
    min_ndcg: float | None = None  # the case's own floor, when its judgment sets one
    group: str = "tuned"  # "tuned", "held out", or a later held-out set's own name
    scores: dict[str, tuple[float, float, float]] = field(default_factory=dict)


_TAG = re.compile(r"</?(?:i|b|em|strong|sup|sub)>", re.IGNORECASE)


def norm_title(title: str) -> str:
    # packet's importer keeps inline HTML ("<i>Sarracenia</i>") that the simple reader drops
    return " ".join(_WORD.findall(_TAG.sub("", title).lower()))


def metrics(order: list[str], relevant: set[str], k: int) -> tuple[float, float, float]:
    top = order[:k]
    hits = [1.0 if t in relevant else 0.0 for t in top]
    precision = sum(hits) / min(k, len(relevant))
    recall = sum(hits) / len(relevant)
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return precision, recall, dcg / ideal


def tfidf_order(pubs: list[Publication], focus: str) -> list[str]:
    """Cosine of TF-IDF vectors over title, venue and abstract: the baseline."""
    import numpy as np

    def words(text: str) -> list[str]:
        return [w for w in _WORD.findall(text.lower()) if w not in _STOP]

    docs = [words(" ".join(filter(None, (p.title, p.venue, p.abstract)))) for p in pubs]
    vocab = {w: n for n, w in enumerate(sorted({w for d in docs for w in d}))}
    df = Counter(w for d in docs for w in set(d))
    idf = np.array([math.log((1 + len(docs)) / (1 + df[w])) + 1 for w in vocab])
    matrix = np.zeros((len(docs), len(vocab)))
    for row, doc in enumerate(docs):
        for w, c in Counter(doc).items():
            matrix[row, vocab[w]] = c
    matrix *= idf
    query = np.zeros(len(vocab))
    for w, c in Counter(words(focus)).items():
        if w in vocab:
            query[vocab[w]] = c
    query *= idf
    norms = np.linalg.norm(matrix, axis=1) * (np.linalg.norm(query) or 1.0)
    scores = matrix @ query / np.where(norms == 0, 1.0, norms)
    ranked = sorted(range(len(pubs)), key=lambda i: (-scores[i], i))
    return [norm_title(pubs[i].title) for i in ranked]


def packet_order(profile: Profile, case: Case, call: CallSpec | None,
                 semantic: bool = True) -> list[str]:
    if call is not None:
        query = make_query(call.description, name=call.name, keywords=call.keywords,
                           focus=case.focus)
    else:
        query = make_query(focus=case.focus)
    ranked = rank_section(profile, "publications", query, as_of=AS_OF, semantic=semantic)
    return [norm_title(r.item.title) for r in ranked]  # type: ignore[attr-defined]


def random_scores(titles: list[str], case: Case) -> tuple[float, float, float]:
    runs = []
    for seed in range(RANDOM_RUNS):
        order = titles[:]
        random.Random(seed).shuffle(order)
        runs.append(metrics(order, case.relevant, case.k))
    return tuple(statistics.fmean(r[i] for r in runs) for i in range(3))  # type: ignore[return-value]


def load_call(call_id: str) -> CallSpec:
    sources = {p.stem: CallSource(p.stem, p, p.name, True) for p in BUILTIN_DIR.glob("*.yaml")}
    workspace = HERE.parent / "calls"
    for path in workspace.glob("*.yaml"):
        sources[path.stem] = CallSource(path.stem, path, f"calls/{path.name}", False)
    return resolve_call(call_id, sources)[0]


def imported_profile(bib: Path, person: str, abstracts: bool) -> Profile:
    """The profile `packet import FILE` makes of a BibTeX file (without abstracts if asked)."""
    from packet.sources import apply_plan, import_sources

    data = apply_plan(import_sources([str(bib)], None), None)
    data["person"] = {"name": person}
    if not abstracts:
        for item in data.get("publications", []):
            item.pop("abstract", None)
    return Profile.model_validate(data)


def group_of(held_out: object) -> str:
    if held_out is True:
        return "held out"
    if not held_out:
        return "tuned"
    return str(held_out)


def run(judgment: Path, profiles: Path | None, methods: list[str],
        reader: str = "packet") -> list[Case]:
    data = YAML(typ="safe").load(judgment.read_text(encoding="utf-8"))
    name = data["file"]
    bib = (profiles / Path(name).name) if profiles and not name.startswith("..") else None
    if bib is None or not bib.exists():
        bib = (judgment.parent / name).resolve()
    if not bib.exists():
        print(f"  skipped {data['profile']}: no {Path(name).name} in {profiles}"
              f" (fetch {data['source']['repo']}:{data['source']['path']})")
        return []
    entries = parse_bibtex(bib.read_text(encoding="utf-8", errors="replace"))
    variants = [True, False] if data.get("abstracts") else [False]
    cases = []
    for with_abstracts in variants:
        if reader == "packet":
            profile = imported_profile(bib, data["person"], with_abstracts)
        else:
            profile = to_profile(entries, data["person"], abstracts=with_abstracts)
        titles = [norm_title(p.title) for p in profile.publications]
        for raw in data["cases"]:
            relevant = {norm_title(t) for t in raw["relevant"]}
            unknown = relevant - set(titles)
            if unknown and reader == "packet":
                # packet's importer merges a paper listed twice (a talk given twice, a
                # preprint and its version): the judged duplicate is one item now.
                entries_titles = {norm_title(e.fields.get("title", "")) for e in entries}
                relevant -= unknown & entries_titles
                unknown -= entries_titles
            if unknown:
                raise SystemExit(f"{judgment.name}, case {raw['id']}: no paper titled "
                                 f"{sorted(unknown)[0]!r} in {bib.name}")
            case = Case(data["profile"], raw["id"], raw["focus"], relevant,
                        raw.get("k", data.get("k", 10)), raw.get("call"), with_abstracts,
                        raw.get("min_ndcg"), group_of(data.get("held_out")))
            call = load_call(case.call) if case.call else None
            focus = case.focus + (" " + " ".join(call.keywords) if call else "")
            for method in methods:
                if method == "packet":
                    order = packet_order(profile, case, call)
                elif method == "words":
                    order = packet_order(profile, case, call, semantic=False)
                elif method == "tfidf":
                    order = tfidf_order(profile.publications, focus)
                else:
                    case.scores[method] = random_scores(titles, case)
                    continue
                case.scores[method] = metrics(order, case.relevant, case.k)
            cases.append(case)
    return cases


def _three(scores: tuple[float, ...]) -> str:
    return " ".join(f"{x:.2f}" for x in scores)


def _means(cases: list[Case], methods: list[str]) -> dict[str, tuple[float, ...]]:
    return {m: tuple(statistics.fmean(c.scores[m][i] for c in cases) for i in range(3))
            for m in methods}


def report(cases: list[Case], methods: list[str]) -> None:
    head = f"{'case':<40}" + "".join(f"{m + ' P/R/nDCG':>22}" for m in methods)
    print(head)
    print("-" * len(head))
    for c in cases:
        label = f"{c.profile}/{c.id}{'' if c.abstracts else ' (titles)'}"
        cells = "".join(f"{_three(c.scores[m]):>22}" for m in methods)
        print(f"{label[:40]:<40}{cells}")
    print("-" * len(head))
    means = _means(cases, methods)
    names = list(dict.fromkeys(["tuned", "held out", *sorted({c.group for c in cases})]))
    groups = [(n, [c for c in cases if c.group == n]) for n in names]
    for name, group in groups:
        if group and len(group) < len(cases):
            print(f"{'mean of ' + str(len(group)) + ' ' + name + ' cases':<40}"
                  + "".join(f"{_three(_means(group, methods)[m]):>22}" for m in methods))
    print(f"{'mean of ' + str(len(cases)) + ' cases':<40}"
          + "".join(f"{_three(means[m]):>22}" for m in methods))
    below = [c for c in cases if c.min_ndcg is not None and "packet" in c.scores
             and c.scores["packet"][2] < c.min_ndcg]
    for c in below:
        print(f"below its minimum: {c.profile}/{c.id} nDCG {c.scores['packet'][2]:.2f}"
              f" < {c.min_ndcg}")
    if "packet" in means and "tfidf" in means:
        print()
        for name, group in [("all", cases), *groups]:
            if not group:
                continue
            p, t = _means(group, ["packet"])["packet"], _means(group, ["tfidf"])["tfidf"]
            print(f"packet, {name} ({len(group)} cases): nDCG@10 {p[2]:.3f} (target "
                  f"{TARGETS['ndcg']}), P@10 {p[0]:.3f} (target {TARGETS['precision']}); "
                  f"nDCG over TF-IDF {p[2] - t[2]:+.3f} (target +{TARGETS['over_tfidf']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=Path, default=None,
                        help="folder with the public BibTeX files the judgments name")
    parser.add_argument("--judgments", type=Path, default=JUDGMENTS)
    parser.add_argument("--reader", choices=("packet", "simple"), default="packet",
                        help="read the BibTeX files with packet's importer (as `packet import` "
                        "does) or with benchmarks/bibtex_profile.py")
    parser.add_argument("--only", default=None, help="run the judgment files whose name has this")
    parser.add_argument("--methods", default="packet,tfidf,random",
                        help="comma-separated: packet, words (packet without the model), "
                        "tfidf, random")
    parser.add_argument("--check", action="store_true",
                        help="read the judgments and profiles, check every judged title is "
                        "in its profile, rank nothing")
    args = parser.parse_args()
    methods = [] if args.check else args.methods.split(",")
    started = time.perf_counter()
    cases: list[Case] = []
    for path in sorted(args.judgments.glob("*.yaml")):
        if args.only and args.only not in path.name:
            continue
        cases += run(path, args.profiles, methods, args.reader)
    if not cases:
        raise SystemExit("no judged case could be run")
    if args.check:
        for c in cases:
            print(f"{c.profile}/{c.id}{'' if c.abstracts else ' (titles)'} [{c.group}]: "
                  f"{len(c.relevant)} relevant, k {c.k}")
        return
    report(cases, methods)
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
