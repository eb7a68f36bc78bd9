"""Each first-layer stage on small hand-written inputs (deeper tests live beside each capability)."""
from datetime import date


def test_times_absolute_relative_and_interval():
    from eventsift.stages.times import find_times

    text = "On September 1, 2013 gunmen struck. From 2009 to 2016 the camp was hit; a decade later it closed."
    values = {t.span.text: t.value for t in find_times(text, date(2020, 1, 5))}
    assert values["September 1, 2013"] == "2013-09-01"
    assert any(v == "2009/2016" for v in values.values())


def test_actors_fold_acronym_and_spelling(analyse):
    d = analyse("The Islamic Revolutionary Guard Corps (IRGC) said on Monday that the IRGC would respond. "
                "Qassem Soleimani met officials; Soleimani left.")
    names = [a["name"] for a in d["actors"]]
    assert names.count("Islamic Revolutionary Guard Corps") == 1
    soleimani = [a for a in d["actors"] if "Soleimani" in a["name"]]
    assert len(soleimani) == 1 and len(soleimani[0]["mentions"]) == 2


def test_places_are_gazetteer_backed(analyse):
    d = analyse("Fighting broke out in Baghdad, the capital of Iraq, on Sunday.")
    countries = {p["name"]: p["country_iso3"] for p in d["places"]}
    assert countries.get("Iraq") == "IRQ" and countries.get("Baghdad") == "IRQ"


def test_attribution_of_a_direct_quote(analyse):
    d = analyse('"We will not retreat from the city," the rebel commander said on Tuesday.')
    quotes = [a for a in d["attributions"] if a["kind"] == "direct"]
    assert quotes and quotes[0]["content"]["text"].strip("\"“”").startswith("We will not retreat")
    assert "commander" in quotes[0]["source"]["text"] and quotes[0]["cue"]["text"] == "said"


def test_event_with_fatalities_place_and_date(analyse):
    d = analyse("Gunmen killed five villagers in Maiduguri, Nigeria, on 3 March 2021.", published="2021-03-04")
    killings = [e for e in d["events"] if e["fatalities"]]
    assert killings and killings[0]["fatalities"]["best"] == 5
    assert killings[0]["location"]["country_iso3"] == "NGA"
    assert killings[0]["date"]["value"] == "2021-03-03"


def test_framing_marks_loaded_words(analyse):
    d = analyse("The heinous regime sent its thugs to crush the brave protesters.")
    marked = {f["text"].lower() for f in d["framing"]}
    assert any("heinous" in m for m in marked)
