"""The handbook's own interface text (headings, labels) in the languages a handbook is built in.

Finnish is the source: `tr(text, lang)` returns the Swedish (or English) phrase for a Finnish one,
or the Finnish text itself when no translation exists yet. Model text never passes through here.
"""

from __future__ import annotations

SV: dict[str, str] = {
    # navigation and page titles
    "Etusivu": "Startsida",
    "Yleiskuva": "Översikt",
    "RACI-matriisi": "RACI-matris",
    "Kaikki roolit": "Alla roller",
    "Roolit – Minun tehtäväni": "Roller – Mina uppgifter",
    "Vuosikello": "Årshjul",
    "Sanasto": "Ordlista",
    "Paikalliset poikkeamat": "Lokala avvikelser",
    "(paikallinen)": "(lokal)",
}

TABLES = {"sv": SV}


def tr(text: str, lang: str = "fi") -> str:
    return TABLES.get(lang, {}).get(text, text)
