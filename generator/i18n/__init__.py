"""The handbook's own interface text (headings, labels) in the languages a handbook is built in.

Finnish is the source: `tr(text, lang)` returns the Swedish (or English) phrase for a Finnish one,
or the Finnish text itself when no translation exists yet. Model text never passes through here.
"""

from __future__ import annotations

SV: dict[str, str] = {
    # navigation and page titles
    "Etusivu": "Startsida",
    "Yleiskuva": "Översikt",
    "RACI-matriisi": "RACI-matris",
    "Kaikki roolit": "Alla roller",
    "Roolit – Minun tehtäväni": "Roller – Mina uppgifter",
    "Vuosikello": "Årshjul",
    "Sanasto": "Ordlista",
    "Paikalliset poikkeamat": "Lokala avvikelser",
    "(paikallinen)": "(lokal)",
    "Roolit": "Roller",
    # front page
    "Tämä on paikallinen käsikirja: **{region}**. Se perustuu kansalliseen malliin ({project}, versio {version}); "
    "paikalliset lisäykset ja muutokset on merkitty jokaisella sivulla merkinnällä *Paikallinen*, ja kaikki "
    "poikkeamat on koottu sivulle {deviations}.":
        "Detta är en lokal handbok: **{region}**. Den bygger på den nationella modellen ({project}, version "
        "{version}); lokala tillägg och ändringar är märkta på varje sida med markeringen *Lokal*, och alla "
        "avvikelser finns samlade på sidan {deviations}.",
    "Alue": "Område",
    "Kunnat": "Kommuner",
    "Näin käytät käsikirjaa": "Så använder du handboken",
    "prosessikaavio ja vaiheet järjestyksessä; jokaisella vaiheella on oma sivunsa (kuka tekee, mihin mennessä, "
    "mitä kirjataan).":
        "processdiagram och stegen i ordning; varje steg har en egen sida (vem gör vad, när det ska vara gjort, "
        "vad som dokumenteras).",
    "valitse oma roolisi, niin näet kaikki tehtäväsi (*Minun tehtäväni*) ja vuosikellon tehtäväsi.":
        "välj din roll, så ser du alla dina uppgifter (*Mina uppgifter*) och dina uppgifter i årshjulet.",
    "kaikki vastuut yhdellä sivulla, myös CSV-tiedostona.": "allt ansvar på en sida, även som CSV-fil.",
    "lakisääteiset ja sovitut tehtävät kuukausittain, myös kalenteritilauksena.":
        "lagstadgade och överenskomna uppgifter månad för månad, även som kalenderprenumeration.",
    "käsikirjan termit.": "handbokens termer.",
    "Haku (yläreunassa) löytää vaiheet, roolit ja termit suomenkielisillä hakusanoilla.":
        "Sökfunktionen (högst upp) hittar steg, roller och termer med svenska sökord.",
    "Merkinnät: **§ Lakisääteinen** = laki edellyttää (lakiviite linkkinä säädöstekstiin); **Suositeltu "
    "käytäntö** = yhteisesti sovittu tai havainnollistava käytäntö, jota alue voi soveltaa.":
        "Markeringar: **§ Lagstadgad** = krävs enligt lag (lagrummet är en länk till författningstexten); "
        "**Rekommenderad praxis** = gemensamt överenskommen eller exemplifierande praxis som området kan tillämpa.",
    "Tietoa tästä versiosta": "Om den här versionen",
    "Mallin versio": "Modellens version",
    "Lähdeversio (git)": "Källversion (git)",
    "Paikallinen malli kirjoitettu kansallista versiota {version} vasten":
        "Den lokala modellen är skriven utgående från nationell version {version}",
    # status badges
    "Lakisääteinen": "Lagstadgad",
    "Suositeltu käytäntö": "Rekommenderad praxis",
    "Käytäntö": "Praxis",
    "Kansallisesti lukittu": "Nationellt låst",
    "Paikallinen: {region}": "Lokal: {region}",
    "Paikallisesti muutettu: {region}": "Lokalt ändrad: {region}",
    "Paikallinen muutos": "Lokal ändring",
    "Tämän alueen käsikirjassa on muutettu kansallisesta mallista: {where}.":
        "I det här områdets handbok har följande ändrats jämfört med den nationella modellen: {where}.",
    "{field} ({file}, rivi {line})": "{field} ({file}, rad {line})",
    # contacts and services
    "Yhteystiedot": "Kontaktuppgifter",
    "Palvelut": "Tjänster",
    "Nimi": "Namn",
    "Tehtävä": "Uppgift",  # also a step type and a duty
    "Puhelin": "Telefon",
    "Sähköposti": "E-post",
    "Lisätietoja": "Tilläggsuppgifter",
    # process page
    "Prosessikaavio": "Processdiagram",
    "Kaavio näyttää vaiheet organisaatioittain (kaistat). Vaiheen nimeä napsauttamalla avautuu sen sivu. Sama "
    "sisältö on tekstinä kaavion alla.":
        "Diagrammet visar stegen per organisation (banor). Klicka på ett stegs namn för att öppna stegets sida. "
        "Samma innehåll finns som text under diagrammet.",
    "Avaa kaavio täysikokoisena": "Öppna diagrammet i full storlek",
    "(SVG, tulostettavissa)": "(SVG, kan skrivas ut)",
    "Paikalliset vaiheet on merkitty kaavioon katkoviivalla ja tekstillä *(paikallinen)*.":
        "Lokala steg är markerade i diagrammet med streckad linje och texten *(lokal)*.",
    "Lataa BPMN 2.0 -tiedosto": "Ladda ner BPMN 2.0-filen",
    "(avautuu esim. Camunda Modelerissa ja bpmn.io:ssa)": "(öppnas t.ex. i Camunda Modeler och bpmn.io)",
    "Vaiheet järjestyksessä": "Stegen i ordning",
    "Vaihe": "Steg",
    "Tyyppi": "Typ",
    "Kaista": "Bana",
    "Määräaika": "Tidsfrist",
    "Seuraavaksi": "Härnäst",
    # step types
    "Alku": "Start",
    "Päätöskohta": "Beslutspunkt",
    "Loppu": "Slut",
    # durations (P3M -> 3 månader)
    "vuosi": "år",
    "vuotta": "år",
    "kuukausi": "månad",
    "kuukautta": "månader",
    "viikko": "vecka",
    "viikkoa": "veckor",
    "päivä": "dag",  # also a field name (rhythm.day)
    "päivää": "dagar",
    "tunti": "timme",
    "tuntia": "timmar",
    # step page
    "{type} prosessissa {process}; kaista: {lane}.": "{type} i processen {process}; bana: {lane}.",
    "Tarkoitus": "Syfte",
    "Huomio": "Observera",
    "Kuka tekee mitä": "Vem gör vad",
    "Rooli": "Roll",
    "Organisaatio": "Organisation",
    "Vastuu": "Ansvar",
    "ja": "och",
    "**{duration}** vaiheesta {step}": "**{duration}** från steget {step}",
    "Vähintään **{duration}** välein, laskettuna vaiheesta {step}":
        "Minst en gång per **{duration}**, räknat från steget {step}",
    "Lakiperuste": "Rättslig grund",
    "Kirjaaminen": "Dokumentation",
    "järjestelmä": "system",
    "ei käytetä": "används inte",
    "Tarvitaan ennen vaihetta": "Behövs före steget",
    "Vaiheen tuotokset": "Stegets resultat",
    "Prosessi päättyy tähän.": "Processen slutar här.",
    "Edellinen vaihe": "Föregående steg",
    # RACI: the letters, the matrix page and its CSV
    "Vastuussa lopputuloksesta (A)": "Ansvarig för resultatet (A)",
    "Tekee (R)": "Utför (R)",
    "Kuullaan (C)": "Konsulteras (C)",
    "Tiedotetaan (I)": "Informeras (I)",
    "Responsible: tekee työn.": "Responsible: utför arbetet.",
    "Accountable: vastaa siitä, että työ tehdään; yksi rooli tehtävää kohden.":
        "Accountable: ansvarar för att arbetet blir gjort; en roll per uppgift.",
    "Consulted: häntä kuullaan ennen päätöstä.": "Consulted: konsulteras före beslutet.",
    "Informed: hänelle kerrotaan lopputulos.": "Informed: informeras om resultatet.",
    "tekee ja vastaa itse.": "utför och ansvarar själv.",
    "Kuka tekee, kuka vastaa, ketä kuullaan ja kenelle tiedotetaan kussakin prosessin tehtävässä.":
        "Vem utför, vem ansvarar, vem konsulteras och vem informeras i varje uppgift i processen.",
    "Merkinnät": "Markeringar",
    "Lataa CSV-tiedostona (Excel)": "Ladda ner som CSV-fil (Excel)",
    "Lataa Excel-työkirjana (muokattava, XLSX)": "Ladda ner som Excel-arbetsbok (redigerbar, XLSX)",
    "paikallisesti asetettu vastuu.": "lokalt fastställt ansvar.",
    "Vaiheittain": "Steg för steg",
    "vaihe_id": "steg_id",
    "vaihe": "steg",
    # year wheel page
    "Lakisääteiset ja sovitut tehtävät vuoden kierrossa. Kalenterin voi tilata omaan kalenteriohjelmaan (esim. "
    "Outlook): {calendar}; roolikohtaiset kalenterit löytyvät roolien sivuilta.":
        "Lagstadgade och överenskomna uppgifter under årets lopp. Du kan prenumerera på kalendern i ditt eget "
        "kalenderprogram (t.ex. Outlook): {calendar}; rollspecifika kalendrar finns på rollernas sidor.",
    "koko käsikirjan kalenteri (iCalendar)": "hela handbokens kalender (iCalendar)",
    "Tulostettava vuosikello (vain kyseisen vuoden tehtävät, esim. johtoryhmän vuoden ensimmäiseen kokoukseen): ":
        "Årshjul för utskrift (endast uppgifterna för året i fråga, t.ex. till ledningsgruppens första möte under "
        "året): ",
    "Kuukausittain": "Månad för månad",
    "Vastuussa": "Ansvarig",
    "Rytmi": "Rytm",
    "Peruste": "Grund",
    "Lakiviite": "Lagrum",
    "Kaikki tehtävät": "Alla uppgifter",
    "Osallistujat": "Deltagare",
    # role pages
    "Valitse roolisi: sen sivulla ovat kaikki tehtäväsi prosessissa ja vuosikellossa.":
        "Välj din roll: på rollens sida finns alla dina uppgifter i processen och i årshjulet.",
    "Minun tehtäväni": "Mina uppgifter",
    "määräaika": "tidsfrist",  # also a field name (deadline.within)
    "Roolilla ei ole tehtäviä prosessin vaiheissa.": "Rollen har inga uppgifter i processens steg.",
    "Vuosikellon tehtävät": "Uppgifter i årshjulet",
    "Tilaa roolin kalenteri (iCalendar)": "Prenumerera på rollens kalender (iCalendar)",
    "Roolilla ei ole vuosikellon tehtäviä.": "Rollen har inga uppgifter i årshjulet.",
    # glossary
    "Katso myös": "Se även",
    # local deviations page
    "Tämä käsikirja (**{region}**) poikkeaa kansallisesta mallista (versio {version}) alla luetelluin tavoin. "
    "Kunkin muutoksen kohdalla on perustelu, tiedosto ja rivi, jolla muutos on tehty, sekä linkit paikalliseen "
    "ja kansalliseen versioon.":
        "Den här handboken (**{region}**) avviker från den nationella modellen (version {version}) på de sätt som "
        "anges nedan. För varje ändring anges motiveringen, filen och raden där ändringen har gjorts samt länkar "
        "till den lokala och den nationella versionen.",
    "Kansallinen malli on muuttunut": "Den nationella modellen har ändrats",
    "Ei poikkeamia: alue käyttää kansallista mallia sellaisenaan.":
        "Inga avvikelser: området använder den nationella modellen som sådan.",
    "Prosessin vaiheet": "Processens steg",
    "Vastuut (RACI)": "Ansvar (RACI)",
    "Organisaatiot": "Organisationer",
    "Lisätty": "Tillagd",
    "Muutettu": "Ändrad",
    "Poistettu": "Borttagen",
    "Vastuut asetettu": "Ansvar fastställt",
    "paikallinen": "lokal",
    "kansallinen": "nationell",
    "Kohde": "Objekt",
    "Muutos": "Ändring",
    "Perustelu": "Motivering",
    "Yhteensä: {counts}.": "Totalt: {counts}.",
    # model field names (changes.FIELD and changes.LANGS), in "Paikallinen muutos" and the deviations page
    "nimi": "namn",
    "tyyppi": "typ",
    "kaista": "bana",
    "kuvaus": "beskrivning",
    "huomautus": "anmärkning",
    "määräajan lähtökohta": "tidsfristens utgångspunkt",
    "toistuva määräaika": "återkommande tidsfrist",
    "määräajan selite": "förklaring till tidsfristen",
    "lakiperuste": "rättslig grund",
    "lakisääteisyys": "lagstadgad status",
    "kansallinen lukitus": "nationell låsning",
    "kirjattavat tiedot": "uppgifter som dokumenteras",
    "lähtötiedot": "utgångsuppgifter",
    "tuotokset": "resultat",
    "tarkistuslistat": "checklistor",
    "yhteystiedot": "kontaktuppgifter",
    "palvelut": "tjänster",
    "lyhenne": "förkortning",
    "verkko-osoite": "webbadress",
    "organisaatio": "organisation",
    "vastuurooli": "ansvarig roll",
    "osallistujat": "deltagare",
    "kuukaudet": "månader",
    "toistosääntö": "upprepningsregel",
    "alkamispäivä": "startdatum",
    "rytmi": "rytm",
    "termi": "term",
    "määritelmä": "definition",
    "katso myös": "se även",
    "mallin versio": "modellens version",
    "kielet": "språk",
    "lakilinkkien osoite": "adress för lagrumslänkar",
    "kaistojen otsikko": "banornas rubrik",
    "ehto": "villkor",
    "ruotsiksi": "på svenska",
    "englanniksi": "på engelska",
    # theme and print
    "Linkki tähän kohtaan": "Länk till det här avsnittet",
    "lähde": "källa",
    "Sisällys": "Innehåll",
    # accessibility statement (Swedish terms of act 306/2019: tillgänglighetsutlåtande, respons om
    # tillgängligheten, tillgänglighetsklagan, tillsynsmyndighet)
    "Saavutettavuusseloste": "Tillgänglighetsutlåtande",
    "Tämä seloste koskee verkkopalvelua {name}. Digitaalisten palvelujen tarjoamisesta annettu laki "
    "(306/2019) edellyttää, että julkisen sektorin verkkopalvelut täyttävät WCAG 2.1 -ohjeiden "
    "AA-tason vaatimukset ja että niillä on saavutettavuusseloste.":
        "Detta utlåtande gäller webbtjänsten {name}. Lagen om tillhandahållande av digitala tjänster "
        "(306/2019) kräver att den offentliga sektorns webbtjänster uppfyller kraven på nivå AA i "
        "WCAG 2.1 och har ett tillgänglighetsutlåtande.",
    "Saavutettavuuden tila": "Tillgänglighetens status",
    "{name} täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset.":
        "{name} uppfyller kraven på nivå AA i WCAG 2.1.",
    "{name} täyttää WCAG 2.1 -ohjeiden AA-tason vaatimukset osittain.":
        "{name} uppfyller delvis kraven på nivå AA i WCAG 2.1.",
    "{name} ei täytä WCAG 2.1 -ohjeiden AA-tason vaatimuksia.":
        "{name} uppfyller inte kraven på nivå AA i WCAG 2.1.",
    "Sisältö, joka ei ole saavutettavaa": "Innehåll som inte är tillgängligt",
    "Vaihtoehto:": "Alternativ:",
    "Tunnettuja puutteita ei ole.": "Inga kända brister.",
    "Jos tarvitset jonkin sisällön saavutettavassa muodossa, voit pyytää sitä alla olevasta "
    "osoitteesta (306/2019 10 §).":
        "Om du behöver något innehåll i tillgänglig form kan du begära det via adressen nedan "
        "(306/2019 10 §).",
    "Selosteen laatiminen": "Hur utlåtandet har utarbetats",
    "Saavutettavuus on arvioitu {date}.": "Tillgängligheten bedömdes {date}.",
    "Käsikirjan versio {version}.": "Handbokens version {version}.",
    "Palaute": "Respons",
    "Jos huomaat saavutettavuuspuutteen, kerro siitä meille. Vastaamme viimeistään kahden viikon "
    "kuluessa (306/2019 10 §).":
        "Om du upptäcker en brist i tillgängligheten, meddela oss. Vi svarar inom två veckor "
        "(306/2019 10 §).",
    "sähköposti": "e-post",
    "Valvontaviranomainen": "Tillsynsmyndighet",
    "Jos et ole tyytyväinen vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä "
    "saavutettavuuskantelun valvontaviranomaiselle.":
        "Om du inte är nöjd med svaret eller inte får något svar inom två veckor kan du anföra "
        "tillgänglighetsklagan hos tillsynsmyndigheten.",
    "peruste": "grund",
    "Tarkistettava": "Ska kontrolleras",
    "Saavutettavuuden tilaa ei ole arvioitu (typ.yaml: accessibility.status).":
        "Tillgänglighetens status har inte bedömts (typ.yaml: accessibility.status).",
    "Tunnettuja puutteita ei ole kirjattu (typ.yaml: accessibility.gaps).":
        "Kända brister har inte registrerats (typ.yaml: accessibility.gaps).",
    "Arvioinnin päivämäärä puuttuu (typ.yaml: accessibility.assessed).":
        "Datum för bedömningen saknas (typ.yaml: accessibility.assessed).",
    "Palautteen sähköpostiosoite puuttuu (typ.yaml: accessibility.feedback, alueella "
    "region.yaml: accessibility_feedback).":
        "E-postadress för respons saknas (typ.yaml: accessibility.feedback, för ett område "
        "region.yaml: accessibility_feedback).",
    "Valvontaviranomaista ei ole nimetty (typ.yaml: accessibility.supervisor).":
        "Tillsynsmyndighet har inte angetts (typ.yaml: accessibility.supervisor).",
}

TABLES = {"sv": SV}


def tr(text: str, lang: str = "fi") -> str:
    return TABLES.get(lang, {}).get(text, text)
