"""The CI files a network copies: they parse, run the commands the README says, and the pre-commit hook
runs `typ validate` where the repository is (not on the changed files one by one)."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def steps_text(workflow: dict) -> str:
    return "\n".join(str(step.get("run", "")) for job in workflow["jobs"].values() for step in job["steps"])


def test_github_workflow_validates_comments_the_diff_and_publishes():
    wf = yaml.safe_load((REPO / "examples/ci/github-actions.yml").read_text("utf-8"))
    assert set(wf[True]) == {"pull_request", "push"}  # YAML 1.1 reads the key 'on' as True
    run = steps_text(wf)
    assert "typ validate --format github" in run and "typ build --out site" in run
    assert 'typ diff "origin/$BASE_REF" --format markdown' in run and "gh pr comment" in run
    assert wf["jobs"]["validate"]["permissions"]["pull-requests"] == "write"
    assert wf["jobs"]["publish"]["needs"] == "validate"


def test_gitlab_ci_validates_comments_the_diff_and_publishes():
    ci = yaml.safe_load((REPO / "examples/ci/gitlab-ci.yml").read_text("utf-8"))
    script = "\n".join(ci["validate"]["script"])
    assert "typ validate" in script and "--format markdown" in script and "merge_requests" in script
    assert ci["pages"]["script"] == ["typ build --out public"] and ci["pages"]["artifacts"]["paths"] == ["public"]
    assert ci["variables"]["TYP_CACHE_DIR"].endswith("/.typ-cache")  # hidden: never read as an overlay


def test_pre_commit_hook_runs_typ_validate_once():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "typ-validate")
    assert hook["entry"] == "typ validate" and hook["pass_filenames"] is False and hook["language"] == "python"
