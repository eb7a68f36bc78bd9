"""Web app speed: latency of the list and filter pages over a store of 10,000 documents.

Builds (once, cached under /tmp) a store of N documents whose texts are real articles
(PTC and PolNeAR from ../shared/data, varied by slicing) and whose analyses come from
running the pipeline on a few documents and varying ids, dates, outlets and places —
analysis is the slow part and is not what this measures. Then starts `eventsift serve`
in a subprocess on 127.0.0.1 and times real HTTP requests to each page.

    python benchmarks/web_speed.py [--docs 10000] [--requests 40] [--rebuild] [--json]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT.parent / "shared" / "seed" / "000_4de60838964a4e63.txt"
CACHE = Path(os.environ.get("EVENTSIFT_BENCH_DIR", "/tmp/eventsift-web-bench"))
OUTLETS = ["Wire A", "Wire B", "Daily Post", "The Ledger", "Partisan Voice", "Rights Watch Blog", "Ministry Press",
           "Regional Times", "Evening Star", "Field Notes", "Global Desk", "Opposition News"]
PLACES = [("Baghdad", "IRQ", 33.31, 44.36), ("Mosul", "IRQ", 36.34, 43.13), ("Aleppo", "SYR", 36.2, 37.16),
          ("Tehran", "IRN", 35.69, 51.39), ("Kabul", "AFG", 34.53, 69.17), ("Sanaa", "YEM", 15.37, 44.19),
          ("Tripoli", "LBY", 32.89, 13.19), ("Gao", "MLI", 16.27, -0.04), ("Mogadishu", "SOM", 2.05, 45.32),
          ("Maiduguri", "NGA", 11.85, 13.16)]


def real_texts() -> list[str]:
    files = sorted((DATA / "ptc-train" / "articles").glob("*.txt")) + sorted((DATA / "polnear").rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    if not texts:
        sys.exit(f"no texts under {DATA}; this benchmark needs ../shared/data")
    return texts


def base_analyses(texts: list[str]) -> list[dict]:
    """The pipeline run on the seed, the examples and a few real articles (cached)."""
    path = CACHE / "bases.json"
    if path.exists():
        return json.loads(path.read_text())
    from eventsift.ingest.readers import read_documents
    from eventsift.model import Document
    from eventsift.pipeline import Pipeline

    inputs = [str(SEED)] if SEED.exists() else []
    inputs += [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    docs = [d for d in read_documents(inputs) if isinstance(d, Document)]
    docs += [Document(text=t) for t in texts[:12]]
    bases = [r.to_dict() for r in Pipeline().analyze_many(docs)]
    path.write_text(json.dumps(bases))
    return bases


def build(db: Path, n: int) -> float:
    from eventsift.store import Store

    texts = real_texts()
    bases = [b for b in base_analyses(texts) if b["events"]]
    rng = random.Random(7)
    store = Store(str(db))
    started = time.perf_counter()
    for i in range(n):
        base = bases[i % len(bases)]
        extra = texts[(i * 7) % len(texts)]
        cut = (i // len(texts)) * 97 % max(1, len(extra) // 2)
        text = base["text"] + "\n\n" + extra[cut:cut + 3000]  # appended: the base's offsets stay right
        published = f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        doc = json.loads(json.dumps(base))
        doc.update(id=f"bench{i:05d}", text=text, published=published, title=extra.strip().split("\n")[0][:120])
        doc["source"] = {"sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "text",
                         "outlet": OUTLETS[i % len(OUTLETS)], "path": f"bench/{i}.txt"}
        place = PLACES[rng.randrange(len(PLACES))]
        for event in doc["events"]:
            day = rng.randint(1, 28)
            event["date"] = {"value": f"{published[:8]}{day:02d}", "span": None}
            if rng.random() < 0.7:
                event["location"] = {"name": place[0], "country_iso3": place[1], "admin1": None, "lat": place[2],
                                     "lon": place[3], "precision": 1, "span": None}
        store.put(doc)
    store.close()
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def requests_for(rng: random.Random, n: int, docs: int) -> dict[str, list[str]]:
    words = ["Soleimani", "protest", "killed", "government", "police", "Iran", "election", "attack", "Trump", "war"]
    def pick(seq):
        return seq[rng.randrange(len(seq))]
    def year():
        return rng.randint(2012, 2024)
    return {
        "/documents": [f"/documents?page={rng.randint(1, 100)}" for _ in range(n)],
        "/documents?q=": [f"/documents?q={pick(words)}" for _ in range(n)],
        "/documents?q=&outlet=&from=&to=": [f"/documents?q={pick(words)}&outlet={pick(OUTLETS).replace(' ', '+')}"
                                           f"&from={year()}-01-01&to=2024-12-31" for _ in range(n)],
        "/events": [f"/events?page={rng.randint(1, 100)}" for _ in range(n)],
        "/events?type=&place=": [f"/events?type=Protests&place={pick(PLACES)[0]}" for _ in range(n)],
        "/events?actor=&from=&to=": [f"/events?actor={pick(['iran', 'irgc', 'protesters', 'us-military', 'police'])}"
                                     f"&from={year()}-01-01&to={year() + 2}-12-31" for _ in range(n)],
        "/api/events?actor=&place=&type=&from=&to=": [
            f"/api/events?actor=irgc&place={pick(PLACES)[1]}&type=Battles&from={year()}&to=2024-12-31" for _ in range(n)],
        "/api/documents?q=": [f"/api/documents?q={pick(words)}+{pick(words)}" for _ in range(n)],
        "/timeline": ["/timeline"] * max(5, n // 4),
        "/map": ["/map"] * max(5, n // 4),
        "/documents/{id}": [f"/documents/bench{rng.randrange(docs):05d}" for _ in range(n)],
    }


def measure(db: Path, n_requests: int, docs: int) -> dict:
    import httpx

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", "from eventsift.cli import main; main()", "serve", "--db", str(db),
                               "--port", str(port)], env=env, stderr=subprocess.PIPE)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            while True:
                try:
                    client.get("/static/app.css")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - started > 900:
                        sys.exit("server did not start: " + server.stderr.read().decode())
                    time.sleep(0.2)
            startup = time.perf_counter() - started
            results = {}
            for name, urls in requests_for(random.Random(11), n_requests, docs).items():
                client.get(urls[0])  # warm
                times = []
                for url in urls:
                    t = time.perf_counter()
                    answer = client.get(url)
                    times.append((time.perf_counter() - t) * 1000)
                    if answer.status_code != 200:
                        sys.exit(f"{url}: {answer.status_code} {answer.text[:200]}")
                times.sort()
                results[name] = {"n": len(times), "p50_ms": round(statistics.median(times), 1),
                                 "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                                 "max_ms": round(times[-1], 1)}
        return {"startup_s": round(startup, 1), "pages": results}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=40, help="requests per page kind")
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"store-{args.docs}.db"
    report = {"docs": args.docs}
    if args.rebuild or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        report["build_s"] = round(build(db, args.docs), 1)
    report.update(measure(db, args.requests, args.docs))
    from eventsift.store import Store
    from eventsift.store.review import ReviewStore
    from eventsift.store.review_queries import list_events
    report["events"] = list_events(ReviewStore(Store(str(db))), limit=1)["total"]
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['docs']} documents, {report['events']} events; server up (incl. first index) in {report['startup_s']} s")
    print(f"{'page':<46} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, r in report["pages"].items():
        print(f"{name:<46} {r['n']:>4} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")


if __name__ == "__main__":
    main()
