"""The ``ptc`` output format: PTC label lines for the SemEval-2020 Task 11 tools."""
from __future__ import annotations

import io

from eventsift.output import FORMATS
from eventsift.output.ptc import article_id, write_ptc


def _result(path=None):
    return {"id": "abc123", "source": {"path": path} if path else {},
            "framing": [{"start": 4, "end": 13, "technique": "Loaded_Language", "text": "notorious"},
                        {"start": 20, "end": 38, "technique": "Name_Calling,Labeling", "text": "terrorist"}]}


def test_registered():
    assert FORMATS["ptc"] is write_ptc


def test_lines_are_tab_separated_with_exclusive_ends():
    out = io.StringIO()
    write_ptc([_result("/data/articles/article7771.txt")], out)
    assert out.getvalue().splitlines() == ["7771\tLoaded_Language\t4\t13", "7771\tName_Calling,Labeling\t20\t38"]


def test_other_documents_use_their_id():
    assert article_id(_result("news/report.txt")) == "abc123"
    assert article_id(_result()) == "abc123"


def test_analysed_text_round_trips(analyse):
    result = analyse("The notorious warlord and his thugs terrorised the heinous town.")
    out = io.StringIO()
    write_ptc([result], out)
    for line in out.getvalue().splitlines():
        doc_id, technique, start, end = line.split("\t")
        assert doc_id == result["id"] and int(start) < int(end)
