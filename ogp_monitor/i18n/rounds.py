"""Strings of the collection round page (Datu vākšana)."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.collection": ("Datu vākšana", "Collection round"),
    "round.intro": ("Katra atbildīgā iestāde saņem savu darbgrāmatu ar saviem pasākumiem, aizpilda to un atsūta "
                    "atpakaļ; atbildes kļūst par plāna nākamo ziņojumu — bez pārrakstīšanas. Nekas netiek "
                    "publicēts, kamēr jūs to nepublicējat.",
                    "Each responsible institution gets its own workbook with its own measures, fills it in and "
                    "sends it back; the answers become the plan's next report, with nothing retyped. Nothing is "
                    "published until you publish it."),
    "round.choose": ("Kārta", "Round"),
    "round.new": ("+ Sākt jaunu kārtu", "+ Start a new round"),
    "round.option": ("{plan} · uz {as_of} · {rid}", "{plan} · as of {as_of} · {rid}"),
    "round.m_state": ("Kārta", "Round"),
    "round.state.open": ("atvērta", "open"),
    "round.state.closed": ("aizvērta", "closed"),
    "round.state.published": ("publicēta", "published"),
    "round.state.cancelled": ("atcelta", "cancelled"),
    "round.start_heading": ("Jauna kārta", "New round"),
    "round.plan": ("Plāns", "Plan"),
    "round.as_of": ("Stāvoklis uz (ziņojuma datums)", "As of (the report's date)"),
    "round.due": ("Atbildes gaidāmas līdz", "Answers due by"),
    "round.partners": ("Jautāt arī līdzatbildīgajām iestādēm", "Ask the partner institutions too"),
    "round.partners_help": ("Līdzatbildīgās iestādes saņem savus pasākumus un aizpilda tikai aprakstu; tas tiek "
                            "pievienots aiz atbildīgās iestādes apraksta ar iestādes nosaukumu.",
                            "Partner institutions get their measures and fill in only the note; it is added after "
                            "the lead's note with the institution's name."),
    "round.need_as_of": ("Norādiet datumu, uz kuru iestādes ziņo.", "Give the date the institutions report as of."),
    "round.start": ("Sākt kārtu", "Start the round"),
    "round.started": ("Kārta {rid} sākta: {n} darbgrāmatas.", "Round {rid} started: {n} workbooks."),
    "round.m_institutions": ("Iestādes", "Institutions"),
    "round.m_returned": ("Atbildes pieņemtas", "Returns accepted"),
    "round.m_answered": ("Pasākumi ar atbildi", "Measures answered"),
    "round.m_due": ("Termiņš", "Due"),
    "round.download_zip": ("Lejupielādēt visas darbgrāmatas (ZIP)", "Download every workbook (ZIP)"),
    "round.download_zip_help": ("Viena .xlsx datne katrai iestādei ar tās pasākumiem, aizpildīta no plāna "
                                "ziņojuma uz {date}. Nosūtiet katru savai iestādei.",
                                "One .xlsx per institution with its measures, filled from the plan's report of "
                                "{date}. Send each to its institution."),
    "round.collect_heading": ("Saņemtās darbgrāmatas", "Returned workbooks"),
    "round.collect_files": ("Ievelciet vienu vai vairākas atsūtītās darbgrāmatas (.xlsx). Katru pārbauda "
                            "atsevišķi; kļūdains fails neaptur pārējos.",
                            "Drop one or more returned workbooks (.xlsx). Each is checked on its own; a file with "
                            "errors does not stop the others."),
    "round.collected": ("{file}: {institution} — pieņemts, atbildēts: {n} no {total}.",
                        "{file}: {institution} — accepted, {n} of {total} measures answered."),
    "round.duplicate": ("{file}: {institution} — šis pats fails jau ir saņemts; nekas nemainās.",
                        "{file}: {institution} — this same file was already collected; nothing changes."),
    "round.refused": ("{file}: nav pieņemts ({n} kļūdas).", "{file}: not accepted ({n} errors)."),
    "round.refused_kept": ("{file}: {institution} — nav pieņemts ({n} kļūdas); saglabāts kārtas vēsturē. Lūdziet "
                           "iestādei izlabot un atsūtīt vēlreiz.",
                           "{file}: {institution} — not accepted ({n} errors); kept in the round's history. Ask the "
                           "institution to fix it and send it again."),
    "round.tracker_heading": ("Kas atbildējis", "Who has answered"),
    "round.tracker_overdue": ("Termiņš ({date}) ir pagājis: iestādes, kas nav atbildējušas, ir saraksta sākumā.",
                              "The due date ({date}) has passed: the institutions that have not answered come first."),
    "round.col.institution": ("Iestāde", "Institution"),
    "round.col.n_measures": ("Pasākumi", "Measures"),
    "round.col.n_answered": ("Atbildēti", "Answered"),
    "round.col.n_not_answered": ("Bez atbildes", "Not answered"),
    "round.col.n_no_information": ("Nav informācijas", "No information"),
    "round.col.returned_at": ("Atsūtīts", "Returned at"),
    "round.col.returned_by": ("Saņēma", "Collected by"),
    "round.col.n_problems": ("Problēmas", "Problems"),
    "round.col.state": ("Stāvoklis", "State"),
    "round.col.measures_not_answered": ("Pasākumi bez atbildes", "Measures not answered"),
    "round.tracker_state.not_returned": ("nav atsūtīts", "not returned"),
    "round.tracker_state.returned": ("atsūtīts", "returned"),
    "round.tracker_state.needs_fix": ("jālabo: pēdējais fails ar kļūdām", "needs a fix: the last file had errors"),
    "round.overdue_mark": ("⚠ nokavēts", "⚠ overdue"),
    "round.no_information_help": ("Nav informācijas: pasākums nav pabeigts, un jaunais apraksts ir tukšs (vai fails "
                                  "nav atsūtīts).",
                                  "No information: the measure is not advanced and its new note is empty (or the file "
                                  "was not returned)."),
    "round.reminders_heading": ("Atgādinājumi", "Reminders"),
    "round.reminders_intro": ("Teksts e-pastam katrai iestādei, kas nav atbildējusi: nokopējiet to (poga augšējā "
                              "labajā stūrī). E-pasts netiek sūtīts no šīs lapas.",
                              "A text for an e-mail to each institution that has not answered: copy it (the button "
                              "at its top right). No e-mail is sent from this page."),
    "round.reminders_wait": ("Atgādinājumi parādīsies pēc termiņa ({date}).",
                             "Reminders appear after the due date ({date})."),
    "round.reminder_for": ("Atgādinājums: {institution} (bez atbildes: {what})",
                           "Reminder: {institution} (not answered: {what})"),
    "round.history_heading": ("Kārtas vēsture: visi saņemtie faili", "The round's history: every file collected"),
    "round.col.file_name": ("Fails", "File"),
    "round.col.collected_at": ("Saņemts", "Collected at"),
    "round.col.collected_by": ("Saņēma", "Collected by"),
    "round.col.accepted": ("Pieņemts", "Accepted"),
    "round.col.current": ("Izmantots", "In use"),
    "round.col.sha256": ("sha256", "sha256"),
    "round.close_heading": ("Aizvērt kārtu", "Close the round"),
    "round.close_intro": ("Atbildes tiek apvienotas vienā ziņojumā uz {date} Pasākumi bez atbildes saglabā "
                          "iepriekšējās vērtības ar atzīmi „nav jaunas informācijas”. Ziņojums netiek publicēts: "
                          "vispirms redzēsiet, kas mainītos.",
                          "The answers are merged into one report as of {date}. Measures nobody answered keep "
                          "their previous values, marked 'no new information'. The report is not published: first "
                          "you see what would change."),
    "round.close": ("Aizvērt kārtu un apvienot atbildes", "Close the round and merge the answers"),
    "round.closed": ("Kārta aizvērta. Pasākumi ar jaunu informāciju: {n}; bez jaunas informācijas: {m}.",
                     "Round closed. Measures with new information: {n}; with no new information: {m}."),
    "round.merged_heading": ("Apvienotais ziņojums", "The merged report"),
    "round.download_merged": ("Lejupielādēt apvienoto ziņojumu (.xlsx)", "Download the merged report (.xlsx)"),
    "round.publish": ("Publicēt apvienoto ziņojumu", "Publish the merged report"),
    "round.reopen": ("Atmest apvienoto ziņojumu un atvērt kārtu vēlreiz", "Discard the merged report and reopen"),
    "round.reopened": ("Kārta atkal atvērta; apvienotais ziņojums atmests.", "The round is open again; the merged "
                       "report was discarded."),
    "round.published": ("Publicēts: „{plan}” ziņojums uz {date}", "Published: the '{plan}' report as of {date}."),
    "round.published_state": ("Šīs kārtas apvienotais ziņojums ir publicēts (augšupielāde #{sid}).",
                              "This round's merged report is published (upload #{sid})."),
    "round.cancel_heading": ("Atcelt kārtu", "Cancel the round"),
    "round.cancel_intro": ("Kārta tiek atcelta bez apvienošanas; saņemtie faili paliek vēsturē.",
                           "The round is cancelled without merging; the files collected stay in its history."),
    "round.cancel": ("Atcelt kārtu", "Cancel the round"),
    "round.cancelled": ("Kārta atcelta.", "The round was cancelled."),
    "round.none": ("Vēl nav nevienas kārtas.", "No round yet."),
    "round.open_overview": ("Atvērt pārskatu", "Open the overview"),
    "summary.carried": ("Bez jaunas informācijas (datu vākšanas kārtā neatbildēja): {total} — {whose}; to statuss "
                        "un apraksts pārņemti no ziņojuma uz {date}",
                        "No new information (no answer in the collection round): {total} — {whose}; their status "
                        "and note are carried forward from the report of {date}."),
    "round.carried_note": ("Bez jaunas informācijas paliks {what}: {nos}. Tiem saglabājas iepriekšējais statuss un "
                           "apraksts ar atzīmi „nav jaunas informācijas”.",
                           "{what} will have no new information: {nos}. They keep their previous status and note, "
                           "marked 'no new information'."),
    "status.carried_forward": ("nav jaunas informācijas", "no new information"),
    "detail.carried_forward": ("statuss un apraksts kā ziņojumā uz {date}", "status and note as in the report of {date}"),
    "col.carried_forward": ("Nav jaunas informācijas", "No new information"),
}
