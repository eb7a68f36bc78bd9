"""The stage registry: order is checked once; a stage can run alone on a hand-built analysis."""
import pytest

from eventsift.model import Document
from eventsift.pipeline import Analysis, Pipeline, Stage, check_order, default_stages


def test_default_order_is_valid():
    check_order(default_stages())


def test_missing_requirement_is_reported():
    late = Stage("late", lambda a: None, requires=("events",), assigns=())
    with pytest.raises(ValueError, match="late requires"):
        check_order([late])


def test_custom_stage_runs_on_parsed_doc(pipeline):
    seen = []

    def record(analysis: Analysis) -> None:
        seen.append(len(list(analysis.doc)))

    custom = Pipeline(pipeline.settings, stages=[Stage("count", record, requires=("doc",))])
    result = custom.analyze(Document(text="Police arrested two men in Lagos."))
    assert seen == [7] and result.events == []


def test_analyze_many_keeps_order(pipeline):
    docs = [Document(text=f"Report number {i}. Nothing happened.", id=f"d{i}") for i in range(5)]
    assert [r.document.id for r in pipeline.analyze_many(docs)] == [f"d{i}" for i in range(5)]


def test_model_name_is_a_setting():
    from eventsift.errors import ConfigError
    from eventsift.settings import Settings

    broken = Pipeline(Settings(model="no_such_spacy_model"))
    with pytest.raises(ConfigError, match="no_such_spacy_model"):
        broken.analyze(Document(text="Text."))
