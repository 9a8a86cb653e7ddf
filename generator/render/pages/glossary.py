"""The glossary page."""

from __future__ import annotations

from ...i18n import tr
from ...model import Model
from ..context import SiteContext
from ..markdown import block, esc
from .common import law_links


def glossary_page(model: Model, ctx: SiteContext) -> str:
    lang = ctx.lang
    out = [f"# {tr('Sanasto', lang)}", ""]
    for t in sorted(model.terms, key=lambda t: t.term.get(lang).casefold()):
        other = f" (sv. {esc(t.term.sv)})" if t.term.sv and lang != "sv" else ""
        out += [f"## {esc(t.term, lang)} {{#{t.id}}}", "", f"{block(t.definition, lang)}{other}", ""]
        if t.legal_basis:
            out += [f"{tr('Lakiperuste', lang)}: {law_links(model, t.legal_basis, lang)}", ""]
        see = [model_term for model_term in model.terms if model_term.id in t.see]
        if see:
            out += [f"{tr('Katso myös', lang)}: " + ", ".join(f"[{esc(s.term, lang)}](#{s.id})" for s in see), ""]
    return "\n".join(out) + "\n"
