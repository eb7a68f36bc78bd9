"""Data files written or curated by the eventsift team; see README.md in this folder."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as _res


@lru_cache(maxsize=None)
def load_json(name: str):
    """A JSON resource shipped in this package, parsed once."""
    return json.loads(_res.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_arrays(name: str) -> dict:
    """The numpy arrays of an ``.npz`` resource shipped in this package, read once (no pickles)."""
    import numpy as np

    with _res.as_file(_res.files(__package__).joinpath(name)) as real, np.load(real, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}
