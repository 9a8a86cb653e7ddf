"""Benchmark: `typ build` against a plain `mkdocs build` of the same generated pages (the floor).

Usage: python3 bench/bench_build.py [MODEL_ROOT] [--runs N] [--region ID]
Prints the median time of each stage, of the whole build, of the floor, and their ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator.compile import compile_model
from generator.render.context import SiteContext
from generator.render.handbook import render_handbook
from generator.site.build import build
from generator.site.config import Target, mkdocs_config, read_base_config, targets_for


def timed(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def plain_tree(root: Path, model, target: Target, work: Path, site: Path) -> Path:
    """One handbook's generated docs tree and MkDocs config under `work` (built into `site`/its subdir), as
    a plain `mkdocs build` would take them: the floor that typ's own work adds to. Returns the config."""
    files = render_handbook(model, SiteContext(lang=target.lang))
    docs = work / "docs"
    for rel, content in files.files.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    cfg = mkdocs_config(root, model, files.nav, docs, site / target.subdir, read_base_config(root)[0], target=target)
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), "utf-8")
    return config


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=".", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--region", default=None)
    args = ap.parse_args()
    root = args.root.resolve()
    work = Path(tempfile.mkdtemp(prefix="typ-bench-"))
    try:
        result = compile_model(root, args.region)
        if not result.ok:
            print("the model has errors; run typ validate", file=sys.stderr)
            return 1
        t_compile = timed(lambda: compile_model(root, args.region), args.runs)
        t_render = timed(lambda: render_handbook(result.model, SiteContext()), args.runs)

        # The floor: the same generated docs trees (one per language), built by plain `mkdocs build`.
        langs = [t for t in targets_for(root, args.region, False)]
        configs = [plain_tree(root, result.model, t, work / t.lang, work / "floor-site") for t in langs]
        pages = sum(1 for c in configs for _ in (c.parent / "docs").rglob("*.md"))

        def floor() -> None:
            for config in configs:
                subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True)

        t_floor = timed(floor, args.runs)
        # Without the build cache: like the floor, every run builds everything.
        t_full = timed(lambda: build(root, work / "typ-site", args.region, cache=False), args.runs)
        t_cli = timed(lambda: subprocess.run(["typ", "build", str(root), "--no-cache", "--out", str(work / "cli-site")]
                                             + (["--region", args.region] if args.region else []),
                                             check=True, capture_output=True), args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"model: {root} {'(region ' + args.region + ')' if args.region else '(national)'}; "
          f"{len(langs)} handbook(s), {pages} pages; median of {args.runs} runs")
    print(f"  load+schema+rules (compile_model)   {t_compile * 1000:8.0f} ms")
    print(f"  render pages, SVG, BPMN, ICS (fi)   {t_render * 1000:8.0f} ms")
    print(f"  typ build, in-process (site.build)  {t_full * 1000:8.0f} ms")
    print(f"  typ build, command line             {t_cli * 1000:8.0f} ms")
    print(f"  plain mkdocs build of same pages    {t_floor * 1000:8.0f} ms   (the floor, all languages)")
    print(f"  ratio typ build (cli) / floor       {t_cli / t_floor:8.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
