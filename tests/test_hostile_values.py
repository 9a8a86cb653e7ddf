"""Hostile corpus, values: what typ validate passes, typ build builds. URLs and calendar properties are
checked (http(s) only, no line breaks, no format-spec tricks), RRULEs cannot hang the build or smuggle
properties, mkdocs.yml runs no code, and invisible or oversized text is caught. Black-box through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import model_copy, refused, text, typ, warned

STEP_NAME = "      fi: Ohjaus monialaiseen palvelutarpeen arviointiin\n"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    return model_copy(tmp_path / "model")


def replace_once(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in path by `new`; returns the 1-based line where `new` starts."""
    s = path.read_text("utf-8")
    assert old in s, old
    at = s.index(old)
    path.write_text(s[:at] + new + s[at + len(old):], "utf-8")
    return s[:at].count("\n") + 1


def set_project(model: Path, key: str, value: str) -> int:
    """Replace a top-level key (with its indented block, e.g. law_url's {fi, sv}) by `key: value` at the end."""
    project = model / "typ.yaml"
    lines, inside = [], False
    for ln in project.read_text("utf-8").splitlines():
        inside = ln.startswith(f"{key}:") or (inside and ln.startswith(" "))
        if not inside:
            lines.append(ln)
    project.write_text("\n".join([*lines, f"{key}: {value}", ""]), "utf-8")
    return len(lines) + 1


def validate_and_build(model: Path, tmp_path: Path, *args: str):
    """validate must refuse what build would choke on; build then refuses it the same way (no INTERNAL)."""
    return typ("validate", *args, model, timeout=60), typ("build", *args, model, "--out", tmp_path / "site",
                                                          timeout=90)


# ---------------------------------------------------------------- law_url

@pytest.mark.parametrize("template", [
    "javascript:alert(document.domain)//{year}/{number}#{section}",
    "JAVASCRIPT:alert(1)//{year}",
    "data:text/html,{year}",
    "//evil.example/{year}/{number}",
    "https://f.example/{year}/{number}\\r\\nATTACH:https://evil.example/x\\r\\nX-A:{section}",
    "https://f.example/{year}/{number} {section}",
    "https://f.example/{year}/{number}{section:#<3}",
    "https://f.example/{year:>30000000}",
    "https://f.example/{year!r}/{number}",
    "https://f.example/{0.__class__}/{year}",
    "https://f.example/{year.__class__.__mro__}",
    "https://f.example/{number[0]}",
    "https://f.example/{}/{year}",
    "https://f.example/{year}\"onmouseover=\"alert(1)",
])
def test_law_url_is_a_plain_https_template(model: Path, tmp_path: Path, template: str):
    quoted = "'" + template.replace("'", "''") + "'" if '"' in template else '"' + template + '"'
    line = set_project(model, "law_url", quoted)
    for out in validate_and_build(model, tmp_path):
        refused(out, "typ.yaml", "CONFIG002", line)


def test_each_language_template_is_checked_at_its_line(model: Path, tmp_path: Path):
    good = '"https://www.finlex.fi/fi/lainsaadanto/{year}/{number}#sec_{section}"'
    line = set_project(model, "law_url", f"\n  fi: {good}\n  sv: \"javascript:alert(1)//{{year}}\"")
    for out in validate_and_build(model, tmp_path):
        refused(out, "typ.yaml", "CONFIG002", line + 2)
        assert b"law_url.sv" in out.stdout + out.stderr


def test_good_law_url_still_works(model: Path, tmp_path: Path):
    set_project(model, "law_url", '"https://www.finlex.fi/sv/lagstiftning/{year}/{number}#sec_{section}"')
    out = typ("build", model, "--out", tmp_path / "site")
    assert out.returncode == 0, text(out)


# ---------------------------------------------------------------- RRULE

RRULE_AT = "      months: [1]\n"


@pytest.mark.parametrize("rule", [
    "FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=HOURLY", "freq=secondly",
    "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
    "FREQ=DAILY;BYMINUTE=0,30", "FREQ=YEARLY;BYSECOND=1",
    "FREQ=YEARLY\\nRDATE:20300101\\nEXDATE:20260101",
    "FREQ=YEARLY RDATE:20300101", "FREQ=YEARLY\\r\\nATTACH:https://evil.example/x",
    "FREQ=YEARLY;X-EVIL=1", "FREQ=YEARLY;DTSTART=20200101", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;INTERVAL=99999999999", "FREQ=YEARLY;COUNT=99999999999",
])
def test_rrule_that_would_hang_or_smuggle_is_refused(model: Path, tmp_path: Path, rule: str):
    line = replace_once(model / "calendar" / "vuosikello.yaml", RRULE_AT,
                        f'      rrule: "{rule}"\n      start: "2025-01-01"\n')
    for out in validate_and_build(model, tmp_path):
        refused(out, "calendar/vuosikello.yaml", "CAL001", line)


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "2999-01-01"])
def test_rrule_start_far_from_now_is_refused(model: Path, tmp_path: Path, start: str):
    line = replace_once(model / "calendar" / "vuosikello.yaml", RRULE_AT,
                        f'      rrule: "FREQ=YEARLY"\n      start: "{start}"\n')
    for out in validate_and_build(model, tmp_path):
        refused(out, "calendar/vuosikello.yaml", "CAL001", line + 1)


def test_regional_rrule_is_checked_too(model: Path, tmp_path: Path):
    overlay = model / "regions" / "tampereen-seutu" / "30-vuosikello.yaml"
    line = replace_once(overlay, "months: [3, 5, 9, 11]\n        day: 15\n",
                        'rrule: "FREQ=MINUTELY"\n        start: "2025-01-01"\n')
    out = typ("validate", "--region", "tampereen-seutu", model)
    refused(out, "regions/tampereen-seutu/30-vuosikello.yaml", "CAL001", line)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from([
    "FREQ=YEARLY", "FREQ=MONTHLY", "FREQ=WEEKLY", "FREQ=DAILY", "FREQ=HOURLY", "FREQ=SECONDLY", "INTERVAL=2",
    "INTERVAL=0", "COUNT=3", "UNTIL=20300101", "BYMONTH=2", "BYMONTHDAY=30", "BYMONTHDAY=-1", "BYDAY=MO",
    "BYDAY=1MO", "BYSETPOS=1", "BYHOUR=1,2", "BYWEEKNO=53", "BYYEARDAY=366", "WKST=SU", "\n", " ", "RDATE:20300101",
]), min_size=1, max_size=5))
def test_any_accepted_rrule_expands_quickly_and_is_written_as_parsed(parts: list[str]):
    """Property: whatever CAL001 accepts, the calendar can expand a year of it at once, with one line."""
    import time

    from dateutil.rrule import rrulestr

    from generator.rules.calendar import rrule_problem

    rule = ";".join(parts)
    t0 = time.monotonic()
    problem = rrule_problem(rule, "2025-01-01")
    assert time.monotonic() - t0 < 2, rule
    if problem is None:
        assert "\n" not in rule and "\r" not in rule and " " not in rule.strip()
        from datetime import datetime
        r = rrulestr(rule, dtstart=datetime(2025, 1, 1))
        t0 = time.monotonic()
        count = sum(1 for _ in r.between(datetime(2026, 1, 1), datetime(2026, 12, 31), inc=True))
        assert count <= 366 and time.monotonic() - t0 < 2, rule


# ---------------------------------------------------------------- text that validate passed and build choked on

@pytest.mark.parametrize("name", ['"   "', '"\\t"', '"\\u3000"', "x" * 17000, '"\\u200b"'])
def test_blank_or_huge_step_names_are_refused(model: Path, tmp_path: Path, name: str):
    line = replace_once(model / "processes" / "asiakasprosessi.yaml", STEP_NAME, f"      fi: {name}\n")
    for out in validate_and_build(model, tmp_path):
        refused(out, "processes/asiakasprosessi.yaml", line=line)


def test_blank_organisation_short_name_is_refused(model: Path, tmp_path: Path):
    roles = model / "roles" / "organisaatiot-ja-roolit.yaml"
    s = roles.read_text("utf-8")
    at = s.index("    short:\n")
    nxt = s.index("\n", at + len("    short:\n")) + 1
    line = s[:nxt].count("\n") + 1
    roles.write_text(s[:nxt] + s[nxt:].replace(s[nxt:].split("\n", 1)[0], '      fi: "  "', 1), "utf-8")
    for out in validate_and_build(model, tmp_path):
        refused(out, "roles/organisaatiot-ja-roolit.yaml", line=line)


@pytest.mark.parametrize("version", ["9999.1", "0001.1", "1899.1"])
def test_version_year_out_of_range_is_refused(model: Path, tmp_path: Path, version: str):
    line = replace_once(model / "typ.yaml", 'version: "2025.1"', f'version: "{version}"')
    for region in (model / "regions").iterdir():
        replace_once(region / "region.yaml", 'based_on: "2025.1"', f'based_on: "{version}"')
    for out in validate_and_build(model, tmp_path):
        refused(out, "typ.yaml", line=line)


# ---------------------------------------------------------------- invisible characters

@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f", "\u061c"])
def test_bidi_controls_in_model_text_are_refused(model: Path, char: str):
    line = replace_once(model / "processes" / "asiakasprosessi.yaml", STEP_NAME,
                        f'      fi: "Ohjaus {char}txt.exe"\n')
    m = refused(typ("validate", model), "processes/asiakasprosessi.yaml", "YAML008", line)
    assert f"U+{ord(char):04X}" in m.string[m.start():].split("\n")[0]


@pytest.mark.parametrize("char", ["\u200b", "\u2060", "\ufeff", "\u200d"])
def test_zero_width_characters_are_warned_about(model: Path, char: str):
    replace_once(model / "processes" / "asiakasprosessi.yaml", STEP_NAME, f'      fi: "Ohjaus{char}x"\n')
    out = typ("validate", model)
    warned(out, "processes/asiakasprosessi.yaml", "YAML009")


def test_soft_hyphen_is_fine(model: Path):
    replace_once(model / "processes" / "asiakasprosessi.yaml", STEP_NAME, '      fi: "Ohjaus moni\u00adalaiseen"\n')
    out = typ("validate", model)
    assert out.returncode == 0 and "YAML00" not in text(out), text(out)


def test_tag_on_a_collection_is_refused(model: Path):
    name = sorted(p.name for p in (model / "glossary").iterdir())[0]
    line = replace_once(model / "glossary" / name, "terms:", "terms: !!python/object/apply:os.system")
    m = refused(typ("validate", model), f"glossary/{name}", "YAML001", line)
    assert "!!python/object/apply:os.system" in m.string


# ---------------------------------------------------------------- URLs in services and contacts

@pytest.mark.parametrize("url", ["https://x.example/a\\nb", "https://x.example/ a", "https://x.example/\\u0000",
                                 "javascript:alert(1)", "https://x.example/\"><script>"])
def test_service_url_is_one_plain_http_url(model: Path, url: str):
    roles = model / "roles" / "organisaatiot-ja-roolit.yaml"
    s = roles.read_text("utf-8")
    if "url:" not in s:
        pytest.skip("no service url in the roles file")
    line = replace_once(roles, s[s.index("url:"):s.index("\n", s.index("url:"))], f'url: "{url}"')
    refused(typ("validate", model), "roles/organisaatiot-ja-roolit.yaml", line=line)


# ---------------------------------------------------------------- mkdocs.yml runs no code

@pytest.mark.parametrize("line_text", [
    'extra_note: !!python/object/apply:os.system ["touch PWNED"]',
    "extra_css: !!python/object/apply:os.system [\"touch PWNED\"]",
    "extra_note: !!python/name:os.system",
    "hooks: [evil.py]",
    "INHERIT: /etc/passwd",
    "extra_css: 5",
    "extra2: " + "[" * 5000 + "]" * 5000,
    "theme: {name: material, custom_dir: /etc}",
    "markdown_extensions: [{pymdownx.snippets: {base_path: /}}]",
])
def test_mkdocs_yml_is_read_safely(model: Path, tmp_path: Path, line_text: str):
    mk = model / "mkdocs.yml"
    lines = mk.read_text("utf-8").splitlines()
    mk.write_text("\n".join([*lines, line_text, ""]), "utf-8")
    line = len(lines) + 1
    for out in validate_and_build(model, tmp_path):
        m = refused(out, "mkdocs.yml")
        assert int(m["line"]) == line, text(out)
    assert not (model / "PWNED").exists() and not (Path.cwd() / "PWNED").exists()
    assert not (tmp_path / "site").exists()


def test_env_tag_in_mkdocs_yml_still_works(model: Path, tmp_path: Path):
    mk = model / "mkdocs.yml"
    mk.write_text(mk.read_text("utf-8").replace("site_name: TYP-käsikirja", "site_name: !ENV [TYP_NAME, x]"), "utf-8")
    out = typ("build", model, "--out", tmp_path / "site", env={"TYP_NAME": "Nimi"})
    assert out.returncode == 0, text(out)
