"""The networks of a `typ build --all`: every region under regions/ and every region repository typ.yaml
lists, compiled before the handbooks build (the comparison page needs all of them; the build workers
reuse the results), and the comparison page added to each language of the national handbook."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from ..compile import Result, compile_model
from ..diagnostics import Diagnostic, Severity
from ..load.sources import RawModel
from ..model import Model, Region, Text
from ..model.build import build_region
from ..render.context import SiteContext
from ..render.pages.networks import Network, comparison_page
from ..render.paths import NETWORKS, REGIONS_URL
from .config import Target

PagesFor = Callable[[Model, str | None, str], dict[str, str]]


def networks(root: Path, national: tuple[RawModel | None, list[Diagnostic]], compiled: dict[str | None, Result],
             targets: list[Target], wanted: Collection[str] | None = None,
             ) -> tuple[list[Target], list[Network], list[Diagnostic]]:
    """The targets with the listed region repositories added, every network for the comparison, and a
    REPO001 warning for each region repository left out (unreachable, or its overlay does not apply to
    this national version): one network's repository never stops the national build. `wanted`: the
    only local regions to compile (a build without the national handbook has no comparison to fill)."""
    from ..base.external import external_regions

    nets: list[Network] = []
    every = list(dict.fromkeys(t.region for t in targets if t.region is not None))  # once, in all its languages
    # Here, not in parallel: sending thirty compiled models back from workers (pickled) costs about
    # what the second core saves (bench_scale: 26.4 s against 24.9 s for --all).
    for rid in (r for r in every if wanted is None or r in wanted):
        result = compiled[rid] = compile_model(root, rid, national=national)
        if result.ok and result.model is not None and result.model.region is not None:
            nets.append(Network(rid, result.model.region, result.model))
    raw = national[0]
    if raw is None:
        return targets, nets, []
    project = raw.project
    line, col = project.val_pos.get("region_repositories", project.pos)
    known = set(every)
    out, diags = list(targets), []
    for ext in external_regions(root, project):
        rid, problem, result = ext.id, ext.problem, None
        if not problem and rid in known:
            problem = f"its id '{rid}' is already another network's"
        if not problem:
            result = compile_model(root, rid, national=national, repository=ext.tree)
            errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            if errors:
                first = errors[0]
                problem = (f"{len(errors)} error(s) on this national version, the first: "
                           f"{first.file}:{first.line}: {first.message}")
        if problem or result is None or result.model is None or result.model.region is None:
            diags.append(Diagnostic(project.file, line, col, "REPO001", Severity.WARNING,
                                    f"the region repository {ext.source} is left out of the build: {problem}",
                                    "Ask the network to fix it (typ validate in its repository), or remove it "
                                    "from region_repositories."))
            region = build_region(ext.region) if ext.region is not None else Region(id=rid or "", name=Text(ext.source))
            nets.append(Network(rid or "", region, None, problem, ext.source))
            continue
        known.add(rid)
        compiled[rid] = result
        out.append(Target(rid, f"{REGIONS_URL}/{rid}", repository=ext.tree))
        nets.append(Network(rid, result.model.region, result.model, source=ext.source))
    return out, nets, diags


def with_comparison(pages_for: PagesFor | None, nets: list[Network], languages: tuple[str, ...]) -> PagesFor:
    """`pages_for` plus the comparison page in each language of the national handbook."""
    def pages(model: Model, region: str | None, lang: str) -> dict[str, str]:
        extra = dict(pages_for(model, region, lang)) if pages_for else {}
        if region is None:
            # The first language is at the site's root, the others one folder down (sv/).
            ctx = SiteContext(lang=lang, national_base="" if lang == languages[0] else "../")
            extra[NETWORKS] = comparison_page(model, nets, ctx)
        return extra
    return pages
