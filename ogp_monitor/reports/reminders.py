"""The reminder an institution gets when its answers are late: plain words, ready to paste into an
e-mail (sending mail is not the dashboard's job). It names the measures still without an answer,
the due date and how to return the file."""

from __future__ import annotations

import pandas as pd

from ..i18n import fmt_date, fmt_date_words
from ..ingest import round_book


def reminder(r, institution: str, measures: pd.DataFrame, lang: str = "lv") -> str:
    """``r``: the round (store.rounds.Round); ``measures``: the institution's measures without an answer
    (measure_no, measure_title, role)."""
    file_name = round_book.file_name(r.as_of, institution)
    lines = [f"• {no} — {' '.join(str(title).split())}" + ("" if role == round_book.LEAD else
                                                            (" (līdzatbildīgā iestāde)" if lang == "lv"
                                                             else " (as a partner)"))
             for no, title, role in measures[["measure_no", "measure_title", "role"]].itertuples(index=False)]
    listed = "\n".join(lines) or ("• —" if lang == "lv" else "• —")
    if lang == "en":
        due = f" The answers were due on {fmt_date_words(r.due, 'en')}." if r.due else ""
        return (f"Subject: {r.plan_id}: implementation information as of {fmt_date(r.as_of, 'en')} — reminder\n\n"
                f"Dear colleagues at {institution},\n\n"
                f"The State Chancellery is preparing the report on '{r.plan_id}' as of "
                f"{fmt_date_words(r.as_of, 'en')} for the monitoring council.{due} We have not yet received "
                f"information on these measures:\n\n{listed}\n\n"
                f"Please fill in the yellow columns of the workbook '{file_name}' sent to you (status, progress "
                "and what has been done since the last report) and send it back by replying to this e-mail. "
                "The file may be renamed; please keep its sheets. If a measure has no news, please say so in "
                "its note: otherwise the report shows it as 'no new information'.\n\n"
                "Thank you,\nState Chancellery")
    due = f" Atbildes bija gaidāmas līdz {fmt_date_words(r.due, case='dat')}." if r.due else ""
    return (f"Temats: {r.plan_id}: izpildes informācija uz {fmt_date(r.as_of)} — atgādinājums\n\n"
            f"Labdien, {institution} kolēģi!\n\n"
            f"Valsts kanceleja gatavo uzraudzības padomei ziņojumu par „{r.plan_id}” izpildi uz "
            f"{fmt_date_words(r.as_of)}.{due} Vēl neesam saņēmuši informāciju par šiem pasākumiem:\n\n{listed}\n\n"
            f"Lūdzam aizpildīt nosūtītās darbgrāmatas „{file_name}” dzeltenās kolonnas (statuss, izpilde un "
            "paveiktais kopš iepriekšējā ziņojuma) un atsūtīt to, atbildot uz šo vēstuli. Failu drīkst "
            "pārdēvēt, bet lūdzam saglabāt tā lapas. Ja pasākumā nav jaunumu, lūdzam to norādīt aprakstā: "
            "citādi ziņojumā tas būs atzīmēts kā „nav jaunas informācijas”.\n\n"
            "Paldies!\nValsts kanceleja")
