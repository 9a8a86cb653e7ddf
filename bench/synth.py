"""Synthetic TYP models for the benchmarks: the real national model plus one process of N steps, and
M regional networks (copies of an example network under new ids, each change in words of its own).

Usage: python3 bench/synth.py DEST --steps N [--networks M]

The extra process is deterministic (same N, same YAML) and looks like a real one: a start, then tasks
across the five organisations' lanes, every seventh step a decision that either skips ahead or loops
back, a deadline now and then, and an end. Every task has a RACI row, so the model validates clean.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
# The model's own folders as typ.yaml lists them, so that a new kind of model file (criteria/, codelists/)
# is copied too; regions are made below.
_PROJECT = yaml.safe_load((REPO / "typ.yaml").read_text("utf-8"))
MODEL_PARTS = ("typ.yaml", "mkdocs.yml", *_PROJECT["sources"], _PROJECT.get("pages", "pages"), "translations")
LANES = ("asiakas", "typ-verkosto", "tyovoimaviranomainen", "hyvinvointialue", "kela")
ROLES = ("tyovoima-asiantuntija", "sosiaalityontekija", "kela-asiantuntija", "terveydenhoitaja")
WORDS = ("Asiakkaan", "tilanteen", "selvitys", "palvelutarpeen", "arviointi", "suunnitelman", "tarkistus",
         "yhteinen", "tapaaminen", "kirjaus", "ohjaus", "kuntoutus", "päätös", "palaute", "seuranta")
PROCESS = "synteettinen"


def _name(k: int) -> str:
    n = 2 + k % 5  # two to six words, so names wrap to one to three lines
    return " ".join(WORDS[(k * 7 + i * 3) % len(WORDS)] for i in range(n)) + f" {k}"


def process(steps: int) -> tuple[dict, dict]:
    """The process and its RACI matrix, as YAML-ready dicts; `steps` >= 3."""
    ids = [f"v{k:04d}" for k in range(steps)]
    out: list[dict] = [{"id": ids[0], "type": "start", "name": {"fi": "Alku", "sv": "Början"},
                        "lane": "asiakas", "next": [ids[1]]}]
    rows = []
    for k in range(1, steps - 1):
        step: dict = {"id": ids[k], "name": {"fi": _name(k), "sv": f"Steg {k}"}, "lane": LANES[(k * 3 // 4) % 5]}
        nxt = ids[k + 1]
        if k % 7 == 0 and k + 2 < steps - 1:
            step["type"] = "decision"
            other = ids[k - 3] if k % 14 == 0 else ids[k + 2]  # a loop back, else a skip ahead
            step["next"] = [{"to": nxt, "label": {"fi": "Kyllä", "sv": "Ja"}},
                            {"to": other, "label": {"fi": "Ei vielä" if k % 14 == 0 else "Ei", "sv": "Nej"}}]
        else:
            step["type"] = "task"
            step["next"] = [nxt]
            if k % 11 == 0:
                step["deadline"] = {"within": "P2W", "from": ids[k - 1]}
            rows.append({"step": ids[k], "roles": {ROLES[k % 4]: "RA", ROLES[(k + 1) % 4]: "C"}})
        out.append(step)
    out.append({"id": ids[-1], "type": "end", "name": {"fi": "Loppu", "sv": "Slut"}, "lane": "typ-verkosto"})
    proc = {"kind": "process", "schema_version": 1, "id": PROCESS,
            "name": {"fi": f"Synteettinen prosessi ({steps} vaihetta)", "sv": f"Syntetisk process ({steps} steg)"},
            "steps": out}
    raci = {"kind": "raci", "schema_version": 1, "process": PROCESS, "rows": rows}
    return proc, raci


WORDED = ("name", "description", "reason", "note", "title")  # the overlay's prose, not its ids or numbers


def _own_words(doc: object, rid: str, worded: bool = False) -> object:
    """An overlay with the network's id added to every text of its own."""
    if isinstance(doc, dict):
        return {k: _own_words(v, rid, worded or k in WORDED) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_own_words(v, rid, worded) for v in doc]
    return f"{doc} ({rid})" if worded and isinstance(doc, str) else doc


def make(dest: Path, steps: int = 0, networks: int = 0, example: str = "tampereen-seutu") -> Path:
    """Write a model at `dest` (replaced): the national model, an N-step process when steps > 0, and
    M regions when networks > 0 (the example network copied under the ids verkosto-01 ...)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in MODEL_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():  # a model without hand-written pages has no pages/
            shutil.copy2(src, dest / part)
    if steps:
        proc, raci = process(max(steps, 3))
        dump = {"allow_unicode": True, "sort_keys": False, "width": 120}
        (dest / "processes" / f"{PROCESS}.yaml").write_text(yaml.safe_dump(proc, **dump), "utf-8")
        (dest / "roles" / f"raci-{PROCESS}.yaml").write_text(yaml.safe_dump(raci, **dump), "utf-8")
    for m in range(1, networks + 1):
        rid = f"verkosto-{m:02d}"
        target = dest / "regions" / rid
        shutil.copytree(REPO / "regions" / example, target)
        region = target / "region.yaml"
        text = region.read_text("utf-8").replace(f"id: {example}", f"id: {rid}", 1)
        region.write_text(text.replace("Tampereen seudun TYP-verkosto", f"TYP-verkosto {m:02d}", 1), "utf-8")
        # Its changes in words of its own, as every real network's are: its pages differ from the other
        # copies' wherever they differ from the national model, so that a network shares only the
        # national pages with the others (the pages a build renders once for all, site/memo.py).
        for path in sorted(target.glob("*.yaml")):
            if path.name != "region.yaml":
                doc = _own_words(yaml.safe_load(path.read_text("utf-8")), rid)
                path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120), "utf-8")
        for path in sorted((target / "pages").rglob("*.md")):
            path.write_text(path.read_text("utf-8") + f"\nTämä sivu on verkoston {rid} oma.\n", "utf-8")
    return dest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--steps", type=int, default=0)
    ap.add_argument("--networks", type=int, default=0)
    args = ap.parse_args()
    print(make(args.dest, args.steps, args.networks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
