"""Attribution on short hand-written texts: the constructions the stage must handle."""
import pytest


def _one(result, cue_word):
    found = [a for a in result["attributions"] if a["cue"] and cue_word.lower() in a["cue"]["text"].lower()]
    assert len(found) == 1, [(a["cue"], a["content"]["text"]) for a in result["attributions"]]
    return found[0]


def _actor(result, actor_id):
    return next(a for a in result["actors"] if a["id"] == actor_id)


def test_colon_lead_in_with_statement_date(analyse):
    text = ('The National Council of Resistance of Iran revealed on September 2, 2013: "The commander travelled '
            'to Baghdad and met the prime minister to plan the raid."')
    result = analyse(text, published="2020-01-05")
    a = _one(result, "revealed")
    assert a["kind"] == "direct"
    assert a["content"]["text"].startswith('"The commander travelled')
    assert a["source"]["text"] == "The National Council of Resistance of Iran"
    assert _actor(result, a["source_actor_id"])["name"] == "National Council of Resistance of Iran"
    assert a["date"] == "2013-09-02"


def test_quote_before_the_speaker(analyse):
    text = '"We will not stop until the camp is closed," the spokesman told reporters on Monday.'
    a = _one(analyse(text), "told")
    assert a["kind"] == "direct"
    assert a["content"]["text"] == '"We will not stop until the camp is closed,"'
    assert a["source"]["text"] == "the spokesman"


def test_interrupted_quote_is_one_attribution(analyse):
    text = ('Maria Lopez spoke after the vote. "This is the first part of it," she said. '
            '"And this is the second part of the same statement."')
    result = analyse(text)
    a = _one(result, "said")
    assert "first part" in a["content"]["text"] and "second part" in a["content"]["text"]
    assert a["source"]["text"] == "she"
    assert "Lopez" in _actor(result, a["source_actor_id"])["name"]


def test_quote_running_over_paragraphs(analyse):
    text = ('The minister said: "The first paragraph of the speech opens here.\n\n'
            '"The second paragraph carries on the same speech."\n\nOther news followed.')
    a = _one(analyse(text), "said")
    assert a["content"]["text"].endswith('same speech."')
    assert "Other news" not in a["content"]["text"]


def test_reported_speech_and_pronoun_source(analyse):
    text = "Ali Khamenei spoke in Tehran on Friday. He said that the enemies of Iran would be punished severely."
    result = analyse(text, published="2020-01-05")
    a = _one(result, "said")
    assert a["kind"] == "indirect"
    assert a["content"]["text"] == "that the enemies of Iran would be punished severely"
    assert "Khamenei" in _actor(result, a["source_actor_id"])["name"]


def test_description_source_resolves_to_named_actor(analyse):
    text = ("Tasnim News Agency published a report on Sunday. "
            "The agency said the attack on the camp was carried out by an unknown group.")
    result = analyse(text)
    a = _one(result, "said")
    assert a["source"]["text"] == "The agency"
    assert "Tasnim" in _actor(result, a["source_actor_id"])["name"]


def test_according_to(analyse):
    text = "According to the local governor, the convoy was ambushed near the border on Tuesday."
    a = _one(analyse(text), "according")
    assert a["cue"]["text"] == "According to"
    assert a["source"]["text"] == "the local governor"
    assert "convoy was ambushed" in a["content"]["text"]


def test_attributed_to_and_took_responsibility(analyse):
    text = ("The news agency attributed the attack to an unknown group. "
            "A group called the Martyrs Brigade took responsibility for the rocket attack on the base.")
    result = analyse(text)
    attributed = _one(result, "attributed")
    assert attributed["content"]["text"].startswith("the attack to an unknown group")
    claimed = _one(result, "took responsibility for")
    assert claimed["content"]["text"] == "the rocket attack on the base"
    assert claimed["source"]["text"].startswith("A group")


def test_belief_and_intention(analyse):
    text = "The senator believes that the sanctions will fail. The rebels plan to take the city before winter."
    result = analyse(text)
    assert _one(result, "believes")["content"]["text"] == "that the sanctions will fail"
    assert "take the city" in _one(result, "plan")["content"]["text"]


def test_no_duplicates_and_spans_hold(analyse):
    text = ('The IRGC announced in a statement: "In a revolutionary act, the brave fighters took their revenge." '
            'Officials said the statement was genuine.')
    result = analyse(text)
    contents = [(a["content"]["start"], a["content"]["end"]) for a in result["attributions"]]
    assert len(contents) == len(set(contents))
    starts = sorted(contents)
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:])), "contents overlap"
    announced = _one(result, "announced")
    assert announced["content"]["text"].startswith('"In a revolutionary act')
    for a in result["attributions"]:
        for key in ("source", "cue", "content"):
            span = a[key]
            if span:
                assert text[span["start"]:span["end"]] == span["text"]


def test_article_voice_has_no_attribution(analyse):
    result = analyse("Gunmen killed five villagers in the north of the province on Sunday.")
    assert result["attributions"] == []


@pytest.mark.parametrize("text, status, linked", [
    ("Gunmen killed five villagers on Sunday.", "asserted", False),
    ("Police said gunmen killed five villagers on Sunday.", "attributed", True),
    ("Militants reportedly attacked the village on Monday.", "hedged", False),
    ("The bombing was said to have been carried out by the militia.", "hedged", False),
    ("The army denied that its soldiers killed civilians.", "denied", True),
    ("Soldiers did not shoot the protesters.", "denied", False),
    ("If the talks fail, the rebels will attack the city.", "hypothetical", False),
    ("The group threatened to bomb the embassy.", "hypothetical", True),
])
def test_event_status(analyse, text, status, linked):
    result = analyse(text, published="2020-01-05")
    assert result["events"], "no event found"
    event = result["events"][0]
    assert event["status"] == status
    ids = {a["id"] for a in result["attributions"]}
    assert (event["attribution_id"] in ids) if linked else event["attribution_id"] is None


def test_dash_byline_and_dash_lead_in(analyse):
    text = ('The statement ended with a threat.\n\n"Our patience has run out, and the camp will pay for it." '
            '— the IRGC generals\n\nHillary Clinton — "Our goal is not to deter the group, but to defeat it."')
    result = analyse(text)
    byline, lead = result["attributions"]
    assert byline["content"]["text"].startswith('"Our patience') and byline["source"]["text"] == "the IRGC generals"
    assert "Revolutionary Guard" in _actor(result, byline["source_actor_id"])["name"]
    assert lead["content"]["text"].startswith('"Our goal') and lead["source"]["text"] == "Hillary Clinton"


def test_dashes_in_ordinary_sentences_are_not_cues(analyse):
    assert analyse("The vote was close - 52 to 48 - and nobody in the hall was happy.")["attributions"] == []


ODD_TEXTS = [
    "",
    '"',
    '""',
    "“ ” ''",
    'He said: "',
    '"Unclosed quote, he said\n\n"Another one',
    "— — : : according to",
    'Officials said.\n\n\n"Yes," - . "No"',
    "took responsibility for",
    "According to",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_input_never_breaks_spans(analyse, text):
    result = analyse(text)
    for a in result["attributions"]:
        for key in ("source", "cue", "content"):
            span = a[key]
            if span:
                assert text[span["start"]:span["end"]] == span["text"]


def test_colon_after_a_clause_takes_the_quote(analyse):
    text = ('The minister apologized for what happened in the camp: "We failed the residents and we will '
            'rebuild every house."')
    a = _one(analyse(text), "apologized")
    assert a["content"]["text"].startswith('"We failed the residents')
    assert a["source"]["text"] == "The minister"


def test_claim_of_responsibility_leaves_out_the_medium(analyse):
    text = "The Islamic State group claimed responsibility for the bombing in a statement posted online."
    a = _one(analyse(text), "claimed responsibility for")
    assert a["content"]["text"] == "the bombing"
    assert a["source"]["text"] == "The Islamic State group"
