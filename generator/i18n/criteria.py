"""Swedish interface text of the criteria pages (Asiakkuuden alku ja loppu, Rajatapaukset, the workshop
sheet and survey template, and the checklists steps generate from criteria). Merged into the catalogue."""

from __future__ import annotations

SV: dict[str, str] = {
    "Asiakkuuden alku ja loppu": "Kundrelationens början och slut",
    "Rajatapaukset": "Gränsfall",
    "Työpajapohja: asiakastarinat": "Workshopunderlag: kundberättelser",
    "Kansallisesti sovittu": "Nationellt överenskommen",
    "Keskusteltavana – ei sovittu kansallisesti": "Under diskussion – inte nationellt överenskommen",
    "Sovittu toisin tällä alueella": "Annorlunda överenskommet i detta område",
    "Kuuluu palvelun piiriin": "Hör till servicen",
    "Ei kuulu palvelun piiriin": "Hör inte till servicen",
    "Lähde": "Källa",
    "Päättymisen syy": "Orsak till att kundrelationen upphör",
    "Asiakastarinoissa": "I kundberättelserna",
    "Liittyy": "Hör ihop med",
    "Kansallinen muotoilu": "Nationell formulering",
    "Tarina {n}": "Berättelse {n}",
    "{person}, {age} v": "{person}, {age} år",
    "Kriteeri": "Kriterium",
    "Ei vastaavaa kriteeriä": "Inget motsvarande kriterium",
    "Samaa mieltä": "Höll med",
    "ei tiedossa": "inte känt",
    "Tarinat eivät aseta kriteerejä": "Berättelserna fastställer inte kriterier",
    "Kriteerit ovat listoina sivulla {page}; tarinat näyttävät, miten ne näkyvät yksittäisen asiakkaan "
    "tilanteessa. Jokainen tekijä on linkitetty kriteeriin, jota se havainnollistaa.":
        "Kriterierna finns som listor på sidan {page}; berättelserna visar hur de syns i en enskild kunds "
        "situation. Varje faktor är länkad till det kriterium den illustrerar.",
    "Kriteerit neljänä listana: milloin asiakas ohjataan ja milloin ei, milloin hän pysyy asiakkaana ja "
    "milloin hänet ohjataan pois. Jokaisen kohdan lähde ja tila on merkitty; kohdat, joita ei ole sovittu "
    "kansallisesti, ovat keskusteltavana, eivätkä ne yksin ratkaise asiakkuutta. Ohjauksen ja arvioinnin "
    "tarkistuslistat muodostetaan näistä kriteereistä.":
        "Kriterierna som fyra listor: när kunden hänvisas och när inte, när kunden stannar kvar och när hen "
        "hänvisas bort. Varje punkts källa och status är angiven; punkter som inte är nationellt "
        "överenskomna är under diskussion och avgör inte ensamma kundrelationen. Checklistorna för "
        "hänvisning och bedömning bildas av dessa kriterier.",
    "Asiakastarinat pareittain: {cases}. Työpajapohja ja kyselypohja oman verkoston validointiin: {sheet}, "
    "{csv}.":
        "Kundberättelserna parvis: {cases}. Workshopunderlag och enkätmall för validering i det egna "
        "nätverket: {sheet}, {csv}.",
    "kyselypohja (CSV)": "enkätmall (CSV)",
    "Koodisto on havainnollistava: arvoja ei ole vielä kohdistettu asiakastietojärjestelmän koodeihin.":
        "Kodlistan är exemplifierande: värdena har ännu inte kopplats till kundinformationssystemets koder.",
    "Järjestelmä": "System",
    "Arvo": "Värde",
    "Määritelmä": "Definition",
    "Järjestelmän koodi": "Systemets kod",
    "ehdotus, ei sovittu": "förslag, inte överenskommet",
    "Tarkistuslista muodostetaan sivun {page} kriteereistä.":
        "Checklistan bildas av kriterierna på sidan {page}.",
    "Verkostojen yhteystiedot": "Nätverkens kontaktuppgifter",
    "Verkosto": "Nätverk",
    "Yhteyshenkilö": "Kontaktperson",
    "Näin käytät pohjaa": "Så använder du underlaget",
    "Selvityksessä tarinat yhteiskehitettiin työpajassa, ja laajempi joukko arvioi kyselyllä, oliko se samaa "
    "mieltä. Toistakaa sama omassa verkostossanne: tulostakaa tämä sivu, käykää tarinat läpi ryhmissä ja "
    "merkitkää, oletteko samaa mieltä kustakin tekijästä. Kyselypohjan (CSV) voi tuoda lomaketyökaluun tai "
    "taulukkoon, jolloin koko henkilöstö voi vastata samoihin kysymyksiin.":
        "I utredningen utarbetades berättelserna gemensamt i en workshop, och en större grupp bedömde i en "
        "enkät om den höll med. Gör samma sak i ert eget nätverk: skriv ut den här sidan, gå igenom "
        "berättelserna i grupper och markera om ni håller med om varje faktor. Enkätmallen (CSV) kan föras "
        "in i ett formulärverktyg eller ett kalkylblad, så att hela personalen kan svara på samma frågor.",
    "Tekijä": "Faktor",
    "Samaa mieltä?": "Håller ni med?",
    "Kommentti": "Kommentar",
    "kyllä / ei / en osaa sanoa": "ja / nej / vet inte",
    "Puuttuuko jotain, mikä ratkaisee asiakkuuden?": "Saknas något som avgör kundrelationen?",
    # survey template
    "kysymys_id": "fraga_id", "kysymys": "fraga", "tyyppi": "typ", "vaihtoehdot": "alternativ",
    "pakollinen": "obligatorisk", "valinta": "val", "teksti": "text", "kyllä": "ja", "ei": "nej",
    "Samaa mieltä;Osittain samaa mieltä;Eri mieltä;En osaa sanoa":
        "Håller med;Håller delvis med;Håller inte med;Vet inte",
    "Organisaatiosi ja roolisi": "Din organisation och roll",
    "{title}: {person}, {age} v, {version}. Oletko samaa mieltä?":
        "{title}: {person}, {age} år, {version}. Håller du med?",
    "Perustele tai kerro, mikä tekijä ratkaisee ({title})": "Motivera eller berätta vilken faktor som avgör ({title})",
    # field names on the deviations page (vocabulary.FIELD)
    "tila": "status", "kriteerilista": "kriterielista", "lähde": "källa",
    "päättymissyyt": "orsaker till att kundrelationen upphör",
    "liittyvät kriteerit": "relaterade kriterier", "asiakastarina": "kundberättelse", "tekijät": "faktorer",
    "arvot": "värden", "tarkistuslistojen kriteerit": "kriterier för checklistorna",
    # deviations page sections
    "Asiakkuuden kriteerit": "Kundrelationens kriterier",
    "Asiakastarinat": "Kundberättelser",
    "Koodistot": "Kodlistor",
}
