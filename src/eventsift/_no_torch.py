"""Keep spaCy's backend (thinc) from importing torch: the fast tier must not pay for it.

thinc imports torch at start-up whenever torch is installed (to offer it as a backend), which costs
seconds and hundreds of MB in every process once the ``accurate`` extra is installed, although the
spaCy pipeline we use runs on numpy alone. Importing ``thinc.compat`` once while ``torch`` is marked
unimportable makes thinc settle for numpy; the mark is removed straight after, so the accurate tier's
encoder (``encoder.py``) imports torch normally when it is asked for.
"""
from __future__ import annotations

import sys


def keep_torch_out_of_thinc() -> None:
    if "torch" in sys.modules or "thinc.compat" in sys.modules:
        return  # too late, or torch was wanted already
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" now raises ImportError
    try:
        import thinc.compat  # noqa: F401
    except ImportError:
        pass
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
