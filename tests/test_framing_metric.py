"""The SemEval-2020 Task 11 span metric used by benchmarks/evaluate_framing.py."""
from __future__ import annotations

import pytest

from eventsift.train.ptc import merge, misses, score


def test_merge_joins_overlaps_but_not_touching_spans():
    assert merge([(5, 10), (0, 6), (10, 12), (20, 20)]) == [(0, 10), (10, 12)]


def test_partial_overlap_credit():
    gold = {"1": [("Doubt", 0, 10)]}
    pred = {"1": [("Doubt", 5, 15)]}
    s = score(pred, gold)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5) and s.f1 == pytest.approx(0.5)


def test_overlapping_gold_spans_are_merged_when_techniques_are_ignored():
    gold = {"1": [("Doubt", 0, 10), ("Loaded_Language", 5, 20)]}
    pred = {"1": [("Doubt", 0, 5), ("Slogans", 30, 40)]}
    s = score(pred, gold)
    assert (s.predicted, s.gold) == (2, 1)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.25)


def test_techniques_must_agree_when_asked():
    gold = {"1": [("Doubt", 0, 10)]}
    wrong = {"1": [("Slogans", 0, 10)]}
    assert score(wrong, gold).f1 == pytest.approx(1.0)
    assert score(wrong, gold, techniques=True).f1 == 0.0
    assert score(gold, gold, techniques=True).f1 == pytest.approx(1.0)


def test_one_technique_only():
    gold = {"1": [("Doubt", 0, 10), ("Slogans", 20, 30)]}
    pred = {"1": [("Doubt", 0, 10)]}
    assert score(pred, gold, only="Doubt").f1 == pytest.approx(1.0)
    assert score(pred, gold, only="Slogans").recall == 0.0


def test_articles_are_kept_apart():
    gold = {"1": [("Doubt", 0, 10)], "2": [("Doubt", 0, 10)]}
    pred = {"2": [("Doubt", 0, 10)]}
    s = score(pred, gold)
    assert s.precision == pytest.approx(1.0) and s.recall == pytest.approx(0.5)


def test_misses_split_the_loss_into_untouched_spans_and_partial_overlaps():
    gold = {"1": [("Doubt", 0, 10), ("Slogans", 40, 50)], "2": [("Doubt", 0, 4)]}
    pred = {"1": [("Doubt", 5, 15), ("Loaded_Language", 20, 30)], "3": [("Doubt", 0, 2)]}
    m = misses(pred, gold)
    # predictions: 5-15 (half in gold), 20-30 and article 3's (touch none); gold: 0-10 (half covered), two untouched
    assert m == {"pred_touching_no_gold": pytest.approx(0.6667, abs=1e-4),
                 "gold_touched_by_none": pytest.approx(0.6667, abs=1e-4),
                 "pred_share_in_gold": 0.5, "gold_share_predicted": 0.5}
