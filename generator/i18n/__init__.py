"""The handbook's interface text (headings, labels) in the languages a handbook is built in, and the
locale data (month names, duration units) Babel's CLDR tables give.

Finnish is the source language: msgids are Finnish, and `tr(text, lang)` returns the translation from
the gettext catalogue locales/<lang>/LC_MESSAGES/typ.po (read at runtime with Babel; no compile step),
or the Finnish text itself when there is none. `pgettext(context, text, lang)` tells apart a word with
two senses ("Tehtävä" as a contact's job title, not a task). Model text never passes through here.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names
from babel.messages.pofile import read_po
from babel.units import format_unit

from ..model.durations import Duration

SOURCE = "fi"


@cache
def catalogue(lang: str) -> dict[tuple[str | None, str], str]:
    """(context, Finnish msgid) -> translation, from the language's .po file ({} when there is none)."""
    po = resources.files(__package__) / "locales" / lang / "LC_MESSAGES" / "typ.po"
    if lang == SOURCE or not po.is_file():
        return {}
    with po.open("rb") as f:
        messages = read_po(f, locale=lang)
    return {(m.context, m.id): m.string for m in messages if m.id and m.string and not m.fuzzy}


def pgettext(context: str | None, text: str, lang: str = SOURCE) -> str:
    return catalogue(lang).get((context, text), text) if lang != SOURCE else text


def tr(text: str, lang: str = SOURCE) -> str:
    """The interface text `text` (Finnish) in `lang`; Finnish when it has no translation."""
    return pgettext(None, text, lang)


def language_name(code: str) -> str:
    """A language in its own words, as a language switcher shows it: 'Suomi', 'Svenska', 'English'."""
    try:
        return Locale.parse(code).get_display_name(code).capitalize()
    except (ValueError, UnknownLocaleError):
        return code


def month_names(lang: str = SOURCE) -> tuple[str, ...]:
    """January..December as a date's month is named in running text: 'tammikuu', 'januari', 'January'."""
    names = get_month_names("wide", context="stand-alone", locale=lang)
    return tuple(names[m] for m in range(1, 13))


# Duration units come from CLDR, except where a catalogue has its own words for the unit (msgctxt
# "duration"): CLDR's Swedish day is "dygn" (24 hours), but a deadline of 14 days reads "14 dagar" in
# Finland's Swedish administrative texts.
_UNIT_MSGIDS = {"days": ("{n} päivä", "{n} päivää")}


def duration_words(d: Duration, lang: str = SOURCE, short: bool = False) -> str:
    """'3 kuukautta' / '3 månader' (short: '3 kk' / '3 mån'), the parts in ISO order."""
    words = []
    for unit, n in d.parts():
        msgids = _UNIT_MSGIDS.get(unit)
        own = catalogue(lang).get(("duration", msgids[0] if n == 1 else msgids[1])) if msgids and not short else None
        length = "short" if short else "long"
        words.append(own.format(n=n) if own else format_unit(n, f"duration-{unit[:-1]}", length=length, locale=lang))
    return " ".join(words)


# A span in the genitive ("3 kuukauden välein", "med 3 månaders mellanrum"): CLDR has no case forms,
# so the words are msgids of their own (msgctxt "genitive, one" / "genitive, other": Swedish inflects
# by number, Finnish does not after a numeral).
GENITIVE = {"years": "{n} vuoden", "months": "{n} kuukauden", "weeks": "{n} viikon", "days": "{n} päivän",
             "hours": "{n} tunnin", "minutes": "{n} minuutin", "seconds": "{n} sekunnin"}


def duration_genitive(d: Duration, lang: str = SOURCE) -> str:
    """'3 kuukauden' / '3 månaders', the parts in ISO order."""
    return " ".join(pgettext("genitive, one" if n == 1 else "genitive, other", GENITIVE[unit], lang).format(n=n)
                    for unit, n in d.parts())
