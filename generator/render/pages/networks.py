"""The national handbook's comparison of networks (`typ build --all`): who deviates where, each network's
good practice, every network's contacts, and the statutory items networks supplemented, for the steering
group. Pure: it is given every network's compiled model."""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n import tr
from ...model import Deviation, Model, Region
from ..context import SiteContext
from ..markdown import admonition, attr, esc, table
from ..paths import DEVIATIONS, REGIONS_URL, deviation_anchor, html_url
from ..vocabulary import field_name

OPS = {"change": "Muutettu", "remove": "Poistettu"}  # msgids of the deviations page's words


@dataclass(frozen=True)
class Network:
    """One network as the comparison sees it: its region file, its compiled model (None when its
    overlay could not be applied to this national version, `problem` then says why)."""

    id: str
    region: Region
    model: Model | None = None
    problem: str = ""
    source: str = ""  # a region repository's URL; '' for regions/<id>/


def _href(ctx: SiteContext, net: Network, dev: Deviation | None = None) -> str:
    page = f"{ctx.national_base or ''}{REGIONS_URL}/{net.id}/{html_url(DEVIATIONS)}"
    return attr(page + (f"#{deviation_anchor(dev.collection, dev.id, dev.process)}" if dev else ""))


def _a(href: str, label: str) -> str:
    return f'<a href="{href}">{label}</a>'


Row = tuple[str, str, str, str]  # (collection, process, element id, role id for a RACI cell)


def _rows(national: Model, net: Network) -> dict[Row, tuple[Deviation, str]]:
    """The national elements a network changed, each with its deviation and what the cell says."""
    out: dict[Row, tuple[Deviation, str]] = {}
    model = net.model
    if model is None:
        return out
    for d in model.deviations:
        if d.collection == "steps" and d.op in ("change", "remove"):
            proc = national.process(d.process or "")
            if proc is not None and proc.step(d.id) is not None:
                out[("steps", proc.id, d.id, "")] = (d, OPS[d.op])
        elif d.collection == "raci" and d.process:
            national_row = national.raci_row(d.process, d.id)
            local_row = model.raci_row(d.process, d.id)
            if national.process(d.process) is None or national.process(d.process).step(d.id) is None:
                continue  # a local step's row: the good-practice list shows it
            for role in d.fields:
                old = (national_row.cells.get(role) if national_row else None) or "–"
                new = (local_row.cells.get(role) if local_row else None) or "–"
                out[("raci", d.process, d.id, role)] = (d, f"{old} → {new}")  # letters: not translated
        elif d.collection == "duties" and d.op in ("change", "remove") and any(x.id == d.id for x in national.duties):
            out[("duties", "", d.id, "")] = (d, OPS[d.op])
    return out


def _row_label(national: Model, row: Row, lang: str) -> str:
    collection, process, item, role = row
    if collection == "duties":
        duty = next(x for x in national.duties if x.id == item)
        return f"{tr('Vuosikello', lang)}: {esc(duty.name, lang)}"
    proc = national.process(process)
    step = proc.step(item) if proc else None
    name = esc(step.name, lang) if step else esc(item)
    if collection == "raci":
        r = national.role(role)
        return f"RACI: {name} / {esc(r.name, lang) if r else esc(role)}"
    return f"{tr('Vaihe', lang)}: {name}"


ORDER = {"steps": 0, "raci": 1, "duties": 2}


def _order(national: Model, row: Row) -> tuple:
    collection, process, item, role = row
    if collection == "duties":  # after every process's steps, in the calendar's order
        return (len(national.processes), next((i for i, d in enumerate(national.duties) if d.id == item), 0))
    proc_index = next((i for i, p in enumerate(national.processes) if p.id == process), 0)
    proc = national.process(process)
    step_index = next((i for i, s in enumerate(proc.steps) if s.id == item), 0) if proc else 0
    return (proc_index, step_index, ORDER[collection], role)


def _matrix(national: Model, nets: list[Network], ctx: SiteContext) -> list[str]:
    lang = ctx.lang
    per_net = {n.id: _rows(national, n) for n in nets}
    rows = sorted({r for found in per_net.values() for r in found}, key=lambda r: _order(national, r))
    out = [f"## {tr('Kuka poikkeaa missä', lang)}", "",
           tr("Rivit ovat kansallisen mallin vaiheita, RACI-soluja ja vuosikellon tehtäviä, joita vähintään yksi "
              "verkosto on muuttanut; sarakkeet ovat verkostoja. Solun linkki vie verkoston poikkeamasivun "
              "kohtaan, jossa muutos ja sen perustelu on kuvattu.", lang), ""]
    if not rows:
        return [*out, tr("Yksikään verkosto ei ole muuttanut kansallisen mallin vaiheita, vastuita tai "
                         "vuosikellon tehtäviä.", lang), ""]
    header = [tr("Kansallinen kohde", lang), *(esc(n.region.name, lang) for n in nets), tr("Verkostoja", lang)]
    body = []
    for row in rows:
        cells = []
        for n in nets:
            found = per_net[n.id].get(row)
            label = tr(found[1], lang) if found and found[1] in OPS.values() else found[1] if found else ""
            cells.append(_a(_href(ctx, n, found[0]), esc(label)) if found else "")
        body.append([_row_label(national, row, lang), *cells, str(sum(1 for c in cells if c))])
    totals = [f"**{tr('Yhteensä', lang)}**", *(f"**{len(per_net[n.id])}**" for n in nets), ""]
    return [*out, table(header, [*body, totals]), ""]


def _good_practice(nets: list[Network], ctx: SiteContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {tr('Hyvät käytännöt: paikalliset vaiheet ja palvelut', lang)}", "",
           tr("Verkostojen omat vaiheet ja palvelut perusteluineen, jotta muut verkostot voivat ottaa ne "
              "käyttöön.", lang), ""]
    rows = []
    for n in nets:
        if n.model is None:
            continue
        for d in n.model.deviations:
            if d.collection != "steps" or d.op not in ("add", "change"):
                continue
            step = next((s for p in n.model.processes if (s := p.step(d.id))), None)
            if step is None:
                continue
            what = []
            if d.op == "add":
                what.append(f"{tr('Paikallinen vaihe', lang)}: **{esc(step.name, lang)}**"
                            + (f"<br>{esc(step.description, lang)}" if step.description else ""))
            if step.services and (d.op == "add" or "services" in d.fields):
                names = ", ".join(esc(s.name, lang) for s in step.services)
                what.append(f"{tr('Palvelut', lang)} ({esc(step.name, lang)}): {names}")
            if what:
                rows.append([_a(_href(ctx, n, d), esc(n.region.name, lang)), "<br>".join(what),
                             esc(d.reason, lang) or "–"])
    if not rows:
        return [*out, tr("Verkostoilla ei ole omia vaiheita tai palveluja.", lang), ""]
    return [*out, table([tr("Verkosto", lang), tr("Käytäntö", lang), tr("Perustelu", lang)], rows), ""]


def _contacts(nets: list[Network], ctx: SiteContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {tr('Verkostojen yhteystiedot', lang)}", "",
           tr("Kun asiakas muuttaa toisen verkoston alueelle, ota yhteyttä vastaanottavaan verkostoon.", lang), ""]
    rows = []
    for n in nets:
        if n.model is None and not n.region.contacts:
            continue  # a repository that could not be read: nothing to show
        area = esc(n.region.area, lang) if n.region.area else ""
        munis = ", ".join(esc(m) for m in n.region.municipalities)
        where = "<br>".join(x for x in (area, f"<small>{munis}</small>" if munis else "") if x)
        people = n.region.contacts or ()
        if not people:
            rows.append([f"**{esc(n.region.name, lang)}**<br>{where}", "–", "", ""])
        for i, c in enumerate(people):
            who = esc(c.name) + (f"<br><small>{esc(c.title, lang)}</small>" if c.title else "")
            who += f"<br><small>{esc(c.note, lang)}</small>" if c.note else ""
            mail = f'<a href="mailto:{attr(c.email)}">{esc(c.email)}</a>' if c.email else ""
            rows.append([f"**{esc(n.region.name, lang)}**<br>{where}" if i == 0 else "", who, esc(c.phone), mail])
    header = [tr(h, lang) for h in ("Verkosto", "Yhteyshenkilö", "Puhelin", "Sähköposti")]
    return [*out, table(header, rows), ""]


def _statutory(national: Model, nets: list[Network], ctx: SiteContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {tr('Ohjausryhmälle: lakisääteiset kohdat, joita verkostot ovat täydentäneet', lang)}", "",
           tr("Nämä kansallisesti lakisääteiset tai lukitut kohdat verkosto on saanut täydentää vain sallituilla "
              "paikallisilla kentillä (yhteystiedot, palvelut, huomautus). Ohjausryhmä tarkistaa, ettei täydennys "
              "muuta lakisääteistä sisältöä.", lang), ""]
    rows = []
    for n in nets:
        if n.model is None:
            continue
        for d in n.model.deviations:
            if d.op != "change":
                continue
            item = None
            if d.collection == "steps":
                proc = national.process(d.process or "")
                item = proc.step(d.id) if proc else None
            elif d.collection == "duties":
                item = next((x for x in national.duties if x.id == d.id), None)
            elif d.collection == "roles":
                item = national.role(d.id)
            if item is None or not (getattr(item, "statutory", False) or getattr(item, "locked", False)):
                continue
            fields = ", ".join(esc(field_name(f, lang)) for f in d.fields)
            rows.append([esc(n.region.name, lang), _a(_href(ctx, n, d), esc(item.name, lang)), fields,
                         esc(d.reason, lang) or "–"])
    if not rows:
        return [*out, tr("Yksikään verkosto ei ole täydentänyt lakisääteisiä kohtia.", lang), ""]
    header = [tr(h, lang) for h in ("Verkosto", "Kohde", "Kentät", "Perustelu")]
    return [*out, table(header, rows), ""]


def comparison_page(national: Model, nets: list[Network], ctx: SiteContext) -> str:
    lang = ctx.lang
    usable = [n for n in nets if n.model is not None]
    out = [f"# {tr('Verkostojen vertailu', lang)}", "",
           tr("Kansallinen malli versiossa {version}: {count} verkostoa.", lang).format(
               version=esc(national.project.version), count=len(nets)), ""]
    failed = [n for n in nets if n.model is None]
    if failed:
        out += [admonition("warning", tr("Verkostot, joiden muutoksia ei voitu soveltaa tähän versioon", lang),
                           "\n".join(f"- **{esc(n.region.name, lang)}** ({esc(n.source or n.id)}): {esc(n.problem)}"
                                     for n in failed)), ""]
    out += _matrix(national, usable, ctx) + _good_practice(usable, ctx) + _contacts(nets, ctx)
    out += _statutory(national, usable, ctx)
    return "\n".join(out) + "\n"
