"""Jobs over the cores (generator/parallel.py) and `typ validate --all`, whose regions compile in parallel:
the same diagnostics, in the same order, as validating each handbook on its own."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.parallel import fork_map, workers
from tests.hostile import model_copy, typ

MANY_CORES = pytest.mark.skipif(workers(2) < 2, reason="one core (or no fork): the jobs run in this process")


def test_results_come_in_job_order_and_closures_reach_the_children():
    inherited = {"base": 100}  # a closure's state: forked children see it without pickling it
    assert fork_map(lambda i: inherited["base"] + i * i, 7) == [100 + i * i for i in range(7)]


@MANY_CORES
def test_jobs_run_in_other_processes_when_there_are_cores():
    pids = set(fork_map(lambda i: os.getpid(), 8))
    assert os.getpid() not in pids


def test_a_failing_job_raises_in_the_caller():
    def job(i: int) -> int:
        if i == 3:
            raise ValueError("job 3 failed")
        return i

    with pytest.raises(ValueError, match="job 3 failed"):
        fork_map(job, 5)


def test_validate_all_reports_every_region_as_validating_each_alone(tmp_path: Path):
    model = model_copy(tmp_path / "model")
    regions = sorted(p.name for p in (model / "regions").iterdir() if (p / "region.yaml").is_file())
    assert len(regions) >= 3
    # A different mistake in three regions: each must be reported, under its own file, once.
    for n, region in enumerate(regions[:3]):
        (model / "regions" / region / "41-broken.yaml").write_text(
            f"kind: overlay\nschema_version: 1\nprocess: asiakasprosessi\nsteps:\n  change:\n"
            f"    - id: no-such-step-{n}\n      name: {{fi: X}}\n      reason: x\n", "utf-8")

    def diagnostics(*args: str) -> list[dict]:
        out = typ("validate", *args, "--format", "json", model)
        assert out.returncode in (0, 1), out.stderr
        return json.loads(out.stdout)

    together = diagnostics("--all")
    alone = diagnostics() + [d for r in regions for d in diagnostics("--region", r)]
    key = lambda d: json.dumps(d, sort_keys=True)  # noqa: E731
    assert sorted(map(key, together)) == sorted(set(map(key, alone)))
    broken = {"/".join(Path(d["file"]).parts[-3:]) for d in together if "no-such-step" in d["message"]}
    assert broken == {f"regions/{r}/41-broken.yaml" for r in regions[:3]}
