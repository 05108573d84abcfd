"""Strings of the open data package and its page: the dataset's and each file's title and description,
every field's title and description (the package's Table Schema carries both languages), and the
"Atvērtie dati / Open data" page."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.open_data": ("Atvērtie dati", "Open data"),
    # the dataset (datapackage.json and dcat.jsonld)
    "od.dataset.title": ("Atvērtās pārvaldības rīcības plānu izpildes uzraudzība",
                         "Monitoring of Latvia's open government action plans"),
    "od.dataset.description": (
        "Latvijas Atvērtās pārvaldības partnerības (OGP) nacionālo rīcības plānu pasākumu izpilde pēc "
        "katra publicētā uzraudzības ziņojuma, kā arī sabiedrības uzticēšanās rādītāji ar to avotiem. "
        "Dati tiek atjaunoti ar katru publicēšanu vai atsaukšanu OGP Monitor rīkā; nepublicēti dati "
        "un analītiķu vārdi datu kopā netiek iekļauti.",
        "Progress of the measures of Latvia's Open Government Partnership (OGP) national action plans "
        "as of every published monitoring report, and the public's trust indicators with their sources. "
        "The data are rewritten on every publication or rollback in the OGP Monitor; nothing unpublished "
        "and no analyst's name is included."),
    "od.keywords": ("atvērtā pārvaldība; OGP; rīcības plāns; uzraudzība; uzticēšanās",
                    "open government; OGP; action plan; monitoring; trust"),
    "od.source.reports": ("Atvērtās pārvaldības rīcības plānu izpildes uzraudzības ziņojumi (Valsts kanceleja)",
                          "Monitoring reports on the open government action plans (State Chancellery)"),
    # the files
    "od.res.measures.title": ("Pasākumi — katra plāna pašreizējais ziņojums",
                              "Measures — the current report of each plan"),
    "od.res.measures.description": (
        "Katra rīcības plāna pasākumi pēc tā pašreizējā (jaunākā publicētā) ziņojuma; viena rinda katram "
        "pasākumam. Plāni: {plans}.",
        "The measures of each action plan as of its current (latest published) report; one row per "
        "measure. Plans: {plans}."),
    "od.res.measures_report.title": ("Pasākumi — {plan}, ziņojums {date}", "Measures — {plan}, report of {date}"),
    "od.res.measures_report.description": (
        "Plāna „{plan}” pasākumi, kā tie publicēti ziņojumā ar datumu {date}.",
        "The measures of the plan '{plan}' as published in its report dated {date}."),
    "od.res.indicators.title": ("Uzticēšanās rādītāji", "Trust indicators"),
    "od.res.indicators.description": (
        "Sabiedrības uzticēšanās rādītāji (Latvija un salīdzinājuma vidējie) pa gadiem, ar katras vērtības "
        "avotu. Avoti: {sources}.",
        "The public's trust indicators (Latvia and comparison averages) per year, with each value's "
        "source. Sources: {sources}."),
    "od.res.parquet": (" Tie paši dati Parquet formātā.", " The same data in Parquet format."),
    "od.res.datapackage.title": ("Datu paketes apraksts (Frictionless Data Package)",
                                 "Data package descriptor (Frictionless Data Package)"),
    "od.res.datapackage.description": (
        "Visu failu saraksts ar katra lauka nosaukumu, tipu, aprakstu latviski un angliski, primāro atslēgu "
        "un pieļaujamajām statusu vērtībām.",
        "Every file with each field's name, type, Latvian and English description, the primary key and "
        "the allowed status values."),
    "od.res.dcat.title": ("DCAT-AP metadati (JSON-LD)", "DCAT-AP metadata (JSON-LD)"),
    # fields: measures
    "od.f.report_date": ("Ziņojuma datums", "Report date"),
    "od.f.report_date.d": ("Uzraudzības ziņojuma datums, uz kuru attiecas pasākuma stāvoklis (GGGG-MM-DD).",
                           "The date of the monitoring report the measure's state refers to (YYYY-MM-DD)."),
    "od.f.plan_id": ("Plāns", "Plan"),
    "od.f.plan_id.d": ("Rīcības plāns, kā tas nosaukts ziņojumā, piem. „5. plāns 2022–2025”.",
                       "The action plan as the report names it, e.g. '5. plāns 2022–2025'."),
    "od.f.commitment_no": ("Apņemšanās Nr.", "Commitment no."),
    "od.f.commitment_no.d": ("Apņemšanās numurs plānā (teksts, piem. „1”).",
                             "The commitment's number within the plan (text, e.g. '1')."),
    "od.f.commitment_title": ("Apņemšanās", "Commitment"),
    "od.f.commitment_title.d": ("Apņemšanās nosaukums; tukšs, ja ziņojumā tā nav norādīta.",
                                "The commitment's title; empty when the report does not give it."),
    "od.f.measure_no": ("Pasākuma Nr.", "Measure no."),
    "od.f.measure_no.d": ("Pasākuma numurs plānā (teksts, lai „1.10” nekļūtu par 1.1); kopā ar plānu — "
                          "rindas atslēga.",
                          "The measure's number within the plan (text, so that '1.10' stays distinct from "
                          "1.1); with the plan, the row's key."),
    "od.f.measure_title": ("Pasākums", "Measure"),
    "od.f.measure_title.d": ("Pasākuma nosaukums, kā tas rakstīts ziņojumā.", "The measure's title as written "
                                                                               "in the report."),
    "od.f.lead_institution": ("Atbildīgā iestāde", "Lead institution"),
    "od.f.lead_institution.d": ("Iestāde, kas vada pasākuma izpildi.", "The institution leading the measure."),
    "od.f.partner_institutions": ("Līdzatbildīgās iestādes", "Partner institutions"),
    "od.f.partner_institutions.d": ("Līdzatbildīgās iestādes un partneri, atdalīti ar „; ”; tukšs, ja nav.",
                                    "Partner institutions and organisations, separated by '; '; empty when "
                                    "there are none."),
    "od.f.status_group": ("Statusa grupa", "Status group"),
    "od.f.status_group.d": ("Izpildes statuss kā kods: not_started (nav uzsākts), in_progress (uzsākts, "
                            "izpilde procesā), advanced (pabeigts vai būtisks progress), withdrawn (atsaukts).",
                            "The implementation status as a code: not_started, in_progress (started, under "
                            "way), advanced (completed or substantial progress), withdrawn."),
    "od.f.status_label": ("Statuss", "Status"),
    "od.f.status_label.d": ("Statuss padomes vienotajā latviskajā rakstībā (statusa grupas nosaukums vai "
                            "precīzāks: „Pabeigts”, „Būtisks progress”, „Ierobežots progress”).",
                            "The status in the council's one Latvian spelling (the group's name or a finer "
                            "one: 'Pabeigts' completed, 'Būtisks progress' substantial, 'Ierobežots "
                            "progress' limited)."),
    "od.f.ogp_level": ("OGP izpildes līmenis", "OGP completion level"),
    "od.f.ogp_level.d": ("Statuss OGP pašnovērtējuma un IRM terminos (angliski): Not started, Limited, "
                         "Substantial, Complete, Withdrawn.",
                         "The status in the words of the OGP self-assessment and the IRM: Not started, "
                         "Limited, Substantial, Complete, Withdrawn."),
    "od.f.start_date": ("Sākums", "Start"),
    "od.f.start_date.d": ("Pasākuma sākuma datums (GGGG-MM-DD); tukšs, ja nav norādīts.",
                          "The measure's start date (YYYY-MM-DD); empty when not given."),
    "od.f.deadline_date": ("Termiņš", "Deadline"),
    "od.f.deadline_date.d": ("Pasākuma izpildes termiņš (GGGG-MM-DD); tukšs, ja nav norādīts.",
                             "The measure's deadline (YYYY-MM-DD); empty when not given."),
    "od.f.progress_pct": ("Izpilde, %", "Progress, %"),
    "od.f.progress_pct.d": ("Izpildes procents 0–100, ja ziņojumā norādīts; citādi tukšs.",
                            "Percentage complete, 0–100, when the report gives one; otherwise empty."),
    "od.f.progress_note": ("Progresa apraksts", "Progress note"),
    "od.f.progress_note.d": ("Atbildīgās iestādes apraksts par paveikto, kā rakstīts ziņojumā (teksts, ne "
                             "formula, arī ja sākas ar „=”).",
                             "The lead institution's account of what was done, as written in the report "
                             "(text, never a formula, even when it starts with '=')."),
    "od.f.carried_forward": ("Nav jaunas informācijas", "No new information"),
    "od.f.carried_forward.d": ("true, ja datu vākšanas kārtā iestāde par pasākumu neatbildēja un ziņojumā "
                               "palika iepriekšējā ziņojuma statuss un apraksts; citādi false.",
                               "true when the institution did not answer for this measure in the collection "
                               "round and the report kept the previous report's status and note; else false."),
    "od.f.ogp_id": ("OGP ID", "OGP ID"),
    "od.f.ogp_id.d": ("Pasākuma kods OGP sistēmā (piem. LV0040); tukšs, ja nav norādīts.",
                      "The measure's code in the OGP's own system (e.g. LV0040); empty when not given."),
    # fields: indicators
    "od.f.indicator": ("Rādītājs", "Indicator"),
    "od.f.indicator.d": ("Rādītāja nosaukums latviski; kopā ar teritoriju un gadu — rindas atslēga.",
                         "The indicator's Latvian name; with the area and the year, the row's key."),
    "od.f.indicator_en": ("Rādītājs angliski", "Indicator (English)"),
    "od.f.indicator_en.d": ("Rādītāja nosaukums angliski; tukšs, ja nav norādīts.",
                            "The indicator's English name; empty when not given."),
    "od.f.area": ("Teritorija", "Area"),
    "od.f.area.d": ("Valsts vai vidējais, uz ko vērtība attiecas, piem. „Latvija”, „ESAO vidēji”.",
                    "The country or average the value is for, e.g. 'Latvija', 'ESAO vidēji' (OECD average)."),
    "od.f.year": ("Gads", "Year"),
    "od.f.year.d": ("Gads, uz kuru vērtība attiecas.", "The year the value refers to."),
    "od.f.value": ("Vērtība", "Value"),
    "od.f.value.d": ("Rādītāja vērtība mērvienībā „unit” (decimāldaļas atdala punkts).",
                     "The indicator's value in the unit given in 'unit' (decimal point)."),
    "od.f.unit": ("Mērvienība", "Unit"),
    "od.f.unit.d": ("Vērtības mērvienība, piem. „%”.", "The value's unit, e.g. '%'."),
    "od.f.source": ("Avots", "Source"),
    "od.f.source.d": ("Vērtības avots (pētījums vai publikācija), kā norādīts ziņojumā.",
                      "The value's source (survey or publication) as the report gives it."),
    # the page
    "od.intro": ("Visi publicētie dati ir pieejami kā atvērtie dati: mašīnlasāmā datu paketē ar stabilām "
                 "adresēm, kas tiek pārrakstīta ar katru publicēšanu vai atsaukšanu. Nepublicēti dati, "
                 "augšupielādētie faili un analītiķu vārdi tajā netiek iekļauti.",
                 "All published data are available as open data: a machine-readable package at stable "
                 "addresses, rewritten on every publication or rollback. Nothing unpublished, no uploaded "
                 "file and no analyst's name is in it."),
    "od.none": ("Atvērto datu pakete vēl nav sagatavota. Tā tiek uzrakstīta, kad serveris startē un pēc "
                "katras publicēšanas.",
                "The open data package has not been written yet. It is written when the server starts and "
                "after every publication."),
    "od.files_heading": ("Faili", "Files"),
    "od.files_caption": ("Publicēts {modified}. Faila saite atver to pārlūkā vai lejupielādē; adrese "
                         "paliek tā pati arī pēc nākamās publicēšanas.",
                         "Published {modified}. A file's link opens or downloads it; the address stays the "
                         "same after the next publication."),
    "od.col.file": ("Fails", "File"),
    "od.col.content": ("Saturs", "Content"),
    "od.col.rows": ("Rindas", "Rows"),
    "od.col.size": ("Izmērs", "Size"),
    "od.col.field": ("Lauks", "Field"),
    "od.col.type": ("Tips", "Type"),
    "od.col.title": ("Nosaukums", "Title"),
    "od.col.description": ("Apraksts", "Description"),
    "od.col.allowed": ("Pieļaujamās vērtības", "Allowed values"),
    "od.col.key": ("Atslēga", "Key"),
    "od.fields_heading": ("Lauku apraksts", "Fields"),
    "od.fields_measures": ("Pasākumi (visi pasākumu faili)", "Measures (every measures file)"),
    "od.fields_indicators": ("Uzticēšanās rādītāji", "Trust indicators"),
    "od.formats": ("CSV: UTF-8 bez BOM, atdalītājs komats, datumi GGGG-MM-DD, decimāldaļas ar punktu. Teksts, "
                   "kas sākas ar „=”, paliek teksts: šie faili ir programmām, ne Excel, tāpēc tajos nekas "
                   "netiek pārveidots. Excel lietotājiem ir lapa „Dati un eksports”.",
                   "CSV: UTF-8 without BOM, comma-separated, dates YYYY-MM-DD, decimal point. Text starting "
                   "with '=' stays as it is: these files are for programs, not for Excel, so nothing in them "
                   "is altered. For Excel, use the 'Data & export' page."),
    "od.licence_heading": ("Licence", "Licence"),
    "od.licence": ("Dati ir publicēti ar licenci [{title}]({url}). Izdevējs: {publisher}. Atjaunošanas "
                   "biežums: {frequency}.",
                   "The data are published under the licence [{title}]({url}). Publisher: {publisher}. "
                   "Update frequency: {frequency}."),
    "od.contact": ("Kontaktpunkts: {contact}.", "Contact point: {contact}."),
    "od.curl_heading": ("Lejupielāde no komandrindas", "Download from the command line"),
    "od.curl_caption": ("datapackage.json nosauc katru paketes failu; dcat.jsonld norāda katra faila izmēru un "
                        "SHA-256.",
                        "datapackage.json names every file of the package; dcat.jsonld gives each file's size "
                        "and SHA-256."),
    "od.portal_heading": ("Reģistrēšana data.gov.lv", "Registering with data.gov.lv"),
    "od.portal": ("Latvijas atvērto datu portāls [data.gov.lv](https://data.gov.lv) darbojas ar CKAN. Publicētājs "
                  "vispirms iegūst piekļuvi portālam (portāla sadaļa publicētājiem). Tad ir divi ceļi:\n\n"
                  "1. lūgt portāla administratorus pievienot zemāk esošo adresi kā DCAT ievākšanas (harvest) "
                  "avotu: CKAN DCAT ievācējs to nolasa kā JSON-LD (tips application/ld+json) un pēc katras "
                  "ievākšanas atjaunina vienu datu kopu ar resursu katram failam;\n"
                  "2. portālā izveidot datu kopu un katram failam norādīt saiti uz tā adresi augstāk: adreses "
                  "nemainās, tāpēc saites vienmēr ved uz pašreizējiem datiem.",
                  "Latvia's open data portal [data.gov.lv](https://data.gov.lv) runs on CKAN. The publisher first "
                  "gets access to the portal (the portal's section for publishers). Then there are two ways:\n\n"
                  "1. ask the portal's administrators to add the address below as a DCAT harvest source: CKAN's "
                  "DCAT harvester reads it as JSON-LD (served as application/ld+json) and on every harvest "
                  "updates one dataset with one resource per file;\n"
                  "2. create the dataset on the portal and give each file's address above as a link: the "
                  "addresses never change, so the links always lead to the current data."),
    "od.no_public_url": ("Publiskā adrese nav iestatīta (OGP_PUBLIC_URL): DCAT failā saites ir relatīvas. "
                         "Pirms reģistrēšanas iestatiet servera publisko adresi, lai saites būtu pilnas.",
                         "No public address is set (OGP_PUBLIC_URL): the links in the DCAT file are relative. "
                         "Set the server's public address before registering, so that they are absolute."),
    "od.freq.IRREG": ("neregulāri — ar katru publicēto ziņojumu", "irregular — with every published report"),
    "od.freq.ANNUAL": ("reizi gadā", "annual"),
    "od.freq.ANNUAL_2": ("divreiz gadā", "twice a year"),
    "od.freq.QUARTERLY": ("reizi ceturksnī", "quarterly"),
    "od.freq.MONTHLY": ("reizi mēnesī", "monthly"),
    "od.not_updated": ("Atvērto datu paketi neizdevās atjaunināt ({error}). Tiek pasniegta un zemāk parādīta "
                       "iepriekšējā pakete.",
                       "The open data package could not be updated ({error}). The previous package is still "
                       "served and shown below."),
    "od.not_written": ("Atvērto datu paketi neizdevās uzrakstīt ({error}).",
                       "The open data package could not be written ({error})."),
    "od.not_updated_after_publication": (
        "Publicēšana ir izdevusies, bet atvērto datu paketi neizdevās atjaunināt ({error}). Tiek pasniegta "
        "iepriekšējā pakete. Lapa „Atvērtie dati” mēģina to atjaunināt ikreiz, kad to atver; kļūda ir "
        "ierakstīta servera žurnālā.",
        "The publication went through, but the open data package could not be updated ({error}). The "
        "previous package is still served. The 'Open data' page tries again each time it is opened; the "
        "error is in the server's log."),
}
