"""A progress bar for long runs: documents/s, ETA and failures, on stderr when it is a terminal."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


@contextmanager
def progress_bar(total: int | None, label: str, force: bool = False) -> Iterator[Callable[[int, int], None]]:
    """Yields ``update(done, failures)``; tqdm draws rate and ETA, the postfix counts failures."""
    if not (force or sys.stderr.isatty()):
        yield lambda done, failures: None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=label, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1) as bar:
        state = {"failures": -1}

        def update(done: int, failures: int) -> None:
            if done > bar.n:
                bar.update(done - bar.n)
            if failures != state["failures"]:
                state["failures"] = failures
                bar.set_postfix(failed=failures, refresh=False)

        yield update


def with_progress(items: Iterable[T], total: int | None, label: str, failures: int = 0) -> Iterator[T]:
    """``items`` unchanged, drawing the same bar while they are consumed (none for a single item)."""
    if total is not None and total <= 1:
        yield from items
        return
    with progress_bar(total, label) as update:
        for done, item in enumerate(items, 1):
            update(done, failures)
            yield item
