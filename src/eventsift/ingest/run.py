"""Ingest: read inputs, analyse what the store lacks, write each document in its own transaction.

Documents stream through in chunks, so memory does not grow with the corpus.
Analysis runs in this process, in ``workers`` processes (one spaCy model each)
or on a Dask cluster; whichever runs it, results are written by this one process
in input order, so an interrupted run followed by the same command ends with
exactly the store an uninterrupted run would have made: a document is either
fully written or absent, and the ones written are skipped by their sha256.
"""
from __future__ import annotations

import os
from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import ConfigError, InputError
from ..model import Document
from ..settings import Settings
from .readers import JSONL_SUFFIXES, read_documents

#: Documents sent to an analysis worker at a time.
CHUNK = 16

Progress = Callable[[int, int], None]  # (documents done, failures so far)


@dataclass
class IngestReport:
    outcomes: Counter = field(default_factory=Counter)
    failures: list[InputError] = field(default_factory=list)
    clusters: dict | None = None

    def summary(self) -> str:
        parts = [f"{n} {k}" for k, n in sorted(self.outcomes.items()) if n]
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return ", ".join(parts) or "nothing to do"


def estimate_total(inputs: Iterable[str]) -> int | None:
    """How many documents the inputs hold, cheaply (JSONL lines counted, one per other file); None for URLs."""
    total = 0
    for arg in inputs:
        if arg == "-" or "://" in arg:
            return None
        path = Path(arg)
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with open(file, "rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


# -- analysis back-ends -------------------------------------------------------------------------

def analyse_chunk(documents: list[Document], settings: Settings) -> list[dict]:
    """Contract dicts for a chunk, with this process's one pipeline (loaded on first use)."""
    from ..pipeline import shared_pipeline

    return [r.to_dict() for r in shared_pipeline(settings).analyze_many(documents)]


def _in_process(chunks: Iterator[list[Document]], settings: Settings) -> Iterator[list[dict]]:
    for chunk in chunks:
        yield analyse_chunk(chunk, settings)


def _bounded(submit, chunks: Iterator[list[Document]], depth: int, result) -> Iterator[list[dict]]:
    """Keep at most ``depth`` chunks in flight and hand results back in submission order."""
    pending: deque = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= depth:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def _with_processes(chunks: Iterator[list[Document]], settings: Settings, workers: int) -> Iterator[list[dict]]:
    import multiprocessing

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with context.Pool(workers) as pool:
        yield from _bounded(lambda c: pool.apply_async(analyse_chunk, (c, settings)), chunks, 2 * workers,
                            lambda job: job.get())


def _with_dask(chunks: Iterator[list[Document]], settings: Settings, address) -> Iterator[list[dict]]:
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError("--dask needs the 'scale' extra: pip install 'eventsift[scale]'") from None
    try:
        client = address if isinstance(address, Client) else Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        depth = 2 * max(1, sum(client.nthreads().values()))
        yield from _bounded(lambda c: client.submit(analyse_chunk, c, settings, pure=False), chunks, depth,
                            lambda future: future.result())
    finally:
        if client is not address:
            client.close()


# -- the run ----------------------------------------------------------------------------------

def ingest(inputs: Iterable[str], store, settings: Settings | None = None, published: str | None = None,
           workers: int = 1, dask=None, progress: Progress | None = None) -> IngestReport:
    """Analyse and store every input not stored yet; record failures; rebuild the clusters at the end."""
    from ..corpus.cluster import ensure_fresh

    settings = settings or Settings()
    report = IngestReport()
    done = 0
    raws: dict[str, bytes | None] = {}

    def fresh_chunks() -> Iterator[list[Document]]:
        nonlocal done
        items = read_documents(list(inputs), settings, published)
        while True:
            batch = list(islice(items, CHUNK * 4))
            if not batch:
                return
            documents = []
            for item in batch:
                if isinstance(item, InputError):
                    report.failures.append(item)
                    store.record_failure(item.source, item.reason)
                else:
                    documents.append(item)
            known = store.known_shas([d.source["sha256"] for d in documents])
            todo = []
            for document in documents:
                if document.source["sha256"] in known:
                    report.outcomes["unchanged"] += 1
                    done += 1
                else:
                    # the raw bytes stay here for the store; workers need only the text
                    raws[document.source["sha256"]] = document.raw
                    document.raw = None
                    todo.append(document)
            if progress and len(todo) < len(batch):
                progress(done, len(report.failures))
            for i in range(0, len(todo), CHUNK):
                yield todo[i:i + CHUNK]

    if dask is not None:
        results = _with_dask(fresh_chunks(), settings, dask)
    elif workers > 1:
        results = _with_processes(fresh_chunks(), settings, workers)
    else:
        results = _in_process(fresh_chunks(), settings)
    for chunk in results:
        for result in chunk:
            report.outcomes[store.put(result, raw=raws.pop(result["source"]["sha256"], None))] += 1
            done += 1
            if progress:
                progress(done, len(report.failures))
    ensure_fresh(store)
    from ..corpus.cluster import list_clusters

    report.clusters = {"multi_document": len(list_clusters(store))}
    return report
