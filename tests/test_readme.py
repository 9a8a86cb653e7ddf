"""The README stays true: its rule reference is the one the code generates, its commands exist."""

from pathlib import Path

from generator.rules.__main__ import reference

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_rule_reference_matches_the_code():
    begin, end = README.index("<!-- rules:begin -->"), README.index("<!-- rules:end -->")
    assert README[begin:end].split("\n", 1)[1].strip() == reference()


def test_readme_starts_with_the_build_and_test_commands():
    block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "typ build --all" in block and "python3 -m pytest" in block
