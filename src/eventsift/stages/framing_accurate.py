"""Framing, accurate tier: propaganda spans and techniques from a head trained on the MiniLM encoder.

The frozen all-MiniLM-L6-v2 encoder (``eventsift.encoder``, checked weights, long texts in overlapping
windows) gives every word piece of the document its hidden states at a few layers. A small head trained
by us on PTC train (``train.framing_accurate``) reads them:

    h = relu(x W1 + b1)                      per piece, the chosen layers side by side -> width H
    g = relu(conv_k(h) + b2) + h             a window of k pieces around each one
    p = sigmoid(g W3 + b3)                   column 0: inside a propaganda span; 1..14: each technique

Pieces whose inside probability reaches the threshold form runs (runs a few pieces apart are joined),
widened to whole words; each run is a span whose technique is the best of its mean technique
probabilities (and a runner-up technique above its floor is reported too). Confidence is the run's mean
inside probability times the technique's; triggers are the span's words the head was surest of.
Everything here is numpy: torch runs only inside the encoder. The head is used only in the accurate tier
and only when ``resources/framing_accurate.npz`` exists (``available``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..model import TECHNIQUES
from ..resources import load_arrays, load_json

MODEL_FILE = "framing_accurate.npz"
INFO_FILE = "framing_accurate.json"


def available() -> bool:
    """Whether the trained head ships (without it the accurate tier keeps the fast framing)."""
    from importlib import resources

    folder = resources.files("eventsift.resources")
    return folder.joinpath(MODEL_FILE).is_file() and folder.joinpath(INFO_FILE).is_file()


@lru_cache(maxsize=1)
def head() -> dict:
    """The trained head: ``params`` (float32 arrays), ``layers``, decoding ``settings`` and its provenance."""
    params = {k: v.astype(np.float32) for k, v in load_arrays(MODEL_FILE).items()}
    return {"params": params, **load_json(INFO_FILE)}


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def forward(params: dict, x: np.ndarray) -> np.ndarray:
    """Per-piece probabilities ``(pieces, 1 + len(TECHNIQUES))`` from states ``x`` ``(pieces, width)``."""
    if x.shape[0] == 0:
        return np.zeros((0, params["b3"].shape[0]), dtype=np.float32)
    h = relu(x @ params["W1"] + params["b1"])
    conv = params["W2"]  # (k, H, H): conv[j] weighs the piece j - k // 2 places away
    k = conv.shape[0]
    pad = np.pad(h, ((k // 2, k // 2), (0, 0)))
    g = params["b2"] + sum(pad[j:j + h.shape[0]] @ conv[j] for j in range(k))
    g = relu(g) + h
    z = g @ params["W3"] + params["b3"]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class Run:
    start: int  # character offsets into the text, end exclusive
    end: int
    technique: str
    confidence: float
    technique_confidence: float


def words(offsets: np.ndarray) -> np.ndarray:
    """Each piece's word number: a piece that starts where the previous one ends continues its word."""
    if not len(offsets):
        return np.zeros(0, dtype=np.int64)
    new = np.ones(len(offsets), dtype=bool)
    new[1:] = offsets[1:, 0] != offsets[:-1, 1]
    return np.cumsum(new) - 1


def decode(text: str, offsets: np.ndarray, probs: np.ndarray, settings: dict) -> list[Run]:
    """Spans from per-piece probabilities: runs of inside pieces, joined across small gaps, in whole words."""
    if not len(offsets):
        return []
    word = words(offsets)
    # a word is inside when its best piece is: decoding happens on words
    n_words = int(word[-1]) + 1
    inside = np.zeros(n_words, dtype=np.float32)
    np.maximum.at(inside, word, probs[:, 0])
    w_start = np.full(n_words, len(text), dtype=np.int64)
    w_end = np.zeros(n_words, dtype=np.int64)
    np.minimum.at(w_start, word, offsets[:, 0])
    np.maximum.at(w_end, word, offsets[:, 1])
    on = inside >= settings["threshold"]
    runs: list[list[int]] = []
    gap = settings.get("gap", 0)
    for w in np.flatnonzero(on):
        if runs and w - runs[-1][1] <= gap + 1 and "\n" not in text[w_end[runs[-1][1]]:w_start[w]]:
            runs[-1][1] = w
        else:
            runs.append([w, w])
    out = []
    second = settings.get("second")
    for first, last in runs:
        rows = (word >= first) & (word <= last)
        tech = probs[rows, 1:].mean(axis=0)
        order = np.argsort(-tech)
        conf = float(inside[first:last + 1].mean())
        start, end = int(w_start[first]), int(w_end[last])
        out.append(Run(start, end, TECHNIQUES[order[0]], conf, float(tech[order[0]])))
        if second is not None and len(order) > 1 and tech[order[1]] >= second:
            out.append(Run(start, end, TECHNIQUES[order[1]], conf, float(tech[order[1]])))
    return out


def predict(text: str, offsets: np.ndarray, states: np.ndarray, model: dict | None = None) -> tuple[list[Run], np.ndarray]:
    """The runs of one document from its word-piece states, and the per-piece probabilities."""
    model = model or head()
    probs = forward(model["params"], states)
    return decode(text, offsets, probs, model["settings"]), probs


def find(text: str) -> tuple[list[Run], np.ndarray, np.ndarray]:
    """Encode ``text`` and find its runs: (runs, piece offsets, piece probabilities)."""
    from ..encoder import load

    model = head()
    [(offsets, states)] = load().token_states([text], layers=model["layers"])
    runs, probs = predict(text, offsets, states, model)
    return runs, offsets, probs
