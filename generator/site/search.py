"""Finnish and Swedish search: enrich a built handbook's Material search index.

Material's lunr search matches each typed word as a prefix (it appends `*`) against unstemmed
words, so 'suunnitelma' finds 'suunnitelman' but 'suunnitelmasta', 'kelalle' or the compound
'työllistymissuunnitelma' find nothing. Two halves fix this and must agree:

- here, after MkDocs wrote search/search_index.json, every document gets two hidden fields: the
  Snowball stems of its words that a stem typed as a prefix would not already reach ('vuosikello'
  stems to 'vuosikelo'), the compound parts the handbook's own vocabulary knows ('...suunnitelman'
  -> 'suunnitelm'), and the stems of glossary synonyms. One field for words of the title (boosted
  like the title), one for the text.
- in the browser, assets/typ-search.js stems each typed word with the same Snowball algorithm
  (lunr-languages, which Material ships) before Material adds its wildcard.

The index stays one per language (each handbook folder has its own) and a plain static file.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer

STEMMERS = {"fi": "finnish", "sv": "swedish"}
# Material's default word separator; mkdocs.yml sets a better one, read from the index itself.
SEPARATOR = r"[\s\-]+"
TITLE_FIELD, TEXT_FIELD = "typ_t", "typ_x"
MIN_PART = 4  # shortest compound part worth indexing ('alue', 'plan'); shorter ones are noise
MIN_HEAD = 3


@dataclass(frozen=True)
class SynonymGroup:
    """Words that mean the same to a reader: a document using any of them is found by all."""

    words: tuple[str, ...]


_STEMS: dict[str, dict[str, str]] = {}  # language -> word -> stem


class Analyzer:
    """Tokenise and stem one language exactly as the browser does."""

    def __init__(self, lang: str, separator: str = SEPARATOR) -> None:
        name = STEMMERS.get(lang)
        self._stemmer = snowballstemmer.stemmer(name) if name else None
        self._split = re.compile(separator)
        # One cache per language for the whole process: a worker building thirty networks' handbooks
        # stems the same national text thirty times otherwise (most of enrich's time).
        self._cache = _STEMS.setdefault(lang, {})
        self.lang = lang

    def words(self, text: str) -> list[str]:
        return [w for w in self._split.split(text.lower()) if w]

    def stem(self, word: str) -> str:
        if word not in self._cache:
            # Numbers and codes ('381/2023', '11') stay as typed; Snowball would strip digits.
            keep = self._stemmer is None or len(word) < 3 or any(c.isdigit() for c in word)
            self._cache[word] = word if keep else self._stemmer.stemWord(word)
        return self._cache[word]

    def variants(self, word: str) -> set[str]:
        """The word's stem and, in Finnish, the stem of its other inflection stem: Snowball keeps
        'kirjaamin' (kirjaaminen) apart from 'kirjaamis' (kirjaamisesta), and 'asiakkuus' apart
        from 'asiakkuud' (asiakkuuden). These two word classes are the commonest in the handbook."""
        s = self.stem(word)
        out = {s}
        if self.lang == "fi" and len(s) > 4 and not any(c.isdigit() for c in s):
            if s.endswith("in") and word.endswith("nen"):
                out.add(s[:-1] + "s")            # -minen, -inen: -mis-, -is-
            elif s.endswith("is"):
                out.add(s[:-1] + "n")
            if s[-3:] in ("uus", "yys"):
                out.add(s[:-1] + "d")            # -(u)us: -(u)ude-
            elif s[-3:] in ("uud", "yyd"):
                out.add(s[:-1] + "s")
            elif s[-2:] in ("us", "ys", "os", "ös"):
                out.add(s[:-1] + "ks")           # ohjaus: ohjauks-
            elif s[-3:] in ("uks", "yks", "oks", "öks"):
                out.add(s[:-2] + "s")
        return out


def plain(fragment: str) -> str:
    """The text of an index entry without its tags (MkDocs keeps <p>, <li> ... in it)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def compound_parts(word: str, known: set[str], an: Analyzer) -> list[str]:
    """Stems of the tails of `word` that are words of the handbook itself: the vocabulary decides
    where a compound splits, so no dictionary is needed ('työllistymissuunnitelman' ends in
    'suunnitelman', a word the handbook uses, so it is also found by 'suunnitelma')."""
    parts = []
    for i in range(MIN_HEAD, len(word) - MIN_PART + 1):
        s = an.stem(word[i:])
        if s in known and len(s) >= MIN_PART:
            parts.append(s)
    return parts


def _keys(words: Iterable[str], known: set[str], an: Analyzer, seen: dict[str, list[str]]) -> set[str]:
    """Index terms the typed stem would not reach by prefix in the visible text. `seen`: each word's
    terms, found once per handbook (the same words recur on every page)."""
    out: set[str] = set()
    for w in words:
        if w not in seen:
            seen[w] = [s for s in an.variants(w) if not w.startswith(s)] + compound_parts(w, known, an)
        out.update(seen[w])
    return out


def _synonym_keys(stems: set[str], text_stems: Sequence[str], groups: Sequence[list[list[str]]]) -> set[str]:
    """Stems of every other member of a synonym group (its members' stems) one of whose members the
    text contains."""
    out: set[str] = set()
    joined = " " + " ".join(text_stems) + " "
    for members in groups:
        if any(m and " " + " ".join(m) + " " in joined for m in members):
            for m in members:
                out.update(x for x in m if x not in stems)
    return out


def lead_with_first_section(docs: list[dict]) -> list[dict]:
    """A page whose own text is empty (its badges and place in the process are left out of the
    index) takes the text of its first section, so its search result shows what it is for."""
    out: list[dict] = []
    i = 0
    while i < len(docs):
        d = docs[i]
        nxt = docs[i + 1] if i + 1 < len(docs) else None
        if ("#" not in d["location"] and not plain(d.get("text", "")).strip() and nxt is not None
                and nxt["location"].startswith(d["location"] + "#") and plain(nxt.get("text", "")).strip()):
            out.append({**d, "text": nxt["text"]})
            i += 2
            continue
        out.append(d)
        i += 1
    return out


def enrich(index: dict, lang: str, synonyms: Sequence[SynonymGroup] = ()) -> dict:
    """A new search index with the hidden stem fields added."""
    an = Analyzer(lang, index["config"].get("separator") or SEPARATOR)
    docs = lead_with_first_section([dict(d) for d in index["docs"]])
    vocab = {w for d in docs for w in an.words(plain(d["title"]) + " " + plain(d["text"]))}
    known = {an.stem(w) for w in vocab if len(w) >= MIN_PART}
    groups = [[[an.stem(w) for w in an.words(m)] for m in g.words] for g in synonyms]
    seen: dict[str, list[str]] = {}
    for d in docs:
        title, text = an.words(plain(d["title"])), an.words(plain(d["text"]))
        t_keys = _keys(title, known, an, seen)
        x_keys = _keys(text, known, an, seen) - t_keys
        t_stems = [an.stem(w) for w in title]
        # Synonyms where the term is in the title: the glossary entry, the step or role that is
        # about it. In running text they would only add noise ('TYP' is on every page).
        t_keys |= _synonym_keys(set(t_stems) | t_keys, t_stems, groups)
        x_keys -= t_keys
        if t_keys:
            d[TITLE_FIELD] = " ".join(sorted(t_keys))
        if x_keys:
            d[TEXT_FIELD] = " ".join(sorted(x_keys))
    config = dict(index["config"])
    fields = dict(config.get("fields") or {})
    fields[TITLE_FIELD] = {"boost": (fields.get("title") or {}).get("boost", 1e3)}
    fields[TEXT_FIELD] = {"boost": (fields.get("text") or {}).get("boost", 1.0)}
    config["fields"] = fields
    return {**index, "config": config, "docs": docs}


def enrich_file(path: Path, lang: str, synonyms: Sequence[SynonymGroup] = ()) -> None:
    """Rewrite one handbook's search/search_index.json in place (deterministically)."""
    index = json.loads(path.read_text("utf-8"))
    data = json.dumps(enrich(index, lang, synonyms), ensure_ascii=False, separators=(",", ":"))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(data, "utf-8")
    tmp.replace(path)


def synonym_groups(terms: Iterable[tuple[str, Sequence[str]]]) -> list[SynonymGroup]:
    """Groups from (term name, synonyms) pairs: the name before a parenthesis is a member too
    ('TYP (työllistymistä ...)' -> 'TYP')."""
    out = []
    for name, syns in terms:
        if syns:
            head = name.split("(")[0].strip()
            out.append(SynonymGroup(tuple(dict.fromkeys([head, *syns]))))
    return out
