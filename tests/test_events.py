"""Event records from short texts written for these tests: types, counts, dates, places, no duplicates."""
import pytest

# These tests pin what the cue rules read; the event-type model on top is measured on real notes
# (benchmarks/evaluate_events.py) and tested in test_event_model.py.
pytestmark = pytest.mark.usefixtures("rules_only")


def _events(analyse, text, published=None):
    result = analyse(text, published)
    for e in result["events"]:
        for key in ("trigger", "sentence"):
            span = e.get(key)
            if span:
                assert result["text"][span["start"]:span["end"]] == span["text"]
    return result["events"]


def _one(analyse, text, published=None):
    events = _events(analyse, text, published)
    assert events, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize("text, etype, sub", [
    ("On 3 March 2021, a drone strike hit a car near Jilib, killing two men.", "Explosions/Remote violence", "Air/drone strike"),
    ("On 9 June 2021, rebels shelled the town of Idlib.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("On 2 July 2021, a roadside bomb exploded near a bus in Kunar.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("On 8 July 2021, militants attacked an army base in Gao and fought soldiers for hours.", "Battles", "Armed clash"),
    ("On 8 July 2021, gunmen attacked a village in Zamfara and killed 9 farmers.", "Violence against civilians", "Attack"),
    ("On 1 August 2021, gunmen kidnapped 14 students in Kaduna.", "Violence against civilians", "Abduction/forced disappearance"),
    ("On 4 August 2021, thousands of teachers marched peacefully through Nairobi.", "Protests", "Peaceful protest"),
    ("On 5 August 2021, police fired tear gas to disperse a protest in Dakar.", "Protests", "Protest with intervention"),
    ("On 6 August 2021, soldiers shot dead four protesters in Khartoum.", "Protests", "Excessive force against protesters"),
    ("On 7 August 2021, rioters threw stones at police and burned a station in Lagos.", "Riots", "Violent demonstration"),
    ("On 9 August 2021, a mob lynched a suspected thief in Kisumu.", "Riots", "Mob violence"),
    ("On 10 August 2021, police arrested 12 opposition members in Harare.", "Strategic developments", "Arrests"),
    ("On 11 August 2021, the army defused two IEDs on the road to Tikrit.", "Strategic developments", "Disrupted weapons use"),
    ("On 12 August 2021, the Taliban captured the city of Herat.", "Battles", "Non-state actor overtakes territory"),
    ("On 13 August 2021, government forces recaptured the town of Palma.", "Battles", "Government regains territory"),
])
def test_acled_types(analyse, text, etype, sub):
    event = _one(analyse, text)
    assert (event["event_type"], event["sub_event_type"]) == (etype, sub)


def test_fatalities_are_summed_and_conservative(analyse):
    event = _one(analyse, "On 4 February 2022, militants attacked an army post in Gao. Seven soldiers and four "
                          "militants were killed.")
    assert event["fatalities"]["best"] == 11
    event = _one(analyse, "On 4 February 2022, gunmen killed at least 52 villagers in Zamfara.")
    assert (event["fatalities"]["best"], event["fatalities"]["high"]) == (52, None)
    event = _one(analyse, "On 4 February 2022, fighting near Goma, North Kivu, resulted in 20 killed.")
    assert event["fatalities"]["best"] == 20


def test_a_named_person_killed_counts_one(analyse):
    event = _one(analyse, "A drone strike in Kabul killed Ayman al-Zawahiri on 31 July 2022.")
    assert event["fatalities"]["best"] == 1
    assert event["sub_event_type"] == "Air/drone strike"


def test_no_casualties_is_zero(analyse):
    event = _one(analyse, "On 17 August 2022, militants fired mortars at the palace in Mogadishu; no casualties "
                          "were reported.")
    assert event["fatalities"]["best"] == 0


def test_trigger_variants_do_not_multiply_one_event(analyse):
    events = _events(analyse, "On 2 June 2021, gunmen murdered a priest in Kaduna. The murdering of the priest "
                              "shocked residents.")
    assert len(events) == 1
    events = _events(analyse, "On 1 June 2021, the attack on the camp led to the execution-style killing of 12 "
                              "residents in Diyala.")
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 12


def test_several_places_make_one_event(analyse):
    events = _events(analyse, "On 7 May 2021, troops killed 30 militants in Maiduguri, Damboa and Bama, Borno.")
    assert len(events) == 1
    assert events[0]["location"]["country_iso3"] == "NGA" and events[0]["location"]["admin1"] == "Borno"


def test_a_country_used_as_an_adjective_is_not_the_place(analyse):
    event = _one(analyse, "A US military airstrike in Iraq killed a commander on January 2.", "2020-01-05")
    assert event["location"]["country_iso3"] == "IRQ"
    assert event["date"]["value"] == "2020-01-02"


def test_an_aggregate_keeps_its_period(analyse):
    event = _one(analyse, "The militia killed 141 members of the group in attacks in Iraq from 2009 to 2016.")
    assert event["date"]["value"] == "2009/2016"
    assert event["fatalities"]["best"] == 141


def test_the_date_a_statement_was_made_is_not_the_event_date(analyse):
    text = ('The council revealed on September 2, 2013: "On Tuesday, August 27, the commander met with the prime '
            'minister in Baghdad."')
    events = [e for e in _events(analyse, text, "2013-09-03") if e["sub_event_type"] == "Other"]
    assert events and events[0]["date"]["value"] == "2013-08-27"
    assert events[0]["status"] == "attributed"


def test_a_headline_is_not_an_event(analyse):
    events = _events(analyse, "The Ashraf massacre\n\nOn 1 September 2013, gunmen attacked Camp Ashraf.")
    assert len(events) == 1 and events[0]["location"]["name"] == "Camp Ashraf"


def test_confidence_is_higher_for_a_complete_record(analyse):
    full = _one(analyse, "On 3 March 2021, Al Shabaab fighters attacked an army base in Bariire, Lower Shabelle, "
                         "killing 4 soldiers.")
    thin = _one(analyse, "Rebels attacked a village.")
    assert 0 <= thin["confidence"] < full["confidence"] <= 1


@pytest.mark.parametrize("text, best", [
    ("On 3 March 2021, gunmen attacked a village in Zamfara, resulting in 3 fatalities.", 3),
    ("On 3 March 2021, militants attacked a checkpoint in Gao, leaving two dead.", 2),
    ("On 3 March 2021, the death toll from the bombing in Mogadishu rose to 11.", 11),
    ("On 3 March 2021, the bodies of 3 men were found near Bunia, Ituri, after an attack by ADF.", 3),
    ("On 3 March 2021, gunmen killed a woman and her two children in Kaduna.", 3),
    ("On 3 March 2021, gunmen attacked a bus in Tillaberi. Seven passengers died.", 7),
    ("On 3 March 2021, the army killed scores of militants in Borno.", 20),
    ("On 3 March 2021, militants killed 17 civilians in Kikidi (Anzourou, Tillaberi), resulting in 17 fatalities.", 17),
    ("On 3 March 2021, a drone strike killed a commander near Jilib. The strike also killed two other men.", 3),
])
def test_fatality_phrasings(analyse, text, best):
    assert _one(analyse, text)["fatalities"]["best"] == best


def test_bracketed_district_and_region_of_a_note(analyse):
    event = _one(analyse, "On 3 March 2021, Al Shabaab militants attacked SNA forces in Bulo Marer (Marka, Lower "
                          "Shabelle). 2 soldiers killed.")
    assert event["location"]["admin1"] == "Lower Shabelle" and event["location"]["country_iso3"] == "SOM"
    assert event["fatalities"]["best"] == 2 and event["event_type"] == "Battles"


def test_a_dateline_is_not_the_scene(analyse):
    event = _one(analyse, "MAIDUGURI, Nigeria — Gunmen attacked the town of Konduga in Borno state on January 3, "
                          "killing 12 residents.", "2015-01-09")
    assert event["location"]["name"] != "Maiduguri" and event["location"]["admin1"] == "Borno"


def test_a_date_range_starts_the_event(analyse):
    assert _one(analyse, "On 3-4 March 2021, gunmen killed 3 people in Kidal.")["date"]["value"] == "2021-03-03"
    assert _one(analyse, "Between 1 and 3 March 2021, militants attacked villages in Tillaberi, killing 20."
                )["date"]["value"] == "2021-03-01"


def test_where_the_actors_operate_breaks_a_tie(analyse):
    event = _one(analyse, "On 3 March 2021, ADF rebels killed 8 civilians in Beni.")
    assert event["location"]["country_iso3"] == "COD"


def test_crowds_clashing_with_police_are_a_riot(analyse):
    event = _one(analyse, "On 3 March 2021, youths clashed with police in Conakry over fuel prices.")
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration")
