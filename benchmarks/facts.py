"""How well ``retold.engine.facts`` catches a changed fact, and how rarely it cries wolf.

    .venv/bin/python benchmarks/facts.py [--sets msrp_test iterater_human_doc] [--shared PATH]

Cases come from the linked gold pairs of ``../shared/eval`` (read there, never copied):
- controls: pairs whose facts plainly agree, by a check independent of the detector (the same
  digit strings, the same capitalised words after the first, the same count of "not", "no",
  "never" and "n't", the same words inside double quotes). The detector should flag none.
- perturbations of each control, the span of the change known: one agreeing number in the
  rewrite changed (a year counts as a date), one agreeing month name changed (date), one
  agreeing capitalised name replaced by a name of our own (name), or "not" put after the first
  auxiliary verb (negation). Caught: a fact of that kind whose rewrite span overlaps the change.

Targets (issue 11): at least 0.90 caught per kind; at most 5 % of controls flagged. The share of
all unperturbed linked pairs flagged is printed too: those include real changes of fact.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retold.engine.facts import find_facts

DEFAULT_SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SETS = ("msrp_test", "msrp_docs", "iterater_human_doc", "onestopenglish_adv_ele_SILVER")
LINK_LABELS = {"unchanged", "reworded"}
MAX_CHARS = 600  # longer gold units are paragraphs, not the sentence pairs a link holds
KINDS = ("number", "date", "name", "negation")


def _words(words: str) -> list[str]:
    return words.split()


MONTHS = _words(
    "January February March April May June July August September October November December"
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
# Names of our own, unlikely to stand in any evaluation text.
POOL = _words(
    "Okonkwo Valdivia Brandvold Ishikawa Lindqvist Moravec Quispe Abernathy Tchaikov Nakashima "
    "Ferreira Kowalczyk Oyelaran Haugland Zubiri Castellano Mbeki Thorsby Vasquez Eriksdottir"
)
AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|has|have|had|does|do|did|must)\b"
    r"(?!\s+(?:not|never|no)\b|n['’]t)"
)
NEGATION = re.compile(r"\b(?:not|no|never)\b|n['’]t\b", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.,$-])\d+(?![\w,-]|\.\d)")
CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")


@dataclass(frozen=True)
class Case:
    kind: str  # what was changed, or "control"
    original: str
    rewrite: str
    span: tuple[int, int]  # the changed characters in the rewrite


def linked_pairs(shared: Path, sets: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    sys.path.insert(0, str(shared / "eval"))
    import load  # the shared loader

    for name in sets:
        pair: Any
        for pair in load.load(name, root=str(shared / "eval")):
            for segment in pair.segments:
                if segment.label not in LINK_LABELS or not segment.orig or not segment.rew:
                    continue
                original, rewrite = pair.text(segment)
                if original and rewrite and max(len(original), len(rewrite)) <= MAX_CHARS:
                    yield original, rewrite


def agree(original: str, rewrite: str) -> bool:
    """The facts plainly agree, by counts the detector does not use."""

    def capitals(text: str) -> set[str]:
        return {m.group() for m in CAPITAL.finditer(text) if m.start() > 0}

    return (
        sorted(re.findall(r"\d+", original)) == sorted(re.findall(r"\d+", rewrite))
        and capitals(original) == capitals(rewrite)
        and len(NEGATION.findall(original)) == len(NEGATION.findall(rewrite))
        and quoted(original) == quoted(rewrite)
    )


def quoted(text: str) -> list[list[str]]:
    """The words inside each pair of double quotes: a changed quotation is a changed fact."""
    return [re.findall(r"\w+", q.lower()) for q in re.findall(r"[“\"]([^”\"]*)[”\"]", text)]


def perturbations(original: str, rewrite: str) -> Iterator[Case]:
    yield from _number(original, rewrite)
    yield from _month(original, rewrite)
    yield from _name(original, rewrite)
    yield from _negation(original, rewrite)


def _replace(original: str, rewrite: str, kind: str, span: tuple[int, int], new: str) -> Case:
    changed = rewrite[: span[0]] + new + rewrite[span[1] :]
    return Case(kind, original, changed, (span[0], span[0] + len(new)))


def _number(original: str, rewrite: str) -> Iterator[Case]:
    theirs = set(NUMBER.findall(original))
    for match in NUMBER.finditer(rewrite):
        if match.group() not in theirs:
            continue
        value = int(match.group())
        if len(match.group()) == 4 and 1600 <= value <= 2100:
            yield _replace(original, rewrite, "date", match.span(), str(value + 3))
        else:
            new = value + 1 if value < 10 else value * 2
            kind = "date" if _in_date(rewrite, match) else "number"
            yield _replace(original, rewrite, kind, match.span(), str(new))
        return


def _in_date(text: str, match: re.Match[str]) -> bool:
    """A day of a month or an hour: "June 30", "5 a.m.", "19:00"."""
    before = text[max(0, match.start() - 12) : match.start()]
    after = text[match.end() : match.end() + 6]
    return bool(
        re.search(rf"(?:{'|'.join(m[:3] for m in MONTHS)})[a-z]*\.?\s+$", before)
        or re.match(r"\s*(?::\d|[ap]\.?m\b|[ap]\.m\.)", after)
    )


def _month(original: str, rewrite: str) -> Iterator[Case]:
    for month in MONTHS:
        at = re.search(rf"\b{month}\b", rewrite)
        if at and month in original:
            other = MONTHS[(MONTHS.index(month) + 5) % 12]
            yield _replace(original, rewrite, "date", at.span(), other)
            return


def _name(original: str, rewrite: str) -> Iterator[Case]:
    words = {w.lower()[:4] for w in re.findall(r"\w+", original + " " + rewrite)}
    for match in CAPITAL.finditer(rewrite):
        word = match.group()
        if (
            match.start() == 0
            or word in MONTHS + WEEKDAYS
            or not re.search(rf"\b{word}\b", original)
        ):
            continue
        if rewrite[: match.start()].rstrip()[-1:] in '.!?"“':
            continue  # opening a sentence: perhaps not a name
        new = next(n for n in POOL if n.lower()[:4] not in words)
        yield _replace(original, rewrite, "name", match.span(), new)
        return


def _negation(original: str, rewrite: str) -> Iterator[Case]:
    match = AUXILIARY.search(rewrite)
    if match is not None:
        changed = rewrite[: match.end()] + " not" + rewrite[match.end() :]
        yield Case("negation", original, changed, (match.end() + 1, match.end() + 4))


def flagged(case: Case) -> list[tuple[str, tuple[int, int] | None]]:
    found = find_facts(case.original, [(0, len(case.original))], case.rewrite,
                       [(0, len(case.rewrite))])  # fmt: skip
    return [(fact.kind, fact.rewrite) for fact in found]


def caught(case: Case, kind_must_match: bool = True) -> bool:
    start, end = case.span
    return any(
        (kind == case.kind or not kind_must_match) and span and span[0] < end and start < span[1]
        for kind, span in flagged(case)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--sets", nargs="*", default=list(SETS))
    args = parser.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        print(f"no evaluation sets under {args.shared}", file=sys.stderr)
        return 2
    pairs = list(linked_pairs(args.shared, tuple(args.sets)))
    controls = [Case("control", o, r, (0, 0)) for o, r in pairs if agree(o, r)]
    cases = [case for control in controls for case in perturbations(control.original,
                                                                      control.rewrite)]  # fmt: skip
    tried, hits, any_kind = Counter[str](), Counter[str](), Counter[str]()
    for case in cases:
        tried[case.kind] += 1
        hits[case.kind] += caught(case)
        any_kind[case.kind] += caught(case, kind_must_match=False)
    print(f"linked pairs {len(pairs)}; controls (facts plainly agree) {len(controls)}")
    print(f"{'kind':10} {'cases':>6} {'caught':>7} {'any kind':>9}")
    for kind in KINDS:
        n = tried[kind]
        rate = f"{hits[kind] / n:.3f}" if n else "-"
        loose = f"{any_kind[kind] / n:.3f}" if n else "-"
        print(f"{kind:10} {n:6d} {rate:>7} {loose:>9}")
    false_alarms = sum(1 for control in controls if flagged(control))
    print(f"controls flagged: {false_alarms} of {len(controls)} "
          f"({false_alarms / max(1, len(controls)):.3f})")  # fmt: skip
    all_flagged = sum(1 for o, r in pairs if flagged(Case("pair", o, r, (0, 0))))
    print(f"all unperturbed linked pairs flagged (real changes included): {all_flagged} of "
          f"{len(pairs)} ({all_flagged / max(1, len(pairs)):.3f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
