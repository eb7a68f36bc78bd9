"""SpanIndex answers exactly what a scan over every item would."""
from hypothesis import given, strategies as st

from eventsift.spanindex import SpanIndex

ranges = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 15)).map(lambda p: (p[0], p[0] + p[1])), max_size=30)


@given(ranges, st.integers(0, 80), st.integers(0, 20))
def test_queries_match_a_full_scan(items, start, width):
    end = start + width
    index = SpanIndex((s, e, i) for i, (s, e) in enumerate(items))
    by_start = sorted(((s, e, i) for i, (s, e) in enumerate(items)), key=lambda x: x[0])
    assert list(index.overlapping(start, end)) == [x for x in by_start if x[0] < end and start < x[1]]
    assert list(index.before(start)) == [x for x in reversed(by_start) if x[1] <= start]
    assert list(index.from_(start)) == [x for x in by_start if x[0] >= start]
