"""The framing stage: trained model plus rules, on the seed and on hand-written sentences."""
from __future__ import annotations

import pytest

from eventsift.model import TECHNIQUES, Document
from eventsift.pipeline import Analysis
from eventsift.stages import framing


def _analysis(pipeline, text: str) -> Analysis:
    """Every stage before framing, run on ``text``."""
    analysis = Analysis(document=Document(text=text), doc=pipeline.nlp(text), settings=pipeline.settings)
    for stage in pipeline.stages:
        if stage.name == "framing":
            break
        stage.run(analysis)
    return analysis


def _covering(items, phrase: str, text: str):
    start = text.index(phrase)
    end = start + len(phrase)
    return [f for f in items if f["start"] <= start and end <= f["end"]]


@pytest.mark.parametrize("phrase", ["notorious", "hatchet man", "heinous"])
def test_seed_loaded_words_are_marked(seed_result, phrase):
    assert _covering(seed_result["framing"], phrase, seed_result["text"])


def test_seed_terrorist_quds_force_labels_the_quds_force(seed_result):
    text = seed_result["text"]
    hits = [f for f in _covering(seed_result["framing"], "terrorist Quds Force", text)
            if f["technique"] == "Name_Calling,Labeling"]
    assert hits
    actors = {a["id"]: a for a in seed_result["actors"]}
    target = actors[hits[0]["target_actor_id"]]
    assert "Quds" in target["name"] or any("Quds" in alias for alias in target["aliases"])
    assert "terrorist" in hits[0]["triggers"]


def test_seed_overwhelming_majority_is_marked(seed_result):
    assert _covering(seed_result["framing"], "overwhelming majority of Iranians despised", seed_result["text"])


def test_framing_items_are_well_formed_and_not_duplicated(seed_result):
    text = seed_result["text"]
    items = seed_result["framing"]
    for f in items:
        assert text[f["start"]:f["end"]] == f["text"]
        assert f["technique"] in TECHNIQUES
        assert 0.0 < f["confidence"] <= 1.0
        assert f["triggers"]
    for a in items:
        for b in items:
            if a is not b and a["technique"] == b["technique"]:
                assert a["end"] <= b["start"] or b["end"] <= a["start"], (a, b)


def test_repetition_marks_later_uses_of_a_label_used_three_times(pipeline):
    text = ("The thugs came at night. Residents said the thugs burned the market. "
            "Nobody stopped the thugs. The town is quiet now.")
    analysis = _analysis(pipeline, text)
    found = framing.find_framing(analysis, use_model=False)
    reps = [f for f in found if f.technique == "Repetition"]
    firsts = text.index("thugs")
    assert len(reps) == 2 and all(f.span.start > firsts for f in reps)


def test_no_repetition_for_a_label_used_twice(pipeline):
    text = "The thugs came at night. Residents said the thugs burned the market."
    found = framing.find_framing(_analysis(pipeline, text), use_model=False)
    assert not [f for f in found if f.technique == "Repetition"]


def test_exaggeration_rule_reaches_the_verb(pipeline):
    text = "The vast majority of residents rejected the new curfew."
    found = framing.exaggeration_rule(_analysis(pipeline, text))
    assert [f.span.text for f in found] == ["The vast majority of residents rejected"]


def test_unnamed_experts_are_an_appeal_to_authority(pipeline):
    text = "Experts say the ceasefire will collapse within weeks."
    found = framing.authority_rule(_analysis(pipeline, text))
    assert len(found) == 1 and found[0].technique == "Appeal_to_Authority"
    assert found[0].span.text.startswith("Experts say the ceasefire")


def test_named_experts_are_not_the_rule(pipeline):
    text = "Experts at Amnesty International say the ceasefire will collapse within weeks."
    assert not framing.authority_rule(_analysis(pipeline, text))


def test_label_before_a_named_actor_targets_it(pipeline):
    text = "Troops loyal to the tyrant Bashar al-Assad shelled the town on Monday."
    analysis = _analysis(pipeline, text)
    found = framing.labeling_rule(analysis)
    assert found and found[0].span.text.startswith("tyrant")
    assert found[0].target_actor_id in {a.id for a in analysis.actors}


def test_neutral_wire_copy_has_little_framing(analyse):
    text = ("The city council met on Tuesday and approved the budget for next year. "
            "The vote was seven to two. The mayor said the money would go to road repairs and schools.")
    assert len(analyse(text)["framing"]) <= 1


def test_empty_text_has_no_framing(analyse):
    assert analyse("")["framing"] == []


def test_a_label_targets_the_actor_it_is_said_of_not_its_neighbour(pipeline):
    text = "Qasem Soleimani was the hatchet man for Ali Khamenei."
    analysis = _analysis(pipeline, text)
    doc = analysis.doc
    span = doc.char_span(text.index("the hatchet"), text.index(" for"))
    target = framing._labelled_actor(doc, framing._actor_index(analysis), span.start, span.end)
    names = {a.id: a.name for a in analysis.actors}
    assert target is not None and "Soleimani" in names[target]
