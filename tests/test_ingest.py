"""Ingest: new readers (WARC, feeds, URLs on a local server), idempotent re-ingest, workers, Dask,
and a real kill -9 in the middle of an ingest."""
from __future__ import annotations

import http.server
import io
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

HTML = ("<html><head><title>Blast in Kirkuk</title></head><body><article><h1>Blast in Kirkuk</h1>"
        "<p>A roadside bomb exploded in Kirkuk on Monday, killing four soldiers, police said. "
        "The army said an investigation had begun into the attack on the convoy.</p></article></body></html>")
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Clashes in Aden</title><link>http://127.0.0.1/aden</link>
<pubDate>Tue, 03 Mar 2015 10:00:00 GMT</pubDate>
<description>Fighters clashed in Aden on Monday; at least 11 people were killed, medics said.</description></item>
<item><title>Protest in Tunis</title><link>http://127.0.0.1/tunis</link>
<description>&lt;p&gt;Thousands protested in Tunis against price rises.&lt;/p&gt;</description></item>
</channel></rss>"""


def _read(paths, **kw):
    from eventsift.ingest.readers import read_documents
    from eventsift.settings import Settings

    return list(read_documents(paths, Settings(**kw)))


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for uri, ctype, body, status in (
            ("http://example.test/kirkuk", "text/html; charset=utf-8", HTML.encode(), "200 OK"),
            ("http://example.test/logo.png", "image/png", b"\x89PNG....", "200 OK"),
            ("http://example.test/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
        ):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_keeps_html_responses_with_their_urls(tmp_path, name):
    _warc(tmp_path / name)
    (document,) = _read([str(tmp_path / name)])
    assert "roadside bomb exploded in Kirkuk" in document.text
    assert document.source["url"] == "http://example.test/kirkuk"
    assert document.source["format"] == "warc" and len(document.source["sha256"]) == 64


def test_bad_warc_is_one_clear_failure(tmp_path):
    from eventsift.errors import InputError

    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a warc file at all\n")
    items = _read([str(path)])
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_feed_entries_become_documents(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _read([str(path)])
    assert first.title == "Clashes in Aden" and first.published == "2015-03-03"
    assert "at least 11 people were killed" in first.text
    assert first.source["url"] == "http://127.0.0.1/aden" and first.source["outlet"] == "Test Wire"
    assert "<p>" not in second.text and "Thousands protested in Tunis" in second.text


class _Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        _Handler.seen_agents.append(self.headers.get("User-Agent"))
        pages = {"/article": ("text/html; charset=utf-8", HTML.encode()),
                 "/feed": ("application/rss+xml", RSS.encode()),
                 "/big": ("text/plain", b"x" * 5000)}
        if self.path == "/slow":
            time.sleep(3)
        if self.path not in pages:
            self.send_error(404, "Not Found")
            return
        ctype, body = pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urls_are_fetched_politely_with_limits(local_server):
    from eventsift.errors import InputError
    from eventsift.ingest import web

    article, aden, tunis, missing, big = _read([f"{local_server}/article", f"{local_server}/feed",
                                                f"{local_server}/missing", f"{local_server}/big"], max_bytes=1000)
    assert "Kirkuk" in article.text and article.source["url"] == f"{local_server}/article"
    assert aden.title == "Clashes in Aden" and tunis.title == "Protest in Tunis"
    assert isinstance(missing, InputError) and "404" in missing.reason
    assert isinstance(big, InputError) and "size limit" in big.reason
    assert all(agent.startswith("eventsift/") for agent in _Handler.seen_agents)
    with pytest.raises(InputError, match="cannot fetch"):
        web.fetch(f"{local_server}/slow", 1000, timeout=0.5)
    with pytest.raises(InputError, match="only http"):
        web.fetch("file:///etc/passwd", 1000)


def _corpus(folder: Path, n: int) -> Path:
    """n small distinct documents made from the examples (a number appended keeps them distinct)."""
    folder.mkdir()
    texts = sorted(EXAMPLES.glob("*.txt"))
    for i in range(n):
        source = texts[i % len(texts)]
        (folder / f"{i:03d}_{source.name}").write_text(source.read_text() + f"\nItem {i}.\n", encoding="utf-8")
    return folder


def test_reingest_adds_nothing_and_a_changed_file_replaces(pipeline, tmp_path):
    from eventsift.ingest.run import ingest
    from eventsift.store import Store

    folder = _corpus(tmp_path / "in", 5)
    (folder / "empty.txt").write_text("   \n")
    store = Store(str(tmp_path / "s.db"))
    first = ingest([str(folder)], store)
    assert first.outcomes["added"] == 5 and len(first.failures) == 1
    snapshot = store.snapshot()
    again = ingest([str(folder)], store)
    assert again.outcomes == {"unchanged": 5}
    assert store.snapshot() == snapshot
    assert [f["input"] for f in store.failures()] == [str(folder / "empty.txt")]
    target = sorted(folder.glob("0*.txt"))[0]
    target.write_text(target.read_text() + "A later update.\n")
    # a file's id is the hash of its bytes: the new bytes make a new document; JSONL ids show replacement
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text('{"id": "story-1", "text": "Gunmen killed 4 people in Kirkuk on Monday."}\n')
    ingest([str(jsonl)], store)
    jsonl.write_text('{"id": "story-1", "text": "Gunmen killed 6 people in Kirkuk on Monday, police said."}\n')
    report = ingest([str(jsonl)], store)
    assert report.outcomes["replaced"] == 1
    assert "6 people" in store.get("story-1")["text"]
    assert store.snapshot()["events"] == sorted(store.snapshot()["events"], key=repr)


def test_two_workers_and_dask_write_the_same_store_as_one(pipeline, tmp_path):
    distributed = pytest.importorskip("distributed")
    from eventsift.ingest.run import ingest
    from eventsift.store import Store

    folder = _corpus(tmp_path / "in", 8)
    one = Store(str(tmp_path / "one.db"))
    ingest([str(folder)], one)
    two = Store(str(tmp_path / "two.db"))
    ingest([str(folder)], two, workers=2)
    assert two.snapshot() == one.snapshot()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = Store(str(tmp_path / "dask.db"))
        ingest([str(folder)], on_dask, dask=client)
        assert on_dask.snapshot() == one.snapshot()
        via_address = Store(str(tmp_path / "dask2.db"))
        ingest([str(folder)], via_address, dask=cluster.scheduler_address)
        assert via_address.snapshot() == one.snapshot()


def _ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from eventsift.cli import main; main()", "ingest", str(folder), "--db", str(db)]


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_kill_9_mid_ingest_then_rerun_gives_the_uninterrupted_store(tmp_path):
    from eventsift.store import Store

    n = 30
    folder = _corpus(tmp_path / "in", n)
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    killed_db = tmp_path / "killed.db"
    kills = 0
    for stop_after in (1, n // 2):  # kill twice: early, and in the middle of the resumed run
        process = subprocess.Popen(_ingest_command(folder, killed_db), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while process.poll() is None and _count(killed_db) < stop_after and time.time() < deadline:
            time.sleep(0.01)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    assert kills >= 1, "the ingest finished before it could be killed"
    assert _count(killed_db) < n
    finish = subprocess.run(_ingest_command(folder, killed_db), env=env, capture_output=True, text=True)
    assert finish.returncode == 1, finish.stderr  # 1: bad.txt failed, the rest stored
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run(_ingest_command(folder, clean_db), env=env, capture_output=True, text=True)
    assert clean.returncode == 1, clean.stderr
    assert Store(str(killed_db)).snapshot() == Store(str(clean_db)).snapshot()
    assert _count(clean_db) == n
