"""The CLI: every input kind, every output kind, bad input, and the store commands."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, SEED
from eventsift.cli import main

HTML = """<!doctype html><html><head><title>Clashes in Goma</title>
<meta property="article:published_time" content="2023-05-04"></head>
<body><nav>Home | World | Sport</nav><article><h1>Clashes in Goma</h1>
<p>Fighting between M23 rebels and the army killed at least 12 people near Goma on Tuesday, local officials said.</p>
<p>Residents fled towards the city centre as shells landed on two villages north of the airport.</p>
</article><footer>Copyright</footer></body></html>"""


@pytest.fixture
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return invoke


@pytest.fixture
def files(tmp_path):
    (tmp_path / "good.txt").write_text("Police arrested 20 protesters in Khartoum on Monday, witnesses said.\n")
    (tmp_path / "notes.md").write_text("# Note\n\nGunmen killed three villagers in Zamfara state on 2 May 2021.\n")
    (tmp_path / "page.html").write_text(HTML)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 bombing".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"id": "first", "text": "Rebels attacked a base in Mali.", "published": "2022-03-01"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "no-text"}) + "\n"
        + json.dumps({"id": "third", "text": "Soldiers shot two protesters in Yangon on Friday.", "url": "http://x.test/3"}) + "\n")
    return tmp_path


def test_analyze_seed_json(run):
    if not SEED.exists():
        pytest.skip("seed absent")
    result = run("analyze", str(SEED), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["published"] == "2020-01-05" and data["source"]["sha256"]


def test_text_and_markdown_and_html(run, files):
    result = run("analyze", str(files / "good.txt"), str(files / "notes.md"), str(files / "page.html"), "-f", "json")
    assert result.exit_code == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [d["source"]["format"] for d in docs] == ["text", "text", "html"]
    html = docs[2]
    assert html["title"] == "Clashes in Goma" and html["published"] == "2023-05-04"
    assert "M23 rebels" in html["text"] and "Copyright" not in html["text"]


def test_folder_is_read_recursively_in_order(run):
    result = run("analyze", str(EXAMPLES), "-f", "json")
    docs = json.loads(result.stdout)
    names = [Path(d["source"]["path"]).name for d in docs]
    assert names == sorted(p.name for p in EXAMPLES.glob("*.txt")) and len(names) >= 3


def test_jsonl_in_jsonl_out_with_bad_lines(run, files):
    result = run("analyze", str(files / "docs.jsonl"), "--format", "jsonl")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in lines] == ["first", "third"]
    assert lines[0]["published"] == "2022-03-01" and lines[1]["source"]["url"] == "http://x.test/3"
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "docs.jsonl:2" in errors[0] and "not valid JSON" in errors[0]
    assert "docs.jsonl:3" in errors[1] and "text" in errors[1]


def test_stdin(run):
    result = run("analyze", "-", "-f", "json", "--published", "2021-06-01",
                 input="Troops shelled the village on Monday, killing four.")
    data = json.loads(result.stdout)
    assert data["published"] == "2021-06-01" and data["source"]["path"] == "<stdin>"


def test_bad_inputs_one_line_each_good_ones_kept(run, files, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 400)
    result = run("--max-bytes", "1000", "analyze", str(files / "good.txt"), str(files / "binary.txt"),
                 str(files / "latin1.txt"), str(files / "empty.txt"), str(tmp_path / "missing.txt"), str(big),
                 "-f", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 1  # good.txt analysed
    errors = result.stderr.strip().splitlines()
    reasons = " | ".join(errors)
    assert len(errors) == 5
    for expected in ("binary", "UTF-8", "empty", "no such file", "size limit"):
        assert expected in reasons
    assert "Traceback" not in result.stderr


def test_output_file_and_text_report(run, files, tmp_path):
    out = tmp_path / "report.txt"
    result = run("analyze", str(files / "good.txt"), "-f", "text", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    report = out.read_text()
    assert "EVENTS" in report and "ATTRIBUTIONS" in report and "TIMELINE" in report and "FRAMING" in report


def test_bad_published_date_is_a_usage_error(run, files):
    result = run("analyze", str(files / "good.txt"), "--published", "yesterday")
    assert result.exit_code == 2 and "--published" in result.stderr


def test_unknown_model_is_one_clear_line(run, files):
    result = run("--model", "no_such_model_xyz", "analyze", str(files / "good.txt"))
    assert result.exit_code == 2
    assert "no_such_model_xyz" in result.stderr and "Traceback" not in result.stderr


def test_ingest_is_idempotent_and_readable(run, files, tmp_path):
    db = str(tmp_path / "store.db")
    first = run("ingest", str(files / "good.txt"), str(files / "docs.jsonl"), "--db", db)
    assert first.exit_code == 1 and "3 added" in first.stderr
    again = run("ingest", str(files / "good.txt"), str(files / "docs.jsonl"), "--db", db)
    assert "3 unchanged" in again.stderr
    listing = run("list", "--db", db, "--ids")
    ids = listing.stdout.split()
    assert {"first", "third"} <= set(ids) and len(ids) == 3
    shown = run("show", "fir", "--db", db, "-f", "json")
    assert json.loads(shown.stdout)["id"] == "first"
    missing = run("show", "nope", "--db", db)
    assert missing.exit_code == 2 and "no document" in missing.stderr


def test_changed_document_replaces_old_analysis(run, tmp_path):
    db = str(tmp_path / "store.db")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Rebels attacked a base."}) + "\n")
    run("ingest", str(path), "--db", db)
    path.write_text(json.dumps({"id": "x", "text": "Rebels attacked two bases in Mali."}) + "\n")
    result = run("ingest", str(path), "--db", db)
    assert "1 replaced" in result.stderr
    assert "two bases" in json.loads(run("show", "x", "--db", db, "-f", "json").stdout)["text"]


def test_console_script_exit_codes(tmp_path):
    """The installed command, as a user runs it: exit status says whether any input failed."""
    exe = Path(sys.executable).parent / "eventsift"
    if not exe.exists():
        pytest.skip("console script not installed")
    (tmp_path / "ok.txt").write_text("Police arrested two men.")
    ok = subprocess.run([str(exe), "analyze", str(tmp_path / "ok.txt"), "-f", "json"], capture_output=True, text=True)
    bad = subprocess.run([str(exe), "analyze", str(tmp_path / "ok.txt"), str(tmp_path / "nope.txt"), "-f", "json"],
                         capture_output=True, text=True)
    assert ok.returncode == 0 and bad.returncode == 1
    assert json.loads(bad.stdout)["text"] == "Police arrested two men."
    assert bad.stderr.strip() == f"eventsift: {tmp_path / 'nope.txt'}: no such file or folder"
