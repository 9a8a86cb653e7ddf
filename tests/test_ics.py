"""The iCalendar feed: parses, expands to exactly the model's occurrences, and is stable and well-formed."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, datetime

import icalendar
import pytest
import recurring_ical_events
from dateutil.rrule import rrulestr

from generator.model import Duty, LegalRef, Model, Region, Rhythm, Text
from generator.render.ics import fold, render_ics


def expected(model: Model, year: int, first_year: int, role: str | None = None) -> Counter[tuple[str, date]]:
    """Occurrences in `year` computed from the model's rhythms, independently of the renderer."""
    out: Counter[tuple[str, date]] = Counter()
    for d in model.duties:
        if role is not None and d.responsible != role and role not in d.participants:
            continue
        r = d.rhythm
        if r.months:
            if year >= first_year:
                out.update((d.id, date(year, m, r.day)) for m in r.months)
        else:
            rule = rrulestr(r.rrule, dtstart=datetime.fromisoformat(r.start))
            out.update((d.id, x.date()) for x in rule.between(datetime(year, 1, 1), datetime(year, 12, 31), inc=True))
    return out


def occurrences(ics: str, year: int) -> Counter[tuple[str, date]]:
    cal = icalendar.Calendar.from_ical(ics)
    events = recurring_ical_events.of(cal).between(date(year, 1, 1), date(year + 1, 1, 1))
    return Counter((str(e["UID"]).split("@")[0], e["DTSTART"].dt) for e in events)


def events(ics: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def with_duty(model: Model, **fields) -> Model:
    duty = Duty(id="extra", name=Text("Extra"), responsible="asiantuntija", rhythm=Rhythm(months=(6,)))
    return dataclasses.replace(model, duties=(*model.duties, dataclasses.replace(duty, **fields)))


def test_calendar_properties(mini_model):
    cal = icalendar.Calendar.from_ical(render_ics(mini_model))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//typ//mini//FI"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "Pieni käsikirja"
    evs = events(render_ics(mini_model))
    assert [str(e["SUMMARY"]) for e in evs] == ["Tavoitteiden asettaminen", "Tilastojen katsaus", "Raportti"]
    for e in evs:  # all-day events: dates, not date-times
        assert type(e["DTSTART"].dt) is date
        assert e["DTSTART"].params["VALUE"] == "DATE"


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027, 2030])
def test_occurrences_are_exactly_the_models(mini_model, year):
    assert occurrences(render_ics(mini_model), year) == expected(mini_model, year, 2025)


def test_every_second_year_rule_skips_a_year(mini_model):
    ics = render_ics(mini_model)
    assert occurrences(ics, 2025)[("raportti", date(2025, 3, 1))] == 1
    assert not any(uid == "raportti" for uid, _ in occurrences(ics, 2026))
    assert occurrences(ics, 2027)[("raportti", date(2027, 3, 1))] == 1


def test_months_rhythm_rule_and_start(mini_model):
    (tilastot,) = [e for e in events(render_ics(mini_model)) if str(e["UID"]).startswith("tilastot@")]
    assert tilastot["DTSTART"].dt == date(2025, 2, 15)  # the first listed month of the version's year, on `day`
    assert tilastot["RRULE"]["FREQ"] == ["YEARLY"]
    assert tilastot["RRULE"]["BYMONTH"] == [2, 5, 8, 11]
    assert tilastot["RRULE"]["BYMONTHDAY"] == [15]


def test_year_argument_sets_start_and_stamp(mini_model):
    ics = render_ics(mini_model, year=2030)
    assert "DTSTAMP:20300101T000000Z\r\n" in ics
    assert not any(uid == "tilastot" for uid, _ in occurrences(ics, 2029))
    assert occurrences(ics, 2030) == expected(mini_model, 2030, 2030)


def test_deterministic_and_no_clock(mini_model):
    first, second = render_ics(mini_model), render_ics(mini_model)
    assert first.encode() == second.encode()
    stamps = {str(e.decoded("DTSTAMP")) for e in events(first)}
    assert stamps == {"2025-01-01 00:00:00+00:00"}


def test_uids_stable_unique_and_scoped_by_region(mini_model):
    uids = [str(e["UID"]) for e in events(render_ics(mini_model))]
    assert uids == ["tavoitteet@mini", "tilastot@mini", "raportti@mini"]
    regional = dataclasses.replace(mini_model, region=Region(id="pohjoinen", name=Text("Pohjoinen")))
    ics = render_ics(regional)
    assert [str(e["UID"]) for e in events(ics)] == [f"{u}.pohjoinen" for u in uids]
    assert str(icalendar.Calendar.from_ical(ics)["X-WR-CALNAME"]) == "Pieni käsikirja – Pohjoinen"


def test_role_feed_has_exactly_the_roles_duties(mini_model):
    model = with_duty(mini_model, participants=("johtaja",))  # johtaja takes part, asiantuntija is responsible
    johtaja = render_ics(model, role="johtaja")
    assert [str(e["UID"]) for e in events(johtaja)] == ["tavoitteet@mini", "raportti@mini", "extra@mini"]
    assert str(icalendar.Calendar.from_ical(johtaja)["X-WR-CALNAME"]) == "Pieni käsikirja – Johtaja"
    assert occurrences(johtaja, 2026) == expected(model, 2026, 2025, role="johtaja")
    asiantuntija = render_ics(model, role="asiantuntija")
    assert [str(e["UID"]) for e in events(asiantuntija)] == ["tilastot@mini", "extra@mini"]
    with pytest.raises(ValueError, match="unknown role"):
        render_ics(model, role="nobody")


def test_description_categories_and_url(mini_model):
    tavoitteet, tilastot, _ = events(render_ics(mini_model))
    description = str(tavoitteet["DESCRIPTION"])
    assert "Vastuussa: Johtaja (Yhteinen)" in description
    assert "Rytmi: vuosittain: tammikuu" in description
    assert "Lakiperuste: 381/2023 10 §" in description
    assert description.endswith("Lakisääteinen")
    assert tavoitteet["CATEGORIES"].cats == ["Lakisääteinen"]
    assert tilastot["CATEGORIES"].cats == ["Käytäntö"]
    assert str(tavoitteet["URL"]) == "https://www.finlex.fi/fi/lainsaadanto/2023/381#sec_10"
    assert "URL" not in tilastot  # nothing to link to
    sv = events(render_ics(mini_model, lang="sv"))[0]
    assert str(sv["SUMMARY"]) == "Målsättning"
    assert sv["CATEGORIES"].cats == ["Lagstadgad"]


def test_text_escaping_round_trips(mini_model):
    name = 'Kokous, osa 1; "valmistelu" \\ C:\\temp'
    description = "Ensimmäinen rivi;\nToinen, rivi\r\nKolmas \\n ei rivinvaihto"
    model = with_duty(mini_model, name=Text(name), description=Text(description))
    ics = render_ics(model)
    assert "SUMMARY:Kokous\\, osa 1\\; \"valmistelu\" \\\\ C:\\\\temp\r\n" in ics
    extra = events(ics)[-1]
    assert str(extra["SUMMARY"]) == name
    assert str(extra["DESCRIPTION"]).startswith(description.replace("\r\n", "\n") + "\n")


def test_lines_folded_at_75_octets_with_crlf(mini_model):
    long = "Pitkä kuvaus, jossa on monitavuisia merkkejä: äöå € 📅 " * 12
    model = with_duty(mini_model, description=Text(long), legal_basis=(LegalRef("381/2023", "12"),))
    ics = render_ics(model)
    assert ics.endswith("\r\n")
    assert "\n" not in ics.replace("\r\n", "")  # no bare LF or CR
    lines = ics.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # something was folded
    assert str(events(ics)[-1]["DESCRIPTION"]).startswith(long.strip())


def test_fold_never_splits_a_character():
    line = "X" * 74 + "€" + "ä" * 100  # the euro sign (3 octets) would cross the 75-octet boundary
    pieces = fold(line).split("\r\n")
    assert pieces[0] == "X" * 74
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line


def test_invalid_rhythm_is_refused(mini_model):
    with pytest.raises(ValueError, match="extra"):
        render_ics(with_duty(mini_model, rhythm=Rhythm()))
