"""The brat writer: PolNeAR-layout standoff whose offsets point back into the text."""
import io

from eventsift.output import FORMATS
from eventsift.output.brat import ann_lines


def _result():
    text = 'Officials said the road\nwas closed. "Stay home," the mayor said.'
    span = lambda s, e: {"start": s, "end": e, "text": text[s:e]}  # noqa: E731
    quote_start = text.index('"Stay')
    return text, {
        "id": "doc1", "text": text,
        "attributions": [
            {"id": "q1", "kind": "indirect", "source": span(0, 9), "cue": span(10, 14),
             "content": span(15, text.index(".")), "source_actor_id": None, "date": None},
            {"id": "q2", "kind": "direct", "source": None, "cue": span(text.rindex("said"), text.rindex("said") + 4),
             "content": span(quote_start, text.index(",", quote_start) + 2), "source_actor_id": None, "date": None},
        ],
    }


def test_lines_follow_polnear_layout_and_offsets_hold():
    text, result = _result()
    lines = ann_lines(result)
    events = [line for line in lines if line.startswith("E")]
    assert events == ["E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1", "E2\tAttribution:T7 Content:T6 Cue:T5"]
    for line in lines:
        if not line.startswith("T"):
            continue
        tid, info, words = line.split("\t")
        label, offsets = info.split(" ", 1)
        assert label in ("Source", "Cue", "Content", "Attribution")
        pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
        assert " ".join(text[s:e] for s, e in pieces) == words


def test_span_over_a_line_break_becomes_fragments():
    text, result = _result()
    content = next(line for line in ann_lines(result) if line.startswith("T3\t"))
    assert content.split("\t")[1] == f"Content 15 23;24 {text.index('.')}"


def test_registered_format_writes_every_document():
    _, result = _result()
    out = io.StringIO()
    FORMATS["brat"]([result, dict(result, id="doc2")], out)
    assert out.getvalue().count("# document ") == 2
