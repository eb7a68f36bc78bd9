"""What the seed article must yield (issue 5, 'Done when')."""


def _events(seed, **where):
    out = []
    for e in seed["events"]:
        loc = e.get("location") or {}
        if all((loc.get(k[4:]) if k.startswith("loc_") else e.get(k)) == v for k, v in where.items()):
            out.append(e)
    return out


def _actor_names(seed, role):
    ids = {a["id"]: a["name"] for a in seed["actors"]}
    return ids.get((role or {}).get("actor_id"))


def test_camp_ashraf_attack(seed_result):
    attacks = [e for e in _events(seed_result, loc_name="Camp Ashraf", loc_admin1="Diyala", loc_country_iso3="IRQ")
               if (e.get("date") or {}).get("value") == "2013-09-01" and e["event_type"] == "Violence against civilians"
               and e["sub_event_type"] == "Attack"]
    assert len(attacks) == 1
    attack = attacks[0]
    assert attack["fatalities"]["best"] == 52
    assert _actor_names(seed_result, attack["actor1"]) == "Kata'ib Hezbollah"
    assert "Asa" in attack["actor1"]["span"]["text"]  # both militias stand in the actor1 evidence


def test_hostages_taken_at_camp_ashraf(seed_result):
    hostages = _events(seed_result, sub_event_type="Abduction/forced disappearance", loc_name="Camp Ashraf")
    assert len(hostages) == 1 and hostages[0]["date"]["value"] == "2013-09-01"


def test_aggregate_killings_2009_to_2016(seed_result):
    agg = [e for e in seed_result["events"] if (e.get("date") or {}).get("value") == "2009/2016"
           and (e.get("fatalities") or {}).get("best") == 141]
    assert len(agg) == 1 and agg[0]["location"]["country_iso3"] == "IRQ"
    assert _actor_names(seed_result, agg[0]["actor1"]) == "Qasem Soleimani"


def test_us_air_strike_in_iraq(seed_result):
    strikes = _events(seed_result, sub_event_type="Air/drone strike")
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["date"]["value"] == "2020-01-02" and strike["location"]["country_iso3"] == "IRQ"
    assert strike["fatalities"]["best"] == 1
    assert _actor_names(seed_result, strike["actor2"]) == "Qasem Soleimani"


def test_missile_attacks_on_camp_liberty(seed_result):
    liberty = _events(seed_result, sub_event_type="Shelling/artillery/missile attack", loc_name="Camp Liberty")
    assert liberty and all(e["location"]["admin1"] == "Baghdad" for e in liberty)


def test_meeting_reported_by_the_ncri_is_attributed(seed_result):
    meetings = _events(seed_result, event_type="Strategic developments", sub_event_type="Other")
    assert len(meetings) == 1
    meeting = meetings[0]
    assert meeting["date"]["value"] == "2013-08-27" and meeting["status"] == "attributed"
    assert _actor_names(seed_result, meeting["actor1"]) == "Qasem Soleimani"
    source = next(a for a in seed_result["attributions"] if a["id"] == meeting["attribution_id"])
    assert "National Council of Resistance of Iran" in source["source"]["text"]


def test_one_actor_each_whatever_the_spelling(seed_result):
    names = [a["name"] for a in seed_result["actors"]]
    for name in ("Qasem Soleimani", "Quds Force", "People's Mojahedin Organization of Iran",
                 "Islamic Revolutionary Guard Corps"):
        assert names.count(name) == 1
    aliases = {a["name"]: set(a["aliases"]) for a in seed_result["actors"]}
    assert {"Qasem Soleimani", "Qassem Soleimani"} <= aliases["Qasem Soleimani"]
    assert {"Quds Force", "Qods Force"} <= aliases["Quds Force"]
    assert {"MEK", "PMOI/MEK"} <= aliases["People's Mojahedin Organization of Iran"]


def test_ner_noise_is_neither_actor_nor_place(seed_result):
    places = {p["span"]["text"] for p in seed_result["places"]}
    assert not places & {"Soleimani", "March", "August", "Khamenei"}
    assert "United States" not in {(e.get("location") or {}).get("name") for e in seed_result["events"]}
