"""The scorer Retold compares with: the words' evidence, and a sentence model's beside it
when the semantic extra and its model file are installed and ``CompareOptions.semantic`` is
on (the default). ``retold.compare()``, the CLI and the window compare through here; the
engine's own ``compare()`` uses the scorer it is given, and so stays free of the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from retold.engine.compare import compare as compare_with
from retold.engine.model import Comparison, OptionValues
from retold.engine.options import CompareOptions
from retold.engine.scoring import ScorerFactory
from retold.engine.similarity import Lexical


def chosen_options(options: CompareOptions | None = None) -> CompareOptions:
    """``options`` with the scorer they ask for: ``Lexical`` becomes ``Semantic`` when the
    model is installed and ``semantic`` is on; ``Semantic`` becomes ``Lexical`` on its
    lexical options when ``semantic`` is off. A scorer of another kind is kept as it is."""
    opts = options or CompareOptions()
    scorer = opts.scorer
    if opts.semantic and type(scorer) is Lexical:
        semantic = _semantic(scorer)
        return opts if semantic is None else replace(opts, scorer=semantic)
    if not opts.semantic and type(scorer) is not Lexical:
        try:  # not evidence_of(scorer): that loads the model, which may be damaged
            from retold.semantic.scorer import Semantic
        except ImportError:  # without the extra there is no Semantic scorer to turn off
            return opts
        if isinstance(scorer, Semantic):
            return replace(opts, scorer=Lexical(scorer.lexical))
    return opts


def _semantic(lexical: Lexical) -> ScorerFactory | None:
    """The semantic factory on ``lexical``'s options, its model loaded; None without it."""
    from retold import semantic

    if not semantic.installed() or model_problem() is not None:
        return None  # a damaged model file: compare by the words, and the report says so
    from retold.semantic.scorer import Semantic

    return Semantic(lexical=lexical.options)


def model_problem() -> str | None:
    """Why the installed model cannot be used (a damaged file), in one line; None when it can
    or when there is none to use (the extra or its file not installed)."""
    from retold import semantic

    if not semantic.installed():
        return None
    from retold.semantic.scorer import shared_encoder
    from retold.semantic.weights import ModelUnavailable

    try:
        shared_encoder()
    except ModelUnavailable as error:
        return str(error)
    return None


def compare(
    original_text: str,
    rewrite_text: str,
    options: CompareOptions | None = None,
    *,
    original_name: str = "original",
    rewrite_name: str = "rewrite",
    original_sha256: str | None = None,
    rewrite_sha256: str | None = None,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Comparison:
    """Align ``rewrite_text`` with ``original_text`` (see ``retold.engine.compare``), with the
    sentence model's evidence when it is installed and ``options.semantic`` is on; when it
    was asked for but not used, ``options[FALLBACK]`` of the result says why."""
    asked = options or CompareOptions()
    chosen = chosen_options(asked)
    comparison = compare_with(
        original_text,
        rewrite_text,
        chosen,
        original_name=original_name,
        rewrite_name=rewrite_name,
        original_sha256=original_sha256,
        rewrite_sha256=rewrite_sha256,
        progress=progress,
        cancelled=cancelled,
    )
    why = _fallback(comparison, asked, chosen)
    if why is None:
        return comparison
    return replace(comparison, options=OptionValues({**comparison.options, FALLBACK: why}))


# The option a comparison carries when the sentence model was asked for (``semantic`` on)
# but the words alone were weighed: a sentence saying why, for the reports and the window.
FALLBACK = "evidence_fallback"
NOT_USED = "The sentence model was asked for but not used:"


def model_missing() -> str | None:
    """Why the window cannot offer the sentence model (the extra or its model file is not
    installed), in one sentence; None when it is installed (it may still be damaged:
    ``model_problem``). Cheap: the model is not loaded."""
    from retold import semantic

    if semantic.installed():
        return None
    return (
        "The sentence model is not installed: install Retold with its semantic extra "
        "(pip install 'retold[semantic]') and the model file made at build time."
    )


def _fallback(comparison: Comparison, asked: CompareOptions, chosen: CompareOptions) -> str | None:
    """Why the model ``asked`` for linked nothing: past its size cap, or a damaged model file.
    None when it was used, turned off, not installed, or another scorer was given."""
    if not asked.semantic or comparison.options.get("evidence") != "lexical":
        return None
    if type(chosen.scorer) is Lexical:  # not chosen: not installed, or its file is damaged
        problem = model_problem() if type(asked.scorer) is Lexical else None
        return None if problem is None else f"{NOT_USED} {problem}."
    from retold.semantic.scorer import Semantic

    if not isinstance(chosen.scorer, Semantic):
        return None
    documents = comparison.original, comparison.rewrite
    sentences = sum(len(d.sentences) for d in documents)
    chars = sum(len(d.sentence_text(s.index)) for d in documents for s in d.sentences)
    cap = chosen.scorer.search
    return (
        f"{NOT_USED} the pair is past its size cap ({sentences:,} sentences and {chars:,} "
        f"characters together; it reads at most {cap.max_sentences:,} sentences or "
        f"{cap.max_chars:,} characters, about {cap.max_chars / 1e6:g} MB of text, as more "
        "would take it many minutes)."
    )
