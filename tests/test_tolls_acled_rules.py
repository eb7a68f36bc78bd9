"""Fatalities and injuries read by ACLED's rules: numbers in words, one person killed, "including the gunman",
"no one was hurt", "at least" and ranges (best is the low figure), running totals and earlier events left out,
later deaths in hospital, victims named one by one, groups summed, headline-style notes, attackers counted; and
a toll told in a later sentence goes on the event it belongs to.

The sentences are written for these tests (invented events); they do not come from any ACLED note.
"""
import pytest

from eventsift.stages.counts import parse_count

# These tests pin what the cue rules read (the event-type model on top is tested in test_event_model.py).
pytestmark = pytest.mark.usefixtures("rules_only")

#: (text, fatalities of the first event, injured of the first event or None when not checked)
CASES = [
    ('On 2 June 2024, gunmen killed seven villagers in Mopti.', 7, None),
    ('On 2 June 2024, a man was shot dead by unknown gunmen in Garissa.', 1, None),
    ('On 2 June 2024, a gunman opened fire on a bus in Kano; two people, including the gunman, were '
     'killed.', 2, None),
    ('On 2 June 2024, a grenade was thrown at a police post in Goma. No one was hurt.', 0, 0),
    ('On 2 June 2024, militants attacked a convoy near Djibo, killing at least 12 soldiers.', 12, None),
    ('On 2 June 2024, between 8 and 15 people were killed when bandits raided a market in Zamfara.', 8, None),
    ('On 2 June 2024, a suicide bomber struck a checkpoint in Mogadishu, killing 4 soldiers. More than '
     '300 people have been killed in such attacks since January.', 4, None),
    ('On 2 June 2024, soldiers shot a protester in Nairobi; he died later in hospital.', 1, None),
    ('On 2 June 2024, gunmen killed Amina Yusuf, Musa Bello and Ibrahim Sani in Kaduna.', 3, None),
    ('On 2 June 2024, militants stormed a hotel in Mogadishu. 19 people died and 2 assailants were '
     'killed by security forces.', 21, None),
    ('Gunmen kill 5 in village; 2 injured', 5, 2),
    ('On 2 June 2024, attackers raided a police station in Mandera; 3 officers and 4 of the attackers '
     'were killed in the gunfight.', 7, None),
    # the toll attached to the event it belongs to
    ('On 2 June 2024, army troops clashed with militants near Kismayo. The troops took control of the '
     'village. 6 militants were killed.', 6, None),
    ('On 2 June 2024, students clashed with police in Khulna. Police fired at the students. 2 people '
     'were killed and 30 injured.', 2, 30),
    ('On 2 June 2024, residents protested against an eviction in Hargeisa. The police opened fire. One '
     'protester was killed.', 1, None),
    ('On 2 June 2024, soldiers arrested and executed 9 herders near Dori.', 9, None),
    ('On 2 June 2024, gunmen abducted a village chief near Fada; he was later found executed.', 1, None),
    ('On 2 June 2024, militants attacked a farm near Gao. They stole cattle and killed 2 herders.', 2, None),
    ('On 2 June 2024, two clans clashed near Galkayo. Both sides exchanged heavy gunfire. 5 fighters '
     'were killed and 2 rifles were seized.', 5, None),
    ('On 2 June 2024, rebels ambushed a patrol near Beni. Al-Nasr claimed to have killed 6 soldiers and '
     'destroyed 2 trucks.', 6, None),
    ('On 2 June 2024, students clashed with police in Rangpur. Police fired rubber bullets and tear gas '
     'shells. 3 people were killed.', 3, None),
    ('On 2 June 2024, troops clashed with militants near Afgooye. More than 10 militants were killed. The '
     'militants claimed to have killed 7 soldiers.', 17, None),  # two sides' dead add up
    ('On 2 June 2024, troops clashed with militants near Afgooye. At least 22 people were killed. The '
     'militants claimed to have killed 30 people.', 22, None),  # two figures for the same dead: the lower
    ('On 2 June 2024, gunmen entered a market in Kaya and killed between 6 and 9 traders.', 6, None),
    ('On 2 June 2024, militants shelled a base near Jowhar. The militants claimed to have killed at least 4 '
     'soldiers and 3 others were injured.', 4, None),
    ('On 2 June 2024, soldiers killed a suspected militant armed with a rifle near Dori.', 1, None),
    # injuries (ACLED codes none; they are read the same way)
    ('On 2 June 2024, militants shelled a camp near Beni, killing 3 civilians and wounding 11.', 3, 11),
    ('On 2 June 2024, two soldiers were killed and five others injured when an IED hit their truck near '
     'Bosaso.', 2, 5),
    ('On 2 June 2024, a bomb exploded at a bus stop in Kabul. Nobody was killed but 6 people were hurt.', 0, 6),
    ('On 2 June 2024, police fired tear gas at protesters in Lagos, injuring at least 20.', 0, 20),
    ('On 2 June 2024, a landmine killed a shepherd near Kidal. His brother was seriously wounded.', 1, 1),
    # deaths that are not this event's toll
    ('On 2 June 2024, police arrested 3 men suspected of killing a trader in Eldoret.', 0, None),
    ('On 2 June 2024, a mob lynched a man accused of murdering his neighbour in Kisii.', 1, None),
    ('On 2 June 2024, a mob nearly killed a suspected thief in Meru.', 0, None),
    ('On 2 June 2024, herders attacked a village near Bouna and killed 14 cows.', 0, None),
    ('On 2 June 2024, riders burned a truck in Thika after it hit and killed a pedestrian.', 0, None),
    ('On 2 June 2024, youths rioted in Kisumu after a man died in a road accident.', 0, None),
    ('On 2 June 2024, residents lynched a man who had killed two children in Embu.', 1, None),
    ('On 2 June 2024, a crowd attacked a police post in Bondo in a bid to lynch a suspect.', 0, None),
    # numbers
    ('On 2 June 2024, a 27-year -old man was stabbed to death in Nakuru.', 1, None),
    ('27 June: a herder was shot dead by raiders in Isiolo.', 1, None),
    ('On 2 June 2024, a father of four was killed by bandits in Baringo.', 1, None),
    ('On 2 June 2024, a form four student was killed in clashes in Homa Bay.', 1, None),
    ('On 2 June 2024, tens of fighters were reportedly killed in clashes near Kidal.', 10, None),
    # headlines and notes without "was"
    ('Lawyer killed at her home by unknown gunmen', 1, None),
    ('Rioters clash with police in Kisumu. Four police killed, dozens hurt.', 4, 12),
    ('On 2 June 2024, 3 raiders killed and 2 herders killed in a clash near Marsabit.', 5, None),
    ('On 2 June 2024, police gunned down a robbery suspect in Mombasa.', 1, None),
    ('On 2 June 2024, 11 suspected witches burned to death in Kisii.', 11, None),
    ('On 2 June 2024, militants raided a base near Dori. Three soldiers, two gendarmes, and four '
     'civilians were killed in the fighting.', 9, None),
    ('On 2 June 2024, bandits killed a teacher and his two sons in Katsina.', 3, None),
    ('On 2 June 2024, gunmen shot dead a driver and conductor on a bus in Nairobi.', 2, None),
    ('On 2 June 2024, a bomb exploded in a market in Maiduguri, killing 4 people. Days later the death '
     'toll from the blast rose to 9.', 9, None),
    ('On 2 June 2024, gunmen attacked a church in Owo. Nine officers were injured and one soldier killed.', 1, 9),
]


@pytest.mark.parametrize("text, deaths, hurt", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_toll_read_by_acled_rules(analyse, text, deaths, hurt):
    events = analyse(text)["events"]
    assert events, text
    first = events[0]
    assert (first.get("fatalities") or {}).get("best", 0) == deaths, text
    if hurt is not None:
        assert (first.get("injured") or {}).get("best", 0) == hurt, text


def test_folded_toll_makes_no_second_event(analyse):
    text = "On 2 June 2024, army troops clashed with militants near Kismayo. The troops took control of the " \
           "village. 6 militants were killed."
    events = analyse(text)["events"]
    assert len(events) == 1 and events[0]["fatalities"]["best"] == 6


def test_another_attack_is_an_event_of_its_own(analyse):
    events = analyse("On 2 June 2024, soldiers killed 4 militants near Qalat. In another attack, militants killed 2 "
                     "policemen in the same district.")["events"]
    assert [e["fatalities"]["best"] for e in events] == [4, 2]


def test_at_least_and_ranges_keep_low_and_high(analyse):
    (event,) = analyse("On 2 June 2024, between 8 and 15 people were killed when bandits raided a market in "
                       "Zamfara.")["events"]
    assert (event["fatalities"]["best"], event["fatalities"]["low"], event["fatalities"]["high"]) == (8, 8, 15)
    (event,) = analyse("On 2 June 2024, militants attacked a convoy near Djibo, killing at least 12 "
                       "soldiers.")["events"]
    assert (event["fatalities"]["best"], event["fatalities"]["low"], event["fatalities"]["high"]) == (12, 12, None)


@pytest.mark.parametrize("phrase, best", [
    ("a 27-year -old man", None),   # an age, not 27 people
    ("27 February: a herder", None),  # a date
    ("on 12/03 two men", 2),
    ("fighting for 5 days", None),  # a duration
    ("20 km north of the town", None),  # a distance
    ("five days later 3 died", 3),
    ("tens of fighters", 10),
    ("at the least eight soldiers", 8),
    ("3 may have died", 3),  # "may" the verb, not the month
])
def test_numbers_that_count_no_people(phrase, best):
    count = parse_count(phrase, 0, len(phrase))
    assert (count.best if count else None) == best
