"""Event roles in ACLED's terms (issue 20): the written name -> category mapping, name patterns, the curated
groups and their aliases, and what the stage puts on the roles of team-written sentences."""
import pytest

from eventsift.knowledge import acled_actors as K


@pytest.mark.parametrize("name, country, category", [
    ("Military Forces of Kenya (2022-)", "Kenya", "State forces"),
    ("Police Forces of Somalia Southwest Special Police Forces", "Somalia", "State forces"),
    ("Military Forces of Somaliland", "Somalia", "State forces"),
    ("Military Forces of the United States (2021-)", "Somalia", "External/Other forces"),
    ("Unidentified Military Forces", "Somalia", "External/Other forces"),
    ("Protesters (Bangladesh)", "Bangladesh", "Protesters"),
    ("Rioters (Kenya)", "Kenya", "Rioters"),
    ("Civilians (Burkina Faso)", "Burkina Faso", "Civilians"),
    ("Pokot Ethnic Militia (Kenya)", "Kenya", "Identity militia"),
    ("Hawiye-Hawadle Sub-Clan Militia (Somalia)", "Somalia", "Identity militia"),
    ("Unidentified Communal Militia (Benin)", "Benin", "Identity militia"),
    ("Unidentified Armed Group (Kenya)", "Kenya", "Political militia"),
    ("Militia (Pro-Government)", "Kenya", "Political militia"),
    ("Al Shabaab", "Kenya", "Rebel group"),
    ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", "Burkina Faso", "Rebel group"),
    ("Mungiki Militia", "Kenya", "Political militia"),
])
def test_category_follows_from_the_acled_name(name, country, category):
    assert K.category_of(name, country) == category


def test_name_classes_and_rendering_round_trip():
    assert K.name_class("Police Forces of Kenya (2022-)", "Kenya") == "Police"
    assert K.name_class("Military Forces of Somalia Puntland Dervish Force", "Somalia") == "Military"
    assert K.name_class("Military Forces of France", "Burkina Faso") == "NAMED:External/Other forces"
    assert K.name_class("Protesters (Benin)", "Benin") == "Protesters"
    assert K.name_class("Taliban", "Afghanistan") == "NAMED:Rebel group"
    assert K.render("Protesters", "Benin", "BEN") == "Protesters (Benin)"
    assert K.render("Military", "United States", "USA") == "Military Forces of the United States"
    assert K.render("Civilians", None) is None  # no country, no name
    assert K.class_category("Unidentified Armed Group") == "Political militia"
    assert K.class_category("NAMED:Identity militia") == "Identity militia"


def test_names_compare_without_case_diacritics_or_periods():
    assert K.comparable("Military Forces of Kenya (2022-)") == K.comparable("military forces of kenya")
    assert K.comparable("Forces of Côte d'Ivoire (2011-2020)") == "forces of cote d'ivoire"
    assert K.actor_key("Al Shabaab") == K.actor_key("AL SHABAAB (2006-)")
    assert K.actor_key("Police Forces of Kenya") != K.actor_key("Military Forces of Kenya")


@pytest.mark.parametrize("text, iso3, expected", [
    ("Al-Shabab fighters attacked", "KEN", "Al Shabaab"),
    ("al-Shabaab militants", "SOM", "Al Shabaab"),
    ("AS militants ambushed a convoy", "SOM", "Al Shabaab"),
    ("Daesh claimed the attack", "SOM", "Islamic State Somalia Province"),
    ("ISKP fighters", "AFG", "Islamic State (Afghanistan)"),
    ("suspected JNIM militants", "BFA", "JNIM: Group for Support of Islam and Muslims"),
    ("Puntland Dervish forces", "SOM", "Military Forces of Somalia Puntland Dervish Force"),
    ("gendarmes arrested two men", "BFA", "Police Forces of Burkina Faso Gendarmerie"),
])
def test_aliases_resolve_to_one_canonical_name(text, iso3, expected):
    found = K.find_groups(text)
    assert found, text
    assert found[0].group.acled_name(iso3, K.country_name(iso3), "2021-05-01") == expected


def test_a_word_is_not_an_acronym():
    assert not K.find_groups("as reported, he was as tired as is usual")


def test_a_unit_out_of_its_country_is_not_named():
    (local,) = K.find_groups("local police")
    assert local.group.acled_name("AFG", "Afghanistan") == "Police Forces of Afghanistan Afghan Local Police"
    assert local.group.acled_name("KEN", "Kenya") is None


def test_islamic_state_in_the_sahel_before_and_after_its_renaming():
    (isgs,) = K.find_groups("ISGS militants")
    assert isgs.group.acled_name("BFA", "Burkina Faso", "2020-01-01") == "Islamic State (Greater Sahara)"
    assert isgs.group.acled_name("BFA", "Burkina Faso", "2023-01-01") == "Islamic State (Sahel)"


def _roles(analyse, text):
    result = analyse(text)
    assert result["events"], text
    return result["events"][0]["actor1"], result["events"][0]["actor2"]


@pytest.fixture
def with_model():
    from eventsift.stages import actor_model

    if actor_model._weights() is None:
        pytest.skip("the role model does not ship")


def test_protest_roles(analyse, with_model):
    a1, a2 = _roles(analyse, "On 3 May 2023, hundreds of traders protested in Nairobi, Kenya, over new taxes.")
    assert a1["category"] == "Protesters" and a1["acled_name"] == "Protesters (Kenya)"
    assert a1["evidence"]
    assert a2 is None  # one party: no actor2


def test_an_alias_decides_a_named_group_with_its_evidence(analyse, with_model):
    text = "On 3 May 2023, Al-Shabab militants attacked a police post in Mandera, Kenya, killing two officers."
    a1, a2 = _roles(analyse, text)
    assert a1["acled_name"] == "Al Shabaab" and a1["category"] == "Rebel group"
    span = a1["evidence_span"]
    assert span is not None and text[span["start"]:span["end"]] == span["text"] == "Al-Shabab"
    assert a2 is not None and a2["category"] == "State forces" and a2["acled_name"] == "Police Forces of Kenya"


def test_civilians_targeted_by_unidentified_gunmen(analyse, with_model):
    a1, a2 = _roles(analyse, "On 3 May 2023, unidentified gunmen shot dead a farmer in Garissa, Kenya.")
    assert a1["acled_name"] == "Unidentified Armed Group (Kenya)" and a1["category"] == "Political militia"
    assert a2["acled_name"] == "Civilians (Kenya)" and a2["category"] == "Civilians"


def test_the_model_is_off_when_asked(analyse, monkeypatch):
    monkeypatch.setenv("EVENTSIFT_ACTOR_MODEL", "off")
    a1, _ = _roles(analyse, "On 3 May 2023, hundreds of traders protested in Nairobi, Kenya, over new taxes.")
    assert a1 is None or a1.get("category") is None


def test_the_training_report_ships_beside_the_weights(with_model):
    import json

    from conftest import ROOT

    report = json.loads((ROOT / "src" / "eventsift" / "resources" / "actor_roles.json").read_text())
    chosen = report["chosen"]
    assert set(report["cv"][chosen]) >= {"actor1_category", "actor1_name", "actor2_category", "actor2_name"}
    assert report["leave_one_country_out"][chosen]["mean"]["actor1_category"] > 0.5
