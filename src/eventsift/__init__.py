"""eventsift: who did what to whom, when, where, how many were killed — who says so,
and how the text frames it. Every extracted value points at its source span."""
from .analyzer import VERSION as __version__  # noqa: E402

from ._no_torch import keep_torch_out_of_thinc  # noqa: E402

keep_torch_out_of_thinc()  # before anything imports spaCy

from .model import Document, DocumentResult  # noqa: E402
from .pipeline import Pipeline, analyze  # noqa: E402
from .settings import Settings  # noqa: E402
from .store import Store  # noqa: E402

__all__ = ["analyze", "Pipeline", "Store", "Settings", "Document", "DocumentResult", "__version__"]
