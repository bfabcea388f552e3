"""What a call says about itself rather than about the research it wants.

Left in a query, "European Research Council" would favour ECCV papers, "research
fellowship" every abstract that says "research", "ground-breaking" a paper on visual
grounding, "tenure-track" a venue's "Datasets and Benchmarks Track", "service" an
IoT-service paper and "teach" a paper titled "You can teach elephants to dance".
The call's name, description and keywords lose these words (tests/ranking/
test_stoplist.py checks what is left of every built-in and example call); the
applicant's focus loses only GENERIC_WORDS, as it is taken as meant.

Words that are also topics ("field", "state", "high", "early", "network", "training")
go only inside phrases, so "mean-field", "state space", "early stopping", "neural
networks" or "training dynamics" in a call about them stay.
"""

from __future__ import annotations

import re

CALL_PHRASES = re.compile(
    "|".join([
        r"state[- ]of[- ]the[- ]art", r"ground[- ]?breaking", r"high[- ](?:risk|gain)",
        r"track[- ]record", r"tenure[- ]track", r"early[- ](?:career|stage)", r"long[- ]term",
        r"world[- ]class", r"key (?:person(?:nel)?|people)", r"senior/key",
        r"(?:any|all) (?:fields?|disciplines?|subjects?)"
        r"(?: of (?:science(?: and engineering)?|research|study))?",
        r"(?:in )?other fields",
        r"fields? of (?:research|science|study)", r"(?:phd|graduate|undergraduate) students?",
        r"(?:research|project) (?:teams?|groups?|projects?|programm?e?s?|stay)",
        r"own (?:research )?(?:projects?|programm?e?s?)",
        r"host (?:organi[sz]ations?|institutions?)",
        r"(?:career|workforce) development", r"transfer of knowledge", r"two[- ]way",
        r"broader impacts?", r"intellectual merit", r"member states?",
        r"(?:advanced|research|supervision and) training", r"humboldt network",
        r"(?:to )?the field\b", r"(?:science|sciences) and engineering", r"computer science",
        r"(?:higher )?education (?:or|and) research", r"advance knowledge",
        r"\bfoundation\b(?!\s+models?)",
    ]),
    re.IGNORECASE,
)
CALL_WORDS: tuple[str, ...] = (
    # who applies, to whom, for what
    "abroad", "academic", "achievement", "advanced", "advise", "agency", "ambitious",
    "applicant", "application", "apply", "appointment", "assessor", "assistant", "associate",
    "award", "benefit", "call", "campus", "candidate", "career", "college", "consolidator",
    "cooperation", "council", "country", "course", "criteria", "criterion", "deadline",
    "department", "desired", "discipline", "doctoral", "education", "eligibility", "eligible",
    "emphasis", "evaluation", "excellence", "excellent", "expected", "experience",
    "externally", "faculty", "feasibility", "fellow", "fellowship", "frontier", "fund",
    "funder", "grant", "hire", "hiring", "holding", "honors", "host", "independence",
    "independent", "institute", "institution", "interdisciplinary", "international",
    "intersectoral", "investigator", "junior", "lead", "member", "mentor", "mentoring",
    "merit", "mobility", "month", "must", "national", "nationality", "offer", "opportunity",
    "personnel", "phd", "plan", "position", "postdoc", "postdoctoral", "principal",
    "professor", "program", "programme", "project", "proposal", "qualification", "quality",
    "research", "researcher", "reviewed", "rigor", "salary", "scheme", "scholar",
    "scholarship", "science", "scientific", "scientist", "selection", "senior", "service",
    "society", "societal", "specialist", "statement", "stipend", "student", "submission",
    "submit", "supervision", "support", "talent", "teach", "teaching", "tenure", "track",
    "undergraduate", "graduate", "university", "year", "young",
    # funders, programmes and places (an ERC call says nothing about ECCV papers)
    "ambizione", "cambridge", "curie", "erc", "eu", "europe", "european", "germany",
    "horizon", "humboldt", "marie", "msca", "nih", "nsf", "pappg", "pf", "sciencv",
    "sklodowska", "snsf", "swiss", "trinity", "orcid", "us", "usa",
    # what the documents and the review are
    "biographical", "common", "contributions", "form", "id", "implementation", "impact",
    "outcomes", "personal", "potential", "sample", "sketch", "supplement", "written",
    "fundamental", "transformative", "infrastructure", "management", "stem", "basic",
    "skills", "beyond", "sole", "starting", "stay", "packet", "workspace",
    "skłodowska", "pdf", "certifies", "certified", "fills",
    # the later calls' own boilerplate (NSF CAREER, DOE Early Career, DFG, UKRI R4RI)
    "every", "five", "four", "integrate", "integrates", "like", "prestigious", "teacher",
    "untenured", "area", "areas", "doe", "early", "laboratory", "laboratories", "office",
    "outstanding", "account", "assess", "assessed", "bear", "break", "breaks",
    "circumstances", "curriculum", "cv", "deutsche", "dfg", "forschungsgemeinschaft",
    "metrics", "organisation", "organisations", "other", "publications", "qualitative",
    "rather", "results", "template", "vitae", "ask", "asks", "broader", "capable",
    "community", "communities", "cover", "covers", "deliver", "delivers", "innovation",
    "knowledge", "module", "modules", "narrative", "need", "needs", "r4ri", "right",
    "résumé", "team", "teams", "uk", "ukri", "wherever",
)

# Words that say nothing about a topic wherever they occur in a query, and the
# stray halves of "pre-trained" or "non-convex" once hyphens split words.
GENERIC_WORDS: tuple[str, ...] = (
    "across", "also", "among", "around", "based", "build", "can", "carry", "choose", "choosing",
    "clear", "compared", "contribute", "could", "develop", "especially", "etc", "evaluated",
    "example", "first", "focus", "fully", "higher", "improve", "include", "interest",
    "invite", "let", "may", "might", "modern", "move", "new", "non", "novel", "one", "onto",
    "particular", "particularly", "pre", "provides", "pursue", "re", "read", "related",
    "relevant", "rests", "seek", "several", "show", "study", "topic", "two", "use", "various",
    "want", "welcome", "well", "within", "without", "work", "would", "toward", "towards",
    "upon", "using", "via",
    # the focus drops these as written (less a plural), not by stem: their other forms
    "improving", "improved", "developing", "developed", "studying", "studied", "used",
    "showing", "shown", "including", "included", "evaluating", "contributing", "seeking",
)

# Acronyms that spell an English word: written in capitals in a query they match
# only capitals in an item, so "US" (the country) never meets "us" (the pronoun).
CASE_KEPT: frozenset[str] = frozenset({
    "us", "it", "as", "am", "an", "at", "be", "do", "go", "he", "if", "in", "is", "me", "my",
    "no", "of", "on", "or", "so", "to", "up", "we", "all", "and", "can", "for", "may", "not",
    "one", "our", "the", "who", "was", "are", "has", "had", "via", "cat", "dog", "sat", "art",
    "aim", "arm", "cap", "car", "cut", "fit", "gap", "map", "net", "pet", "ram", "spin", "war",
})
