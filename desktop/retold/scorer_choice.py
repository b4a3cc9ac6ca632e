"""The scorer Retold compares with: the words' evidence, and a sentence model's beside it
when the semantic extra and its model file are installed and ``CompareOptions.semantic`` is
on (the default). ``retold.compare()``, the CLI and the window compare through here; the
engine's own ``compare()`` uses the scorer it is given, and so stays free of the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from retold.engine.compare import compare as compare_with
from retold.engine.model import Comparison
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
    sentence model's evidence when it is installed and ``options.semantic`` is on."""
    return compare_with(
        original_text,
        rewrite_text,
        chosen_options(options),
        original_name=original_name,
        rewrite_name=rewrite_name,
        original_sha256=original_sha256,
        rewrite_sha256=rewrite_sha256,
        progress=progress,
        cancelled=cancelled,
    )
