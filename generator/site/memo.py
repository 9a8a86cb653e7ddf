"""Markdown rendered, and its search sections found, once per process for every handbook of a build
that has the same page.

Thirty networks' handbooks share most of their pages with the national one word for word. MkDocs
converts each page's Markdown anew in every handbook, although the HTML depends only on the
Markdown, the page's own address, the Markdown settings, and the files its links point to. This
memo records, while MkDocs renders a page, every file its links looked up and what each resolved to
(address, or missing); a later handbook reuses the HTML only when the page is the same and every one
of those lookups resolves the same way in its own files. A render that logged anything (a broken
link, say) is never reused, so each handbook reports its own warnings. Material's search then cuts
each page's HTML into sections; they depend on that HTML alone, so the same HTML is cut once.

Neither has an option for this: `Page.render` and the search plugin's HTML parser are replaced for the
duration of one `rendering()`. Under another engine (Zensical) nothing here runs: the build is only slower.
"""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs is imported only by a build that runs it
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

Lookup = tuple[str, tuple[str, bool] | None]  # a path a link looked up -> (its url, excluded) or missing


@dataclass(frozen=True)
class _Rendered:
    lookups: tuple[Lookup, ...]
    content: str
    toc: object
    title: str | None
    anchors: frozenset[str]
    links: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (target src_uri, ((anchor, link), ...))


def _resolved(file: File | None) -> tuple[str, bool] | None:
    return None if file is None else (file.url, file.inclusion.is_excluded())


class _Recording:
    """The handbook's files as a page's render sees them: every lookup is written down. Anything else
    a render asks of the files makes the page's HTML depend on what was not recorded: not reused."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.lookups: dict[str, tuple[str, bool] | None] = {}
        self.opaque = False

    def get_file_from_path(self, path: str) -> File | None:
        found = self.files.get_file_from_path(path)
        self.lookups.setdefault(path, _resolved(found))
        return found

    def __getattr__(self, name: str):
        self.opaque = True
        return getattr(self.files, name)


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class PageMemo:
    """The pages one build rendered in this process, by what their HTML is made of (the module's doc)."""

    def __init__(self) -> None:
        self.pages: dict[tuple, list[_Rendered]] = {}
        self.sections: dict[str, list] = {}  # a page's HTML -> the search plugin's sections of it
        self.hits = 0  # pages reused: what the tests see of the memo working

    def _key(self, page: Page, config) -> tuple:
        f = page.file
        markdown = (repr(config["markdown_extensions"]), repr(config["mdx_configs"]))
        return (page.markdown, f.src_uri, f.url, f.inclusion.is_excluded(), config["use_directory_urls"],
                repr(config["validation"]), *markdown)

    def render(self, original, page: Page, config, files: Files) -> None:
        key = self._key(page, config)
        for done in self.pages.get(key, ()):
            if all(_resolved(files.get_file_from_path(path)) == found for path, found in done.lookups):
                self.hits += 1
                return self._replay(done, page, files)
        recording, logged = _Recording(files), _Logged()
        log = logging.getLogger("mkdocs")
        log.addHandler(logged)
        try:
            original(page, config, recording)
        finally:
            log.removeHandler(logged)
        if logged.count or recording.opaque:
            return
        links = tuple(sorted((target.src_uri, tuple(sorted(anchors.items())))
                             for target, anchors in (page.links_to_anchors or {}).items()))
        self.pages.setdefault(key, []).append(_Rendered(
            tuple(sorted(recording.lookups.items())), page.content or "", copy.deepcopy(page.toc),
            page._title_from_render, frozenset(page.present_anchor_ids or ()), links))

    @staticmethod
    def _replay(done: _Rendered, page: Page, files: Files) -> None:
        page.content = done.content
        page.toc = copy.deepcopy(done.toc)  # the theme and plugins may change a page's toc
        page._title_from_render = done.title
        page.present_anchor_ids = set(done.anchors)
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            page.links_to_anchors = {files.get_file_from_path(src): dict(anchors) for src, anchors in done.links}

    @contextlib.contextmanager
    def rendering(self) -> Iterator[None]:
        """MkDocs' page rendering goes through this memo while the block runs."""
        from material.plugins.search import plugin as search
        from mkdocs.structure.pages import Page

        original, parser = Page.render, search.Parser
        sections = self.sections

        def render(page: Page, config, files: Files) -> None:
            self.render(original, page, config, files)

        class Parser(parser):
            """Material's parser, which the search index makes once per page (feed, close, .data)."""

            def feed(self, data: str) -> None:
                self.fed = [*getattr(self, "fed", []), data]  # parsed at close(), whole: the same result

            def close(self) -> None:
                html = "".join(getattr(self, "fed", []))
                if html in sections:
                    self.data = copy.deepcopy(sections[html])  # the index fills in missing titles
                    return
                super().feed(html)
                super().close()
                sections[html] = copy.deepcopy(self.data)

        Page.render, search.Parser = render, Parser
        try:
            yield
        finally:
            Page.render, search.Parser = original, parser
