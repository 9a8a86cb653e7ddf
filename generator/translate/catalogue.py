"""Translation catalogues: one gettext PO file per language and layer, read and written with Babel.

The national model's live in `translations/<lang>.po` beside typ.yaml, a region's in
`regions/<id>/translations/<lang>.po`. An entry's msgctxt is the unit's key (kind/id.../field), its
msgid the Finnish text the translation was made from, and its msgstr the translation: the msgid is
the record of the source, so a Finnish text that changed later no longer matches (stale).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ..diagnostics import Diagnostic, Severity
from ..load import files as safefiles
from .units import Unit

MAX_BYTES = 8 << 20
FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)
FOLDER = "translations"


@dataclass(frozen=True)
class Entry:
    source: str  # the Finnish it was translated from
    text: str
    fuzzy: bool = False
    local: bool = False  # from a region's catalogue


@dataclass
class Catalogue:
    """What one or more PO files say: entries by key, and translations by Finnish source."""

    by_key: dict[str, Entry] = field(default_factory=dict)
    by_source: dict[tuple[str, str], str] = field(default_factory=dict)  # (shape of the key, Finnish) -> text
    files: list[str] = field(default_factory=list)

    def add(self, key: str, entry: Entry) -> None:
        if not entry.text:
            return
        self.by_key[key] = entry
        if not entry.fuzzy:
            self.by_source.setdefault((shape(key), entry.source), entry.text)

    def moved(self, key: str, fi: str) -> str | None:
        """The translation of this Finnish text in the same field of the same element at another list
        position (an item inserted before it shifts its key), never one of another field: the same
        Finnish word may have two senses."""
        return self.by_source.get((shape(key), fi))

    def __len__(self) -> int:
        return len(self.by_key)


def shape(key: str) -> str:
    """The key with list positions blanked: 'step/p/s/records.#.what'."""
    return re.sub(r"\.\d+(?=\.|$)", ".#", key)


def path_for(root: Path, lang: str, region_folder: Path | None = None) -> Path:
    return (region_folder if region_folder is not None else root) / FOLDER / f"{lang}.po"


def read(root: Path, path: Path, into: Catalogue | None = None,
         local: bool = False) -> tuple[Catalogue, list[Diagnostic]]:
    """The entries of the PO file at `path` (none when it does not exist), added to `into`."""
    cat = into if into is not None else Catalogue()
    if not path.exists() and not path.is_symlink():
        return cat, []
    shown = safefiles.shown(path, root)
    refused = safefiles.problem(root, path)
    try:
        if refused is not None:
            raise refused
        data = safefiles.read_bytes(path, MAX_BYTES)
        po = read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8")
    except safefiles.Refused as r:
        return cat, [Diagnostic(shown, 1, 1, r.code, Severity.ERROR, r.message, r.hint)]
    except OSError as exc:
        return cat, [Diagnostic(shown, 1, 1, "I18N010", Severity.ERROR,
                                f"the catalogue cannot be read: {exc.strerror or exc}", "Check its permissions.")]
    except (PoFileError, UnicodeDecodeError, ValueError) as exc:
        line = getattr(exc, "lineno", 1) or 1
        return cat, [Diagnostic(shown, line, 1, "I18N010", Severity.ERROR,
                                f"the catalogue is not a valid PO file: {exc}",
                                "Open it in a PO editor (Poedit, Weblate) or compare it with the file "
                                "`typ i18n extract` writes.")]
    cat.files.append(shown)
    for m in po:
        if m.id and m.context and isinstance(m.id, str):
            cat.add(m.context, Entry(m.id, m.string if isinstance(m.string, str) else "", m.fuzzy, local))
    return cat, []


def write(units: Iterable[Unit], lang: str, translations: dict[str, tuple[str, bool, str | None]],
          project: str) -> bytes:
    """A PO file with one entry per unit: msgctxt the key, msgid the Finnish, the location and kind as
    comments, msgstr the translation (fuzzy: made from an earlier Finnish text, which `#|` keeps)."""
    cat = Catalog(locale=lang, project=project, charset="utf-8", fuzzy=False, version="",
                  header_comment=f"# {project}: the model's texts in '{lang}'. Written by `typ i18n extract`;\n"
                                 "# msgctxt = kind/id/field, msgid = the Finnish source. Edit msgstr only.",
                  msgid_bugs_address="", last_translator="", language_team="")
    cat.creation_date = cat.revision_date = FIXED_DATE  # deterministic output: the file is committed
    for u in units:
        text, fuzzy, previous = translations.get(u.key, ("", False, None))
        cat.add(u.text.fi, text, locations=[(u.origin.file, u.origin.line)], context=u.key,
                auto_comments=[u.kind], flags=("fuzzy",) if fuzzy else (),
                previous_id=[previous] if previous and previous != u.text.fi else ())
    out = io.BytesIO()
    write_po(out, cat, width=0, omit_header=False, sort_output=False, include_previous=True)
    return out.getvalue()
