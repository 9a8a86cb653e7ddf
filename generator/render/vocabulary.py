"""The model's vocabulary in words: RACI letters, step types, duration units and field names.

Shared by the pages and the "Mitä muuttui" page (and drift's Finnish lines), so it lives below all
of them. The Finnish words are the msgids `tr()` translates.
"""

from __future__ import annotations

from .. import i18n
from ..i18n import tr
from ..model.durations import parse as parse_duration

LETTERS = {
    "A": "Vastuussa lopputuloksesta (A)",
    "R": "Tekee (R)",
    "C": "Kuullaan (C)",
    "I": "Tiedotetaan (I)",
}
STATUS_WORDS = {"statutory": "Lakisääteinen", "agreed": "Kansallisesti sovittu",
                "under-discussion": "Keskusteltavana – ei sovittu kansallisesti",
                "agreed-differently": "Sovittu toisin tällä alueella"}
VERSION_WORDS = {"belongs": "Kuuluu palvelun piiriin", "does-not-belong": "Ei kuulu palvelun piiriin"}
LETTER_HELP = {
    "R": "Responsible: tekee työn.",
    "A": "Accountable: vastaa siitä, että työ tehdään; yksi rooli tehtävää kohden.",
    "C": "Consulted: häntä kuullaan ennen päätöstä.",
    "I": "Informed: hänelle kerrotaan lopputulos.",
}
STEP_TYPES = {"start": "Alku", "task": "Tehtävä", "decision": "Päätöskohta", "end": "Loppu"}

# Model fields as the "Mitä muuttui" page and the deviations page name them.
FIELD = {
    "name": "nimi", "type": "tyyppi", "lane": "kaista", "description": "kuvaus", "note": "huomautus",
    "deadline.within": "määräaika", "deadline.from_step": "määräajan lähtökohta",
    "deadline.repeat": "toistuva määräaika", "deadline.text": "määräajan selite",
    "legal_basis": "lakiperuste", "statutory": "lakisääteisyys", "locked": "kansallinen lukitus",
    "records": "kirjattavat tiedot", "inputs": "lähtötiedot", "outputs": "tuotokset",
    "checklists": "tarkistuslistat", "contacts": "yhteystiedot", "services": "palvelut",
    "short": "lyhenne", "url": "verkko-osoite", "organisation": "organisaatio", "responsible": "vastuurooli",
    "participants": "osallistujat", "rhythm.months": "kuukaudet", "rhythm.day": "päivä",
    "rhythm.rrule": "toistosääntö", "rhythm.start": "alkamispäivä", "rhythm.text": "rytmi", "rhythm": "rytmi",
    "term": "termi", "definition": "määritelmä", "see": "katso myös", "version": "mallin versio",
    "languages": "kielet", "law_url": "lakilinkkien osoite", "lane_label": "kaistojen otsikko", "label": "ehto",
    "status": "tila", "text": "teksti", "list": "kriteerilista", "source": "lähde", "end_reasons": "päättymissyyt",
    "related": "liittyvät kriteerit", "illustrated": "asiakastarina", "factors": "tekijät", "values": "arvot",
    "criteria": "tarkistuslistojen kriteerit", "indicators": "tunnusluvut", "statistics": "tilastojen käsittely",
    "measure": "laskentatapa", "numerator": "osoittaja", "denominator": "nimittäjä", "frequency": "tiheys",
    "by": "jaottelu", "duration": "kesto", "target": "tavoite",
}
PLURAL = {"records", "inputs", "outputs", "checklists", "contacts", "services", "participants", "rhythm.months",
          "languages"}
LANGS = {"sv": "ruotsiksi", "en": "englanniksi"}


def duration_words(iso: str, lang: str = "fi") -> str:
    """P3M -> '3 kuukautta' ('3 månader' in Swedish). Anything else (minutes, not ISO) stays as written."""
    d = parse_duration(iso)
    if d is None or d.minutes or d.seconds:
        return iso
    return i18n.duration_words(d, lang)


def deadline_phrase(within: str, repeat: bool, lang: str = "fi") -> str:
    """A deadline in plain words, never the ISO code: 'vähintään 3 kuukauden välein' (a repeating one),
    '3 kuukauden kuluessa' (a one-off). Text that is not an ISO duration stays as written."""
    d = parse_duration(within)
    if d is None:
        return within
    span = i18n.duration_genitive(d, lang)
    return tr("vähintään {span} välein" if repeat else "{span} kuluessa", lang).format(span=span)


def step_type(value: str, lang: str = "fi") -> str:
    """A step's type in words (an unknown type as it is)."""
    return tr(STEP_TYPES[value], lang) if value in STEP_TYPES else value


def field_label(name: str) -> str:
    """A model field in Finnish words: 'name.sv' -> 'nimi ruotsiksi'."""
    base, _, lang = name.rpartition(".") if name.endswith((".sv", ".en")) else (name, "", "")
    return FIELD.get(base, base) + (f" {LANGS[lang]}" if lang else "")


def field_name(name: str, lang: str = "fi") -> str:
    """A model field in words, translated (not escaped)."""
    if lang == "fi":
        return field_label(name)
    base, _, in_lang = name.rpartition(".") if name.endswith((".sv", ".en")) else (name, "", "")
    return tr(FIELD.get(base, base), lang) + (f" {tr(LANGS[in_lang], lang)}" if in_lang else "")
