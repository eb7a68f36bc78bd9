"""One actor per real-world actor: aliases, spelling variants, acronyms, last names; NER noise kept out."""


def _actor(result, name):
    found = [a for a in result["actors"] if a["name"] == name]
    assert len(found) == 1, [a["name"] for a in result["actors"]]
    return found[0]


def test_spelling_variants_are_one_actor(analyse):
    result = analyse("Qassem Soleimani met Qods Force leaders. Qasem Soleimani of the Quds Force said the "
                     "People's Mojahedin Organization of Iran (PMOI/MEK) and the MEK were targets of the Islamic "
                     "Revolutionary Guard Corps (IRGC). The IRGC denied it, Soleimani said.")
    soleimani = _actor(result, "Qasem Soleimani")
    assert soleimani["kind"] == "person" and len(soleimani["mentions"]) == 3
    assert len(_actor(result, "Quds Force")["mentions"]) == 2
    assert len(_actor(result, "People's Mojahedin Organization of Iran")["mentions"]) >= 2
    assert len(_actor(result, "Islamic Revolutionary Guard Corps")["mentions"]) == 3
    for actor in result["actors"]:
        for m in actor["mentions"]:
            assert result["text"][m["start"]:m["end"]] == m["text"]


def test_acronym_after_a_long_name_and_last_name(analyse):
    result = analyse("On 12 March 2022, Movement for Democracy in Liberia (MODEL) fighters clashed with police. MODEL said the "
                     "commander, John Doe Kpelle, was hurt. Kpelle later died.")
    model = [a for a in result["actors"] if "MODEL" in a["aliases"]]
    assert len(model) == 1 and model[0]["kind"] == "armed_group"
    assert sum("Kpelle" in a["name"] for a in result["actors"]) == 1


def test_national_forces_by_demonym(analyse):
    result = analyse("Russian troops shelled the town. Russian forces later withdrew.")
    forces = _actor(result, "Military Forces of Russia")
    assert forces["kind"] == "state_forces" and len(forces["mentions"]) == 2


def test_places_tagged_as_people_are_not_actors(analyse):
    # one place a text: two towns of two countries in one sentence make the weaker one a namesake abroad
    for text, place in (("On 16 October 2020, forces fired rockets at Stepanakert and clashed near the city.",
                         "Stepanakert"), ("On 16 October 2020, forces fired rockets and clashed near Goma.", "Goma")):
        result = analyse(text)
        assert place not in {a["name"] for a in result["actors"]}
        assert place in {p["span"]["text"] for p in result["places"]}


def test_curated_kinds(analyse):
    result = analyse("Boko Haram attacked a village; Reuters reported that the Nigerian army responded.")
    assert _actor(result, "Boko Haram")["kind"] == "armed_group"
    assert _actor(result, "Reuters")["kind"] == "media"
    assert _actor(result, "Military Forces of Nigeria")["kind"] == "state_forces"


def test_an_unknown_town_after_in_is_not_a_person(analyse):
    result = analyse("On 12 May 2022, JNIM militants attacked a post in Djibasso (Kossi, Boucle du Mouhoun).")
    names = {a["name"] for a in result["actors"]}
    assert "Djibasso" not in names and "Kossi" not in names
    assert "Jama'at Nusrat al-Islam wal-Muslimin" in names
