"""Benchmark: how often the page staff need is among the first three search results, and what it costs.

Usage: python3 bench/bench_search.py [MODEL_ROOT] [--verbose]
Builds the handbooks once, then types every query of tests/search_cases.py into Material's search
box in headless Chromium, twice: on plain Material search (the same site with typ's index fields
and query stemming taken out) and on the site as typ builds it. Prints the top-3 share of each, by
kind of query, and the search index sizes with their ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import chromium, serve  # noqa: E402
from search_cases import CASES, hit, top_results  # noqa: E402

from generator.site.build import build  # noqa: E402
from generator.site.search import TEXT_FIELD, TITLE_FIELD  # noqa: E402


def plain_index(index: dict) -> dict:
    """The index without typ's fields: what Material's search alone works from."""
    docs = [{k: v for k, v in d.items() if k not in (TITLE_FIELD, TEXT_FIELD)} for d in index["docs"]]
    fields = {k: v for k, v in index["config"]["fields"].items() if k not in (TITLE_FIELD, TEXT_FIELD)}
    return {**index, "config": {**index["config"], "fields": fields}, "docs": docs}


def dump(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def make_plain(site: Path, plain: Path) -> None:
    shutil.copytree(site, plain)
    for f in plain.rglob("search/search_index.json"):
        f.write_text(dump(plain_index(json.loads(f.read_text("utf-8")))), "utf-8")
    for f in plain.rglob("assets/typ-search.js"):
        f.write_text("/* plain Material search */\n", "utf-8")


def index_sizes(site: Path) -> int:
    return sum(len(f.read_bytes()) for f in site.rglob("search/search_index.json"))


def run(site: Path, verbose: bool, label: str) -> dict[str, list[bool]]:
    found: dict[str, list[bool]] = defaultdict(list)
    with serve(site) as url, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        current = None
        for case in CASES:
            if case.site != current:
                page.goto(f"{url}/{case.site}index.html")
                page.locator("input.md-search__input").wait_for()
                page.wait_for_timeout(300)
                current = case.site
            results = top_results(page, case.query)
            ok = hit(case, results, page.url, url)
            found[case.kind].append(ok)
            found["all"].append(ok)
            if verbose:
                print(f"  {label:6} {'ok ' if ok else 'MISS'} {case.site or 'fi/'}{case.query!r:34} "
                      f"{' | '.join(r['title'] for r in results)}")
        context.close()
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=".", type=Path)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="typ-bench-search-"))
    try:
        site = work / "site"
        errors = [d for d in build(args.root.resolve(), site, all_=True) if d.severity.value == "error"]
        if errors:
            print("the model has errors; run typ validate", file=sys.stderr)
            return 1
        plain = work / "plain"
        make_plain(site, plain)
        before = run(plain, args.verbose, "plain")
        after = run(site, args.verbose, "typ")
        print(f"{len(CASES)} queries typed into the search box; share with the expected page in the top 3:")
        print(f"{'kind':12} {'queries':>7} {'Material':>9} {'typ':>9}")
        for kind in sorted(after, key=lambda k: (k == "all", k)):
            n = len(after[kind])
            b, a = sum(before[kind]) / n, sum(after[kind]) / n
            print(f"{kind:12} {n:7} {b:9.0%} {a:9.0%}")
        sb, sa = index_sizes(plain), index_sizes(site)
        print(f"search indexes (all handbooks): Material {sb / 1024:.0f} KiB, typ {sa / 1024:.0f} KiB, "
              f"ratio {sa / sb:.2f}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
