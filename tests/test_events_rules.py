"""Event rules added in the second events round, each on a sentence written for this test."""
import pytest

# These tests pin what the cue rules read; the event-type model on top is measured on real notes
# (benchmarks/evaluate_events.py) and tested in test_event_model.py.
pytestmark = pytest.mark.usefixtures("rules_only")


def _first(analyse, text):
    events = analyse(text)["events"]
    assert events, f"no event in {text!r}"
    return events[0]


def _deaths(event):
    return (event.get("fatalities") or {}).get("best")


def test_trailing_dead_counts_every_group(analyse):
    event = _first(analyse, "On 4 May 2022, fighting near Tessit left 3 gendarmes and 9 assailants dead.")
    assert _deaths(event) == 12


def test_passive_shot_dead_counts_the_victim(analyse):
    event = _first(analyse, "On 8 June 2022, a trader was shot dead by unknown gunmen in Kismayo.")
    assert _deaths(event) == 1
    assert event["sub_event_type"] == "Attack"


def test_dead_and_wounded_groups_are_kept_apart(analyse):
    event = _first(analyse, "On 2 June 2022, an explosion in Gao left two dead soldiers and five wounded civilians.")
    assert _deaths(event) == 2


def test_riot_police_is_no_riot(analyse):
    event = _first(analyse, "On 7 April 2022, riot police broke up a march by nurses in Accra with batons.")
    assert (event["event_type"], event["sub_event_type"]) == ("Protests", "Protest with intervention")


def test_security_forces_beating_protesters_is_intervention(analyse):
    event = _first(analyse, "On 9 April 2022, traders demonstrated in Kano; soldiers beat and arrested several of them.")
    assert (event["event_type"], event["sub_event_type"]) == ("Protests", "Protest with intervention")


def test_a_captured_vehicle_is_no_territory(analyse):
    events = analyse("Officials said an armoured vehicle was captured by the rebels last week.")["events"]
    assert not any(e["event_type"] == "Battles" for e in events)


def test_weapons_talked_about_are_no_event(analyse):
    events = analyse("The two ministers held talks on limiting the number of long-range missiles.")["events"]
    assert not any(e["event_type"] == "Explosions/Remote violence" for e in events)


def test_region_after_a_township_is_the_scene(analyse):
    event = _first(analyse, "On 5 May 2022, rebels clashed with troops in Matupi township, Chin state, leaving 2 dead.")
    assert event["location"]["country_iso3"] == "MMR" and event["location"]["admin1"] == "Chin"


def test_people_named_beat_the_document_country(analyse):
    text = ("A US drone strike in Iraq on 2 January killed a general.\n\n"
            "Egyptians who took to the streets in March were beaten by police.")
    events = analyse(text, "2020-04-01")["events"]
    protest = next(e for e in events if e["event_type"] == "Protests")
    assert protest["location"]["country_iso3"] == "EGY"


def test_scene_phrase_is_not_part_of_the_actor(analyse):
    event = _first(analyse, "On 1 June 2022, gunmen in Zamfara killed 4 farmers.")
    assert event["actor1"]["span"]["text"] == "gunmen"


def test_passive_toll_and_abductions_fold_into_the_raid(analyse):
    events = analyse("On 2 May 2022, bandits raided a village in Zamfara state. 9 people were killed and 11 others "
                     "abducted.")["events"]
    assert len(events) == 1 and _deaths(events[0]) == 9


def test_acled_force_names_are_actors_and_give_the_country(analyse):
    result = analyse("On 9 May 2022, Military Forces of Niger (2021-) killed 6 militants near Tamou Dabey.")
    names = {a["name"] for a in result["actors"]}
    assert "Military Forces of Niger" in names
    event = result["events"][0]
    assert event["location"]["country_iso3"] == "NER"


def test_a_group_known_in_one_country_places_an_unknown_village(analyse):
    event = _first(analyse, "On 10 May 2022, clashes between the army and the TTP in Zarmelan left 2 soldiers dead.")
    assert event["location"]["country_iso3"] == "PAK"

    event = _first(analyse, "On 12 May 2022, Rioters (Guinea) stoned cars and looted shops in Conakry.")
    assert event["event_type"] == "Riots"


def test_a_death_given_as_the_cause_is_not_the_toll(analyse):
    event = _first(analyse, "On 13 May 2022, youths burned a police post in Kasese after a man died in custody.")
    assert (event.get("fatalities") or {}).get("best", 0) == 0


@pytest.mark.parametrize("text, sub", [
    ("Riot police fired tear gas at demonstrators.", "Protest with intervention"),
    ("Bandits seized four travellers on the highway.", "Abduction/forced disappearance"),
    ("Youths hurled rocks at soldiers.", "Violent demonstration"),
])
def test_short_snippets(analyse, text, sub):
    assert _first(analyse, text)["sub_event_type"] == sub


def test_storming_is_an_attack(analyse):
    event = _first(analyse, "On 14 May 2022, gunmen stormed a prison in Kotoko and freed 40 inmates.")
    assert event["event_type"] in ("Violence against civilians", "Battles")


def test_a_role_in_rioting_is_no_riot(analyse):
    events = analyse("Police arrested a student for his role in rioting in Lagos last month.")["events"]
    assert events and events[0]["sub_event_type"] == "Arrests"
    assert not any(e["event_type"] == "Riots" for e in events)


def test_a_government_taking_over_is_no_territory(analyse):
    events = analyse("Aid will be withheld until a new government takes over.")["events"]
    assert not any(e["event_type"] == "Battles" for e in events)


def test_the_report_date_stands_in_when_there_is_no_other(analyse):
    event = _first(analyse, "On 5 July 2023, the army said its troops had killed 15 militants near Diffa.")
    assert event["date"]["value"] == "2023-07-05"


def test_another_death_later_is_added(analyse):
    event = _first(analyse, "On 2 Aug 2023, militants ambushed a patrol near Gao, killing 2 soldiers. "
                            "Another soldier died later in hospital.")
    assert _deaths(event) == 3


def test_death_and_injury_of_groups_are_apart(analyse):
    event = _first(analyse, "On 5 Aug 2023, an ambush near Garoua resulted in the death of 4 herders and the "
                            "injury of 6.")
    assert _deaths(event) == 4


@pytest.mark.parametrize("text, sub", [
    ("On 2 Sep 2023, police seized a cache of rifles and ammunition in a house in Garissa.", "Disrupted weapons use"),
    ("On 3 Sep 2023, troops uncovered two landmines on a road near Menaka.", "Disrupted weapons use"),
    ("On 4 Sep 2023, air defences downed 9 drones over Odesa.", "Disrupted weapons use"),
    ("On 5 Sep 2023, 200 soldiers were redeployed from Gao to Menaka.", "Change to group/activity"),
    ("On 6 Sep 2023, a counter-protest by ruling party supporters took place in Lusaka.", "Peaceful protest"),
])
def test_strategic_developments_and_counter_protests(analyse, text, sub):
    assert _first(analyse, text)["sub_event_type"] == sub


def test_a_standalone_abduction_sentence_stays_its_own_event(analyse):
    events = analyse("On 9 May 2022, gunmen killed 3 guards at a farm near Kaduna. Four workers were abducted.")["events"]
    assert any(e["sub_event_type"] == "Abduction/forced disappearance" for e in events)


SINGLE_FIELD_CASES = [
    ("a_crowd_attacking_protesters_is_mob_violence", "On 9 April 2022, party youths attacked protesters in Lusaka, injuring 3.",
     "sub_event_type", "Mob violence"),
    ("named_rocket_beats_a_generic_explosion_word", "On 3 March 2023, a rocket exploded in a courtyard in Kramatorsk, wounding 2 people.",
     "sub_event_type", "Shelling/artillery/missile attack"),
    ("a_planned_march_is_no_protest", "On 2 May 2022, police detained 7 students in Ankara ahead of a planned march.",
     "sub_event_type", "Arrests"),
    ("a_toll_reported_by_someone_is_attributed", "Medics said 14 people were killed in the shelling of Donetsk on 3 May 2022.",
     "status", "attributed"),
    ("former_officer_is_a_civilian_target", "On 3 May 2022, militants shot dead a retired soldier in Kunduz.",
     "sub_event_type", "Attack"),
    ("dispersal_in_the_next_sentence_is_an_intervention", "On 4 May 2022, teachers marched in Lilongwe. Police later broke them up with tear gas.",
     "sub_event_type", "Protest with intervention"),
    ("detained_as_a_state_is_no_intervention", "On 5 May 2022, students rallied in Harare to demand the release of jailed activists.",
     "sub_event_type", "Peaceful protest"),
    ("shots_in_the_air_are_an_intervention", "On 6 May 2022, soldiers fired shots in the air to break up a protest by traders in Juba.",
     "sub_event_type", "Protest with intervention"),
    ("blocking_the_main_road_is_a_protest", "On 7 May 2022, residents blocked the main highway in Kisumu to demand water.",
     "event_type", "Protests"),
    ("flogging_is_an_attack", "On 8 May 2022, militants flogged two women in a market in Kidal.",
     "sub_event_type", "Attack"),
    ("acled_participant_names_are_events", "On 11 May 2022, Protesters (Togo) gathered in Lome to denounce fuel prices.",
     "sub_event_type", "Peaceful protest"),
    ("a_raid_that_only_arrests_is_arrests", "On 14 Oct 2023, police raided an office in Lome and arrested 12 activists.",
     "sub_event_type", "Arrests"),
]


@pytest.mark.parametrize("name, text, field, expected", SINGLE_FIELD_CASES, ids=[c[0] for c in SINGLE_FIELD_CASES])
def test_one_sentence_gets_the_expected_field(analyse, name, text, field, expected):
    assert _first(analyse, text)[field] == expected


TOLL_CASES = [
    ("both_groups_hung_on_one_verb", "On 2 June 2021, troops and militants fought near Dhusamareb. Officials said 6 "
     "militants and 2 soldiers were killed.", 8),
    ("neutralised_attackers_count_as_killed", "On 9 March 2022, gunmen attacked an army post near Djibo. The army "
     "said 3 soldiers were killed and 7 attackers were neutralised.", 10),
    ("found_shot_dead_counts_the_found", "On 2 July 2021, three farmers were found shot dead near Tumaco.", 3),
    ("an_age_is_not_a_toll", "On 4 July 2021, gunmen shot dead a 45-year-old teacher in Uribia.", 1),
    ("a_grievance_death_is_not_the_toll", "On 5 July 2021, students marched in Dhaka over the death of a classmate.", 0),
    ("a_later_toll_revises_a_vague_one", "On 6 July 2021, gunmen killed dozens of villagers in Zurmi. The death "
     "toll later rose to 41.", 41),
    ("a_running_total_is_not_this_events_toll", "On 7 July 2021, gunmen killed 4 herders in Zurmi. This brings "
     "the death toll since January to 63.", 4),
]


@pytest.mark.parametrize("name, text, expected", TOLL_CASES, ids=[c[0] for c in TOLL_CASES])
def test_fatalities_follow_acled_reading(analyse, name, text, expected):
    assert (_first(analyse, text).get("fatalities") or {}).get("best", 0) == expected


def test_same_named_regions_prefer_the_populous_one(analyse):
    event = _first(analyse, "On 8 July 2021, gunmen killed 5 farmers in Kwall (Bassa, Plateau).")
    assert event["location"]["country_iso3"] == "NGA"


NOTE_CASES = [
    ("a_gathering_with_a_cause_is_a_protest", "On 3 May 2024, teachers gathered outside parliament in Nairobi "
     "against unpaid salaries.", "sub_event_type", "Peaceful protest"),
    ("acled_size_tag_marks_a_gathering_as_protest", "On 4 May 2024, traders gathered at the market in Kano. "
     "[size=around 40]", "event_type", "Protests"),
    ("a_raid_protested_against_is_no_attack", "On 5 May 2024, residents marched in Chicago against police raids.",
     "sub_event_type", "Peaceful protest"),
    ("villagers_as_victims_are_no_mob", "On 6 May 2024, soldiers raided a village near Monywa, killing 4 villagers "
     "and burning houses.", "event_type", "Violence against civilians"),
    ("a_crowd_that_kills_is_mob_violence", "On 7 May 2024, residents of Bumala beat two suspected thieves to death.",
     "sub_event_type", "Mob violence"),
    ("a_crowd_that_burns_property_is_a_violent_demonstration", "On 8 May 2024, supporters of the opposition burned "
     "two buses and attacked a police post in Conakry.", "sub_event_type", "Violent demonstration"),
    ("a_blockade_is_a_strategic_development", "On 4 June 2023, JNIM militants imposed a blockade on Djibo (Sahel).",
     "sub_event_type", "Other"),
    ("a_bombing_from_jets_is_an_air_strike", "On 4 June 2023, government forces bombed positions of the PDF in "
     "Sagaing (Sagaing) using fighter jets.", "sub_event_type", "Air/drone strike"),
    ("an_arrest_protested_is_no_intervention", "On 4 June 2023, lawyers boycotted courts in Lahore (Punjab) to "
     "protest the arrest of a colleague.", "sub_event_type", "Peaceful protest"),
    ("a_jail_named_is_no_arrest", "On 9 May 2024, a crowd dragged a suspect out of the jail in Gulu and beat him.",
     "event_type", "Riots"),
]


def test_a_gathering_without_a_cause_is_no_event(analyse):
    assert not analyse("On 3 May 2024, families gathered in Mombasa for a wedding.")["events"]


def test_the_place_a_protest_is_about_is_not_its_place(analyse):
    event = _first(analyse, "On 5 March 2022, students gathered in Tbilisi to protest against the invasion of Ukraine.")
    assert event["location"]["country_iso3"] == "GEO"


def test_years_of_an_acled_actor_name_are_no_date(analyse):
    event = _first(analyse, "On 2 July 2021, JNIM fighters attacked a Military Forces of Mali (2021-) post in Boni.")
    assert event["date"]["value"] == "2021-07-02"
    event = _first(analyse, "On 2 July 2021, ISWAP attacked a Military Forces of Nigeria (2015-2023) base in Marte.")
    assert event["date"]["value"] == "2021-07-02"


def test_the_bracket_after_a_town_names_its_region(analyse):
    event = _first(analyse, "On 3 July 2023, Russian forces shelled Toretsk (Bakhmutskyi, Donetsk), killing 2.")
    assert event["location"]["country_iso3"] == "UKR"


@pytest.mark.parametrize("text, expected", [
    ("On 4 July 2023, militants attacked Dori. Dozens of soldiers were reported killed.", 12),
    ("On 5 July 2023, a mob beat two men in Kasese. One died at the scene and the other died later in hospital.", 2),
])
def test_more_toll_phrasings(analyse, text, expected):
    assert (_first(analyse, text).get("fatalities") or {}).get("best", 0) == expected


def test_resource_files_have_no_duplicate_keys():
    """A repeated key in a JSON resource silently drops the first list (it happened to CL-RM's aliases)."""
    import json
    from pathlib import Path

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})
        return dict(pairs)

    folder = Path(__file__).resolve().parent.parent / "src" / "eventsift" / "resources"
    for path in folder.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_duplicates)


@pytest.mark.parametrize("text", [
    "On 2 June 2022, soldiers burned 40 houses in Pauk (Pauk, Magway). No casualties.",
    "On 7 March 2024, bandits abducted 20 pupils from a school in Kuriga (Chikun, Kaduna). No fatalities.",
    "On 30 June 2021, ISWAP fighters attacked an army base in Marte (Marte, Borno). The troops repelled the attack.",
    "On 19 June 2025, a drone struck a car near Sinuni (Sinjar, Ninewa). The car was destroyed.",
    "On 2 February 2023, police seized a weapons cache including rockets and explosive belts near Rutba (Anbar).",
    "On 16 March 2024, air defences shot down 10 rockets fired at Belgorod city (Belgorod).",
    "On 24 February 2022, police detained 30 people who gathered in Moscow (Moscow) to protest against the war.",
    "On 3 May 2023, nurses marched in Kolkata (West Bengal) to demand justice over the rape and murder of a doctor.",
    "On 20 February 2025, bandits and community leaders signed a peace accord in Danmusa (Katsina) to stop attacks.",
])
def test_one_note_one_record(analyse, text):
    assert len(analyse(text)["events"]) == 1


def test_arrests_after_a_protest_are_its_intervention(analyse):
    events = analyse("On 3 May 2024, students marched in Dakar against fees. Police arrested 12 of them.")["events"]
    assert len(events) == 1 and events[0]["sub_event_type"] == "Protest with intervention"


@pytest.mark.parametrize("text, expected", [
    ("On 3 May 2023, gunmen attacked a bus near Tambacounda (Tambacounda). Fatalities: 4.", 4),
    ("On 3 May 2023, a grenade exploded in a market in Bujumbura. One person succumbed to injuries.", 1),
    ("On 3 May 2023, the body of a man was found with gunshot wounds in Culiacan (Sinaloa).", 1),
    ("On 3 May 2023, militants attacked a camp in Ituri (Ituri). 5 bodies were recovered.", 5),
    ("On 3 May 2023, Russian forces shelled Kherson city. 2 civilians were killed and 5 wounded, and a third "
     "died later in hospital.", 3),
    ("On 3 May 2023, a blast in a market in Maiduguri (Borno) claimed the lives of 6 people.", 6),
    ("On 3 May 2023, gunmen killed a village chief and two of his sons in Zamfara (Zamfara).", 3),
    ("On 17 June 2022, a mass grave containing 12 bodies was discovered near Ranchi, Jharkhand.", 0),
])
def test_toll_sentences_of_monitoring_notes(analyse, text, expected):
    assert (_first(analyse, text).get("fatalities") or {}).get("best", 0) == expected


TOLLS_AFTER_THE_EVENT = [
    ("On 28 April 2021, rioters vandalised bank branches in Cali (Valle del Cauca). One protester was shot dead.", 1),
    ("On 22 August 2022, residents of Tlahuapan (Puebla) dragged two men out of a police station and set them "
     "alight. Both men died.", 2),
    ("On 10 May 2020, ruling party youths beat an opposition activist in Gihanga (Bubanza). He succumbed to his "
     "injuries the next day.", 1),
    ("On 15 March 2024, missiles struck Odesa city (Odesa). Initial reports gave 14 dead; the final toll was 21.", 21),
    ("On 2 March 2023, a suicide bomber blew himself up at an office in Mazar-e-Sharif (Balkh), killing 3 people "
     "besides himself.", 4),
    ("On 8 May 2020, militants shot 3 farmers in Samarra (Salah al-Din), resulting in their deaths.", 3),
    ("On 4 April 2021, troops fought militants near Ngouboua (Lac). The army reported 5 soldiers and 33 militants "
     "killed.", 38),
    ("On 11 October 2022, gunmen shot dead a female polio vaccinator going door to door in Lakki Marwat.", 1),
    ("On 29 May 2021, demonstrators marched in Sao Paulo against the handling of the pandemic, which had killed "
     "450,000 people.", 0),
]


ROUND3_CASES = [
    ("a_long_highway_name_is_still_blocked", "On 5 October 2023, farmers blocked the Inter-American highway at "
     "Cuatro Caminos (Totonicapan).", "event_type", "Protests"),
    ("an_annual_march_held_is_a_protest", "On 8 March 2022, activists held the annual Aurat March in Lahore "
     "(Punjab) demanding equal rights.", "event_type", "Protests"),
    ("protesters_occupying_roundabouts_is_no_territory", "On 17 November 2018, protesters occupied roundabouts "
     "near Cholet (Maine-et-Loire, Pays de la Loire) to denounce fuel taxes.", "sub_event_type", "Peaceful protest"),
    ("small_arms_fire_exchanged_is_a_clash", "On 28 February 2019, Indian and Pakistani troops exchanged "
     "small-arms fire across the Line of Control in Poonch.", "sub_event_type", "Armed clash"),
    ("civilians_accused_of_helping_the_army_are_civilians", "On 2 December 2022, JNIM militants executed 4 "
     "civilians accused of collaborating with the army near Niono (Segou).", "sub_event_type", "Attack"),
    ("an_antonov_is_an_aircraft", "On 14 February 2024, an Antonov bombed houses in Nyala (South Darfur).",
     "sub_event_type", "Air/drone strike"),
    ("a_controlled_explosion_disrupts_weapons_use", "On 12 March 2019, soldiers destroyed in a controlled "
     "explosion an IED planted on a road near Semdinli (Hakkari).", "sub_event_type", "Disrupted weapons use"),
    ("setting_up_a_post_establishes_a_base", "On 2 December 2022, M23 rebels set up an administrative post "
     "at Kishishe (Nord-Kivu).", "sub_event_type", "Headquarters or base established"),
    ("leaflets_are_other_developments", "On 18 September 2021, al Shabaab militants distributed leaflets "
     "warning voters in Jowhar (Middle Shabelle).", "sub_event_type", "Other"),
    ("a_city_surrendered_is_transferred", "On 14 August 2021, the governor surrendered the city of Maimana "
     "(Faryab) to the Taliban.", "sub_event_type", "Non-violent transfer of territory"),
    ("riot_police_in_the_next_sentence_is_no_riot", "On 6 September 2020, demonstrators marched in Minsk "
     "against the election results. OMON riot police detained dozens.", "sub_event_type", "Protest with intervention"),
    ("a_crowd_that_seizes_and_kills_is_a_mob", "On 5 May 2023, residents of Petion-Ville seized 4 suspected gang "
     "members and burned them to death.", "sub_event_type", "Mob violence"),
]


@pytest.mark.parametrize("text, iso3", [
    ("On 3 June 2020, protesters gathered in Hyde Park, London (Greater London, England) against racism.", "GBR"),
    ("On 1 April 2023, people marched from Alameda to Martim Moniz square in Lisbon (Lisboa) against rents.", "PRT"),
    ("On 17 November 2018, farmers rallied near Cholet (Maine-et-Loire, Pays de la Loire) against taxes.", "FRA"),
])
def test_a_place_is_read_with_the_names_around_it(analyse, text, iso3):
    assert _first(analyse, text)["location"]["country_iso3"] == iso3


OWN_TOLLS = [
    ("On 5 May 2023, residents of Petion-Ville seized 4 suspected gang members, doused them with petrol and "
     "burned them to death.", 4),
    ("On 20 March 2024, the army fought FARC dissidents near Argelia (Cauca). One soldier was killed and two "
     "dissidents were captured.", 1),
    ("On 17 January 2024, gunmen shot dead a prosecutor investigating a case as he drove through Guayaquil.", 1),
    ("On 9 May 2023, a guard opened fire near a synagogue in Djerba, killing 2 pilgrims and 2 security officers "
     "before being shot dead himself.", 5),
    ("On 30 May 2018, police fired on a march in Managua held in support of mothers whose children had been "
     "killed in April. Between 15 and 19 people were reported killed.", 15),
    ("On 30 July 2024, rioters threw bricks at police in Southport, the day after a knife attack that killed "
     "three girls.", 0),
    ("On 29 August 2022, villagers attacked a gendarmerie post in Ikongo demanding that suspected kidnappers be "
     "handed over. Gendarmes fired into the crowd, leaving 11 people dead.", 11),
]


@pytest.mark.parametrize("text, expected", TOLLS_AFTER_THE_EVENT + OWN_TOLLS)
def test_one_record_with_its_own_toll(analyse, text, expected):
    result = analyse(text)
    assert len(result["events"]) == 1
    assert (result["events"][0].get("fatalities") or {}).get("best", 0) == expected


ROUND3B_CASES = [
    ("rioters_setting_buildings_on_fire_riot", "On 8 October 2020, rioters set bus shelters and a police post on "
     "fire in Jakarta during protests against a labour law.", "sub_event_type", "Violent demonstration"),
    ("a_village_crowd_burning_houses_is_a_mob", "On 3 September 2020, villagers attacked and burned the houses of "
     "two families accused of witchcraft in Geita.", "sub_event_type", "Mob violence"),
    ("a_killing_protested_at_is_no_attack", "On 18 August 2022, residents blocked roads in Kingston in protest at "
     "the killing of a young man by police.", "sub_event_type", "Peaceful protest"),
    ("demonstrators_gathering_protest", "On 30 July 2024, demonstrators contesting the election results gathered "
     "in Maracaibo (Zulia).", "event_type", "Protests"),
    ("a_chlorine_rocket_is_a_chemical_weapon", "On 22 January 2018, a chlorine-filled rocket hit a residential area "
     "of Douma (Rural Damascus), injuring 21 people.", "sub_event_type", "Chemical weapon"),
    ("people_taken_away_are_abducted", "On 10 May 2022, armed men took away 4 young people from a party in "
     "Irapuato (Guanajuato).", "sub_event_type", "Abduction/forced disappearance"),
    ("control_taken_without_fighting_is_a_transfer", "On 7 December 2024, government forces withdrew from Daraa "
     "city and opposition factions took control without fighting.", "sub_event_type",
     "Non-violent transfer of territory"),
    ("a_split_is_a_change_to_the_group", "On 1 September 2024, the Comuneros del Sur front announced its separation "
     "from the ELN in Narino.", "sub_event_type", "Change to group/activity"),
]


def test_bodies_found_long_after_their_noun(analyse):
    text = ("Around 3 April 2022 (week of), the bodies of 5 men with their hands tied were found in a basement in "
            "Bucha (Kyiv).")
    assert _first(analyse, text)["fatalities"]["best"] == 5


def test_a_clash_named_again_in_its_sentence_is_one_event(analyse):
    events = analyse("On 3 May 2023, M23 and FARDC fought in Sake (Masisi, Nord-Kivu); the fighting killed 6 "
                     "civilians caught in the crossfire.")["events"]
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 6


def test_the_attackers_named_again_are_the_same_attack(analyse):
    events = analyse("On 1 September 2013, gunmen stormed a camp in Diyala and killed 40 residents.\n\n"
                     "Witnesses said the attackers executed residents with their hands tied.")["events"]
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 40


@pytest.mark.parametrize("text", [l for l in """
On 7 June 2023, militants attacked a police station in Bama (Borno). The attackers also burned two vehicles.
On 7 June 2023, gunmen abducted 5 people in Kaduna (Kaduna). The victims were later released after a ransom was paid.
On 7 June 2023, residents protested in Beni (Nord-Kivu) against insecurity. They blocked the main road for hours.
On 7 June 2023, gunmen stormed a hotel in Mogadishu (Banadir). The siege lasted 30 hours and 9 people were killed.
On 7 June 2023, rival militias fought in Tripoli (Tripoli). The clashes left 5 dead and forced families to flee.
""".strip().splitlines()])
def test_what_the_told_people_did_next_is_the_same_event(analyse, text):
    assert len(analyse(text)["events"]) == 1


ROUND3C_CASES = [
    ("burning_houses_and_killing_is_an_attack", "On 3 June 2023, militants set fire to houses in a village near "
     "Kakching (Manipur) and shot dead a woman.", "sub_event_type", "Attack"),
    ("a_gathering_whose_purpose_the_parser_misplaces", "On 18 May 2023, families of missing persons gathered in "
     "front of the Ministry of Justice in Colombo (Western) to demand answers.", "event_type", "Protests"),
    ("a_convoy_of_traders_is_civilian", "On 4 June 2023, gunmen ambushed a convoy of traders near Bourzanga "
     "(Centre-Nord), killing 7 of them.", "sub_event_type", "Attack"),
    ("local_residents_who_beat_are_a_mob", "On 23 January 2024, local residents beat and set fire to two suspected "
     "robbers in Bukavu (Sud-Kivu).", "sub_event_type", "Mob violence"),
    ("party_supporters_attacking_a_person_is_an_attack", "On 9 August 2022, supporters of the ruling party "
     "attacked and injured an opposition polling agent in Kakamega.", "sub_event_type", "Attack"),
    ("youths_burning_cars_after_a_killing_riot", "On 28 June 2023, youths set cars on fire and threw fireworks at "
     "police in Nanterre after a teenager was killed by police.", "sub_event_type", "Violent demonstration"),
    ("a_city_surrendered_before_an_entry_is_a_transfer", "On 14 August 2021, Taliban fighters entered Maimana "
     "(Faryab) after the governor surrendered the city without a fight.", "event_type", "Strategic developments"),
]


@pytest.mark.parametrize("text, iso3, admin1", [
    ("On 17 February 2020, young people gathered in Santo Domingo (Distrito Nacional) to protest the "
     "suspension of the elections.", "DOM", "Distrito Nacional"),
    ("On 10 June 2022, thousands of people marched in Santiago to demand constitutional reform.", "CHL", None),
])
def test_first_level_regions_as_monitors_use_them(analyse, text, iso3, admin1):
    location = _first(analyse, text)["location"]
    assert location["country_iso3"] == iso3
    if admin1:
        assert location["admin1"] == admin1


NOTE_READINGS = NOTE_CASES + ROUND3_CASES + ROUND3B_CASES + ROUND3C_CASES


@pytest.mark.parametrize("name, text, field, expected", NOTE_READINGS, ids=[c[0] for c in NOTE_READINGS])
def test_monitoring_note_readings(analyse, name, text, field, expected):
    assert _first(analyse, text)[field] == expected
