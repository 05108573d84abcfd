"""Strings of the analyst pages: sign-in, upload with preview, history and rollback."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.login": ("Analītiķiem", "For analysts"),
    # sign-in
    "login.intro": ("Datu augšupielāde, publicēšana un vēsture ir pieejama analītiķiem. "
                    "Pārskatu skatīšanai pierakstīties nav vajadzīgs.",
                    "Uploading, publishing and the history are for analysts. "
                    "Viewing the dashboard needs no sign-in."),
    "login.name": ("Jūsu vārds (saglabā pie augšupielādēm un publikācijām)",
                   "Your name (recorded with uploads and publications)"),
    "login.name_personal": ("Jūsu vārds (kā analītiķu sarakstā)", "Your name (as on the analysts' list)"),
    "login.password": ("Parole", "Password"),
    "login.submit": ("Pierakstīties", "Sign in"),
    "login.need_name": ("Ierakstiet savu vārdu.", "Enter your name."),
    "login.wrong": ("Nepareiza parole. Atlikušie mēģinājumi: {n}.", "Wrong password. Attempts left: {n}."),
    "login.wrong_personal": ("Nepareizs vārds vai parole. Atlikušie mēģinājumi: {n}.",
                             "Wrong name or password. Attempts left: {n}."),
    "login.locked": ("Pārāk daudz neveiksmīgu mēģinājumu: pierakstīšanās ir bloķēta vēl {minutes} min.",
                     "Too many failed attempts: signing in is locked for another {minutes} min."),
    "login.locked_person": ("Šim vārdam ir bijis pārāk daudz neveiksmīgu mēģinājumu: tas uz laiku ir bloķēts. "
                            "Mēģiniet vēlāk vai pierakstieties ar organizācijas kontu.",
                            "Too many failed attempts for this name: it is locked for a while. "
                            "Try later, or sign in with your organisation account."),
    "login.signed_in": ("Jūs esat pierakstījies kā {name}.", "Signed in as {name}."),
    "login.via_password": ("Pierakstīšanās ar kopīgo analītiķu paroli.", "Signed in with the shared analyst password."),
    "login.via_personal": ("Pierakstīšanās ar personīgo paroli.", "Signed in with a personal password."),
    "login.via_sso": ("Pierakstīšanās ar organizācijas kontu.", "Signed in with your organisation account."),
    "login.until": ("Derīga līdz {time}, arī pēc lapas pārlādes un citās cilnēs.",
                    "Valid until {time}, also after a reload and in other tabs."),
    "login.this_tab_only": ("Serveris palaists bez `serve.py` (`make run`): šī pierakstīšanās ilgst tikai šajā "
                            "cilnē.", "The server was started without `serve.py` (`make run`): this sign-in "
                            "lasts for this tab only."),
    "login.lasts": ("Pierakstīšanās ilgst {hours} h vai līdz izrakstīšanās brīdim.",
                    "A sign-in lasts {hours} h or until you sign out."),
    "login.sign_out": ("Izrakstīties", "Sign out"),
    "login.generated": ("Parole nav iestatīta (OGP_ANALYST_PASSWORD): servera pirmajā palaišanā tika izveidota "
                        "nejauša parole un vienreiz izdrukāta servera konsolē.",
                        "No password is configured (OGP_ANALYST_PASSWORD): a random one was generated at the "
                        "server's first start and printed once to the server console."),
    "login.personal": ("Katram analītiķim ir sava parole; augšupielādes saglabā jūsu vārdu no saraksta.",
                       "Each analyst has a password of their own; uploads record your name from the list."),
    "login.sso": ("Pierakstīties ar organizācijas kontu", "Sign in with your organisation account"),
    "login.or_password": ("vai ar paroli:", "or with a password:"),
    "login.sso_unverified": ("Organizācijas konts {email} nav apstiprinājis e-pasta adresi, tāpēc to nevar "
                             "izmantot analītiķu darbam.", "The organisation account {email} has no verified "
                             "e-mail address, so it cannot be used for analyst work."),
    "login.sso_not_listed": ("Jūs esat pierakstījies kā {email}, bet šī adrese nav analītiķu sarakstā. "
                             "Pārskatus varat skatīt; augšupielādei lūdziet administratoru jūs pievienot.",
                             "You are signed in as {email}, but this address is not on the analysts' list. "
                             "You can view the dashboard; ask the administrator to add you for uploads."),
    "login.sso_expired": ("Pierakstīšanās kā {email} ir beigusies (izrakstīšanās vai {hours} h termiņš). "
                          "Pierakstieties vēlreiz.", "The sign-in as {email} has ended (signed out, or its "
                          "{hours} h have passed). Sign in again."),
    "login.only_analysts": ("Šī lapa ir pieejama tikai analītiķiem. Pierakstieties lapā „Analītiķiem”.",
                            "This page is for analysts only. Sign in on the 'For analysts' page."),
    # upload
    "upload.intro": ("Augšupielādējiet uzraudzības eksportu (.xlsx, līdz {mb} MB). Fails tiek pārbaudīts, un "
                     "pirms publicēšanas redzat, kas mainīsies. Skatītāji jauno ziņojumu redz tikai pēc "
                     "„Publicēt”.",
                     "Upload a monitoring export (.xlsx, up to {mb} MB). The file is checked and you see what "
                     "would change before publishing. Viewers see the new report only after 'Publish'."),
    "upload.template": ("Lejupielādēt tukšo veidni", "Download the blank template"),
    "upload.template_help": ("Veidnē ir statusu un atbildīgo iestāžu izvēlnes (iestādes no pašreizējiem datiem).",
                             "The template has drop-downs for status and lead institution (institutions from the "
                             "current data)."),
    "upload.file": ("Excel eksports (.xlsx, līdz {mb} MB): ievelciet failu laukā zemāk vai spiediet pogu "
                    "„Upload” (pārlūka pogas teksts ir angliski)",
                    "Excel export (.xlsx, up to {mb} MB): drop the file on the field below or press 'Upload'"),
    "upload.too_large": ("Fails ir {size} MB liels, bet atļauts līdz {mb} MB. Izdzēsiet liekās lapas vai "
                         "attēlus, vai lūdziet administratoram palielināt OGP_MAX_UPLOAD_MB.",
                         "The file is {size} MB, but at most {mb} MB is allowed. Remove unneeded sheets or "
                         "pictures, or ask the administrator to raise OGP_MAX_UPLOAD_MB."),
    "upload.checking": ("Pārbauda failu…", "Checking the file…"),
    "upload.step.read": ("{i}/{n} Nolasa failu ({mb} MB)…", "{i}/{n} Reading the file ({mb} MB)…"),
    "upload.step.check": ("{i}/{n} Pārbauda lapas, šūnas, datumu un plānu…",
                          "{i}/{n} Checking the sheets, cells, date and plan…"),
    "upload.step.store": ("{i}/{n} Sagatavo priekšskatījumu (vēl nepublicē)…",
                          "{i}/{n} Preparing the preview (nothing is published)…"),
    "upload.checked_ok": ("Fails pārbaudīts: kļūdu nav", "File checked: no errors"),
    "upload.checked_bad": ("Failā ir kļūdas", "The file has errors"),
    "upload.errors": ("Šo failu nevar publicēt: kļūdu skaits {n}. Izlabojiet tās Excel failā un augšupielādējiet "
                      "vēlreiz. Datubāze nav mainīta.",
                      "This file cannot be published: {n} error(s). Fix them in the Excel file and upload it "
                      "again. The database is unchanged."),
    "upload.notices": ("Piezīmes (publicēšanu nebloķē)", "Notices (do not block publishing)"),
    "upload.need_date": ("Failā nav ziņojuma datuma. Norādiet, uz kuru datumu dati attiecas.",
                         "The file has no report date. Give the date the data refers to."),
    "upload.date_label": ("Ziņojuma datums (dd.mm.gggg.)", "Report date (dd.mm.yyyy)"),
    "upload.date_detected": ("Ziņojuma datums — nolasīts failā, varat labot (dd.mm.gggg.)",
                             "Report date — read from the file, you can change it (dd.mm.yyyy)"),
    "upload.date_help": ("Datums, uz kuru attiecas ziņojuma dati („Stāvoklis uz …”). Kalendāra valoda un nedēļas "
                         "pirmā diena seko pārlūka valodai.",
                         "The date the report's data refer to ('Status as of …'). The calendar's language and "
                         "first day of the week follow the browser's language."),
    "upload.identical_current": ("Šis fails jau ir augšupielādēts kā #{sid} (ziņojums uz {date}), un tas ir "
                                 "pašreizējais publicētais ziņojums. Nekas netika pievienots.",
                                 "This file was already uploaded as #{sid} (report as of {date}) and it is the "
                                 "current published report. Nothing was added."),
    "upload.identical_old": ("Šis fails jau ir augšupielādēts kā #{sid} (ziņojums uz {date}) un agrāk publicēts, "
                             "bet pašlaik nav pašreizējais. Lai to atjaunotu, izmantojiet lapu „Vēsture”. "
                             "Nekas netika pievienots.",
                             "This file was already uploaded as #{sid} (report as of {date}) and published "
                             "before, but it is not current now. To restore it, use the 'History' page. "
                             "Nothing was added."),
    "upload.preview_title": ("Priekšskatījums — nekas vēl nav publicēts", "Preview — nothing is published yet"),
    "upload.m_report": ("Ziņojuma datums", "Report date"),
    "upload.m_measures": ("Pasākumi (rindas)", "Measures (rows)"),
    "upload.m_indicators": ("Rādītāji (rindas)", "Indicators (rows)"),
    "upload.m_schedule": ("Grafiks (rindas)", "Schedule (rows)"),
    "upload.compared_with": ("„{plan}”: salīdzinājums ar plāna pašreizējo ziņojumu uz {date} (#{sid}).",
                             "'{plan}': compared with the plan's current report as of {date} (#{sid})."),
    "upload.plan_is_new": ("„{plan}”: šim plānam vēl nav publicēta ziņojuma, šis būs pirmais.",
                           "'{plan}': this plan has no published report yet; this will be its first."),
    "upload.kept": ("Paliek, kā ir (šajā failā to nav): {parts}.",
                    "Stays as it is (not in this file): {parts}."),
    "upload.older": ("Uzmanību: šī ziņojuma datums ({date}) ir agrāks nekā „{plan}” pašreizējam ({current}). Pēc "
                     "publicēšanas skatītāji šim plānam redzēs vecākus datus.",
                     "Note: this report's date ({date}) is earlier than the current one of '{plan}' ({current}). "
                     "After publishing, viewers will see older data for this plan."),
    "upload.removal_warning": ("Pēc publicēšanas no „{plan}” pazudīs {n} no {total} pašreizējiem pasākumiem ({nos}): "
                               "padome tos vairs neredzēs ne pārskatā, ne eksportā, ne prezentācijā. Vai fails "
                               "ir pilns?",
                               "Publishing removes {n} of the {total} current measures of '{plan}' ({nos}): the "
                               "council will no longer see them on any page, export or deck. Is the file complete?"),
    "upload.removal_confirm": ("Jā, šie pasākumi ir jānoņem", "Yes, these measures are to be removed"),
    "upload.removal_unconfirmed": ("Publicēšana apturēta: apstipriniet pasākumu noņemšanu.",
                                   "Publishing stopped: confirm the removal of the measures."),
    "upload.need_plan": ("Failā nav norādīts plāns, un tā pasākumi neatbilst nevienam zināmam plānam. "
                         "Izvēlieties plānu vai ierakstiet jauna plāna nosaukumu.",
                         "The file names no plan, and its measures match no known plan. Choose a plan or "
                         "type the name of a new one."),
    "upload.plan_label": ("Plāns", "Plan"),
    "upload.plan_choose": ("— izvēlieties —", "— choose —"),
    "upload.plan_new": ("Jauns plāns…", "A new plan…"),
    "upload.plan_new_name": ("Jaunā plāna nosaukums", "The new plan's name"),
    "upload.no_changes": ("Pasākumos un rādītājos izmaiņu nav.", "No changes in measures or indicators."),
    "upload.kind.added": ("Pievienoti pasākumi: {n}", "Measures added: {n}"),
    "upload.kind.removed": ("Noņemti pasākumi: {n}", "Measures removed: {n}"),
    "upload.kind.status_changed": ("Mainīts statuss: {n}", "Status changed: {n}"),
    "upload.kind.note_changed": ("Mainīts progresa apraksts: {n}", "Progress note changed: {n}"),
    "upload.kind.indicators": ("Rādītāji: {n}", "Indicators: {n}"),
    "upload.publish": ("Publicēt", "Publish"),
    "upload.discard": ("Atcelt", "Discard"),
    "upload.published": ("Publicēts: ziņojums uz {date} (#{sid}) tagad ir pašreizējais visiem skatītājiem.",
                         "Published: the report as of {date} (#{sid}) is now current for every viewer."),
    "upload.discarded": ("Priekšskatījums atcelts; nekas netika publicēts.", "Preview discarded; nothing was published."),
    "upload.stale": ("Kamēr skatījāties priekšskatījumu, pašreizējais ziņojums tika mainīts. Salīdzinājums ir "
                     "atjaunots — pārskatiet to un publicējiet vēlreiz.",
                     "The current report changed while you were looking at the preview. The comparison has been "
                     "refreshed: review it and publish again."),
    "upload.open_overview": ("Atvērt pārskatu", "Open the overview"),
    "upload.yes": ("Jā", "Yes"),
    "upload.no": ("Nē", "No"),
    "upload.col.plan": ("Plāns", "Plan"),
    "upload.col.measure_no": ("Nr.", "No."),
    "upload.col.measure": ("Pasākums", "Measure"),
    "upload.col.status": ("Statuss", "Status"),
    "upload.col.status_change": ("Statuss: bija → būs", "Status: was → will be"),
    "upload.col.note_before": ("Progresa apraksts: bija", "Progress note: was"),
    "upload.col.note_after": ("Progresa apraksts: būs", "Progress note: will be"),
    "upload.col.change": ("Izmaiņa", "Change"),
    "upload.col.indicator": ("Rādītājs", "Indicator"),
    "upload.col.area": ("Teritorija / grupa", "Area / group"),
    "upload.col.year": ("Gads", "Year"),
    "upload.col.value_before": ("Bija", "Was"),
    "upload.col.value_after": ("Būs", "Will be"),
    "upload.col.unit": ("Mērvienība", "Unit"),
    "upload.col.report_date": ("Ziņojums uz", "Report as of"),
    "upload.col.uploaded_at": ("Augšupielādēts", "Uploaded at"),
    "upload.col.uploaded_by": ("Augšupielādēja", "Uploaded by"),
    "upload.col.file": ("Fails", "File"),
    "upload.col.rows": ("Rindas (pasākumi / rādītāji / grafiks)", "Rows (measures / indicators / schedule)"),
    "upload.col.published": ("Publicēts", "Published"),
    "upload.col.current": ("Pašreizējais", "Current"),
    "upload.col.acted_at": ("Laiks", "Time"),
    "upload.col.action": ("Darbība", "Action"),
    "upload.col.acted_by": ("Kas", "By"),
    "upload.ind.added": ("Pievienots", "Added"),
    "upload.ind.removed": ("Noņemts", "Removed"),
    "upload.ind.changed": ("Mainīts", "Changed"),
    "upload.action.publish": ("Publicēts", "Published"),
    "upload.action.rollback": ("Atjaunots agrāks ziņojums", "Earlier report restored"),
    "upload.action.withdraw": ("Publicēšana atsaukta", "Publication withdrawn"),
    "upload.col.parts": ("Saturs", "Contents"),
    "upload.col.parts_set": ("Kas kļuva pašreizējs", "What became current"),
    "upload.part.measures": ("„{plan}” pasākumi", "measures of '{plan}'"),
    "upload.part.schedule": ("„{plan}” grafiks", "schedule of '{plan}'"),
    "upload.part.indicators": ("uzticēšanās rādītāji", "trust indicators"),
    # history
    "history.intro": ("Visas augšupielādes un publikācijas. Katra augšupielāde aizstāj tikai to, kas tajā ir: "
                      "sava plāna pasākumus, grafiku vai uzticēšanās rādītājus. Publicēšanas atsaukšana atjauno "
                      "tieši to, ko tā aizstāja; agrāka ziņojuma atjaunošana padara tā daļas atkal par pašreizējām. "
                      "Viss tiek ierakstīts žurnālā, un nekas netiek dzēsts.",
                      "Every upload and publication. Each upload replaces only what it contains: its plan's "
                      "measures, a schedule or the trust indicators. Withdrawing a publication restores exactly "
                      "what it replaced; restoring an earlier report makes its parts current again. Everything "
                      "is recorded in the log and nothing is deleted."),
    "history.uploads": ("Augšupielādes", "Uploads"),
    "history.log": ("Publicēšanas žurnāls", "Publication log"),
    "history.empty": ("Vēl nav nevienas augšupielādes.", "No uploads yet."),
    "history.no_log": ("Vēl nekas nav publicēts.", "Nothing has been published yet."),
    "history.select": ("Izvēlieties augšupielādi", "Choose an upload"),
    "history.download": ("Lejupielādēt oriģinālo failu", "Download the original file"),
    "history.is_current": ("Skatītāji pašlaik redz no šīs augšupielādes: {parts}.",
                           "Viewers currently see from this upload: {parts}."),
    "history.withdraw": ("Atsaukt šo publicēšanu", "Withdraw this publication"),
    "history.withdraw_help": ("Atsaucot atjaunos iepriekšējo: {parts}. Pārējais paliek, kā ir.",
                              "Withdrawing restores what came before: {parts}. Everything else stays as it is."),
    "history.withdrawn": ("Augšupielādes #{sid} publicēšana atsaukta; atjaunots: {parts}. Darbība ierakstīta žurnālā.",
                          "Upload #{sid} withdrawn; restored: {parts}. The action is recorded in the log."),
    "history.rollback": ("Atjaunot šo ziņojumu", "Restore this report"),
    "history.rollback_help": ("Atjaunojot par pašreizējām kļūs tā daļas: {parts}. Pārējais paliek, kā ir.",
                              "Restoring makes its parts current again: {parts}. Everything else stays as it is."),
    "history.rolled_back": ("Ziņojums #{sid} atkal ir pašreizējais. Darbība ierakstīta žurnālā.",
                            "Report #{sid} is current again. The action is recorded in the log."),
    "history.unpublished": ("Šī augšupielāde nekad nav publicēta (priekšskatījums, kas netika ne publicēts, ne "
                            "atcelts). Lai to publicētu, augšupielādējiet failu vēlreiz un pārskatiet izmaiņas.",
                            "This upload was never published (a preview that was neither published nor "
                            "discarded). To publish it, upload the file again and review the changes."),
    "history.delete_confirm": ("Es saprotu: augšupielāde #{sid} tiks dzēsta neatgriezeniski",
                               "I understand: upload #{sid} will be deleted for good"),
    "history.delete": ("Dzēst nepublicēto augšupielādi", "Delete the unpublished upload"),
    "history.deleted": ("Augšupielāde #{sid} izdzēsta.", "Upload #{sid} deleted."),
    "history.not_deleted": ("Augšupielādi #{sid} nevar dzēst: tā ir publicēta.",
                            "Upload #{sid} cannot be deleted: it has been published."),
}
