"""The seed article's attributions: who says what, found without knowing the article."""


def _find(seed_result, cue_word, content_start):
    found = [a for a in seed_result["attributions"]
             if a["cue"] and cue_word in a["cue"]["text"] and content_start in a["content"]["text"]]
    assert len(found) == 1, [(a["cue"] and a["cue"]["text"], a["content"]["text"][:60])
                             for a in seed_result["attributions"]]
    return found[0]


def _actor_name(seed_result, actor_id):
    return next(a["name"] for a in seed_result["actors"] if a["id"] == actor_id)


def test_ncri_statement_is_dated_and_holds_the_meeting(seed_result):
    a = _find(seed_result, "revealed", "Following the chemical bombing")
    assert a["kind"] == "direct"
    assert a["date"] == "2013-09-02"
    assert "National Council of Resistance of Iran" in _actor_name(seed_result, a["source_actor_id"])
    assert "On Tuesday, August 27" in a["content"]["text"] and "met with" in a["content"]["text"]
    inside = [e for e in seed_result["events"]
              if a["content"]["start"] <= e["trigger"]["start"] < a["content"]["end"]]
    assert inside and all(e["status"] == "attributed" and e["attribution_id"] == a["id"] for e in inside)


def test_irgc_statement_found_once(seed_result):
    a = _find(seed_result, "announced", "In a revolutionary act")
    assert a["kind"] == "direct"
    assert "Revolutionary Guard" in _actor_name(seed_result, a["source_actor_id"])


def test_tasnim_attributes_the_attack(seed_result):
    a = _find(seed_result, "attributed", "the attack to an unknown group")
    assert "Tasnim" in _actor_name(seed_result, a["source_actor_id"])


def test_irgc_generals_wrote(seed_result):
    a = _find(seed_result, "wrote", "Our patience has run out")
    assert a["source"]["text"].startswith("the IRGC generals")
    assert "Revolutionary Guard" in _actor_name(seed_result, a["source_actor_id"])


def test_no_two_attributions_share_content(seed_result):
    spans = sorted((a["content"]["start"], a["content"]["end"]) for a in seed_result["attributions"])
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
