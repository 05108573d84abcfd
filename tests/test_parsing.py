"""Unit tests of the cell parsers: dates, numbers, statuses, numbering and headers."""

import datetime as dt

import pandas as pd
import pytest

from ogp_monitor.ingest import parsing, spec
from ogp_monitor.ingest.textnorm import fold


def one_date(value):
    parsed, bad = parsing.parse_dates(pd.Series([value], dtype=object))
    return None if bad.iloc[0] or pd.isna(parsed.iloc[0]) else parsed.iloc[0].date()


@pytest.mark.parametrize("value, expected", [
    ("2025. gada 31. decembris", dt.date(2025, 12, 31)),
    ("2025.gada 27.marts", dt.date(2025, 3, 27)),
    ("2023. gada 1. martā", dt.date(2023, 3, 1)),
    ("2022. gada 27. jūnijā", dt.date(2022, 6, 27)),
    ("līdz 2025. gada 30. septembrim", dt.date(2025, 9, 30)),
    ("31. decembris 2025", dt.date(2025, 12, 31)),
    ("15 February 2026", dt.date(2026, 2, 15)),
    ("31.12.2025", dt.date(2025, 12, 31)),
    ("31.12.2025.", dt.date(2025, 12, 31)),
    ("2025-12-31", dt.date(2025, 12, 31)),
    ("2025-12-31 00:00:00", dt.date(2025, 12, 31)),
    (" 01.06.2022 ", dt.date(2022, 6, 1)),
    (dt.datetime(2025, 3, 27, 0, 0), dt.date(2025, 3, 27)),
    (dt.date(2025, 3, 27), dt.date(2025, 3, 27)),
    (45743, dt.date(2025, 3, 27)),  # an Excel serial number left in General format
    (45743.0, dt.date(2025, 3, 27)),
])
def test_dates_in_every_accepted_form(value, expected):
    assert one_date(value) == expected


@pytest.mark.parametrize("value", [
    "drīzumā", "31.02.2025", "2025. gada 4. ceturksnis", "decembris 2025", "31.12.2205",
    "01.01.1899", dt.date(1900, 1, 1), True, "12/31/2025",
])
def test_dates_that_are_refused(value):
    parsed, bad = parsing.parse_dates(pd.Series([value], dtype=object))
    assert bad.iloc[0] and pd.isna(parsed.iloc[0])


def test_blank_date_cells_are_empty_not_errors():
    parsed, bad = parsing.parse_dates(pd.Series(["", None, "   ", float("nan")], dtype=object))
    assert not bad.any() and parsed.isna().all()


def test_mixed_date_column_parses_each_cell_by_its_type():
    values = pd.Series([dt.datetime(2022, 1, 1), "2022-03-01", "01.06.2022", "2022. gada 1. septembris",
                        44562, ""], dtype=object)
    parsed, bad = parsing.parse_dates(values)
    assert [d.date() if pd.notna(d) else None for d in parsed] == [
        dt.date(2022, 1, 1), dt.date(2022, 3, 1), dt.date(2022, 6, 1), dt.date(2022, 9, 1),
        dt.date(2022, 1, 1), None]
    assert not bad.any()


@pytest.mark.parametrize("value, expected", [
    ("29%", 29.0), ("29,5", 29.5), ("29.5", 29.5), (" 29 % ", 29.0), ("1 234,5", 1234.5),
    ("1\u00a0234,5", 1234.5), ("-3,5", -3.5), (40, 40.0), (29.5, 29.5), ("0", 0.0),
])
def test_numbers_with_percent_signs_and_decimal_commas(value, expected):
    parsed, bad = parsing.parse_numbers(pd.Series([value], dtype=object))
    assert not bad.iloc[0] and parsed.iloc[0] == expected


@pytest.mark.parametrize("value", ["daudz", "29,5,1", "n/a", True])
def test_non_numbers_are_flagged(value):
    parsed, bad = parsing.parse_numbers(pd.Series([value], dtype=object))
    assert bad.iloc[0] and pd.isna(parsed.iloc[0])


@pytest.mark.parametrize("value, expected", [
    (1.1, "1.1"), (1.2000000000000002, "1.2"), (0.1 + 0.2, "0.3"),
    (2.0, "2"), (6, "6"), ("1.1", "1.1"), ("2.10", "2.10"), (" 1.3. ", "1.3"), ("6.3", "6.3"), (None, ""),
])
def test_measure_numbers_read_as_people_wrote_them(value, expected):
    assert parsing.number_label(pd.Series([value], dtype=object)).iloc[0] == expected


@pytest.mark.parametrize("label, group", [
    ("Nav uzsākts", "not_started"), ("  NAV  UZSĀKTS ", "not_started"), ("nav uzsakts", "not_started"),
    ("Uzsākts, izpilde procesā", "in_progress"), ("uzsākts,   izpilde procesā", "in_progress"),
    ("In progress", "in_progress"),
    ("Pabeigts vai būtisks progress", "advanced"), ("Pabeigts", "advanced"), ("completed", "advanced"),
    ("Substantial progress", "advanced"), ("BŪTISKS PROGRESS", "advanced"),
    ("Atsaukts", "withdrawn"), ("Withdrawn", "withdrawn"),
])
def test_statuses_map_to_the_councils_groups(label, group):
    canonical, groups, unknown, written = parsing.parse_statuses(pd.Series([label], dtype=object))
    assert groups.iloc[0] == group and not unknown.iloc[0]
    assert written.iloc[0] == " ".join(label.split())  # the label as typed is kept
    assert canonical.iloc[0] in {*(labels[0] for labels in spec.STATUS_LABELS.values()),
                                 *(lv for lv, _, _ in spec.FINER_LABELS.values())}


@pytest.mark.parametrize("typed, shown", [
    ("PABEIGTS VAI BŪTISKS PROGRESS", "Pabeigts vai būtisks progress"),
    (" pabeigts vai būtisks progress ", "Pabeigts vai būtisks progress"),
    ("Pabeigts vai būtisks progress", "Pabeigts vai būtisks progress"),
    ("PABEIGTS", "Pabeigts"), ("izpildīts", "Pabeigts"), ("Completed", "Pabeigts"),
    ("ir būtisks progress", "Būtisks progress"), ("uzsākts", "Uzsākts, izpilde procesā"),
    ("nav uzsakts", "Nav uzsākts"), ("In progress", "Uzsākts, izpilde procesā"), ("svītrots", "Atsaukts"),
])
def test_statuses_are_shown_in_one_spelling_of_the_councils_words(typed, shown):
    canonical, _, _, written = parsing.parse_statuses(pd.Series([typed], dtype=object))
    assert canonical.iloc[0] == shown and written.iloc[0] == " ".join(typed.split())


def test_unknown_status_is_flagged_and_blank_is_not():
    _, groups, unknown, _ = parsing.parse_statuses(pd.Series(["Gandrīz gatavs", ""], dtype=object))
    assert unknown.tolist() == [True, False]
    assert pd.isna(groups.iloc[0])


def test_partner_institutions_split_on_semicolons_and_commas():
    out = parsing.split_institutions(pd.Series(["FM; VARAM, Saeima", "", "LPS,Ārlietu ministrija"]))
    assert [list(x) for x in out] == [["FM", "VARAM", "Saeima"], [], ["LPS", "Ārlietu ministrija"]]


@pytest.mark.parametrize("header, key", [
    ("  APŅEMŠANĀS  NR. ", "commitment_no"), ("apnemsanas nr", "commitment_no"),
    ("Commitment No", "commitment_no"), ("Pasākuma Nr.", "measure_no"), ("MEASURE NUMBER", "measure_no"),
    ("Atbildīgā  iestāde", "lead_institution"), ("Lead institution", "lead_institution"),
    ("Izpilde, %", "progress_pct"), ("izpildes termiņš", "deadline_date"), ("Due date", "deadline_date"),
    ("Līdzatbildīgās iestādes", "partner_institutions"), ("Ziņojuma datums", "report_date"),
])
def test_folded_headers_find_their_field(header, key):
    assert spec.header_lookup(spec.MEASURES)[fold(header)] == key


def test_a_specific_header_outranks_a_vague_one():
    ranks = spec.header_ranks(spec.MEASURES)
    assert ranks[fold("Pasākuma nr.")][0] == ranks[fold("Nr. p.k.")][0] == "measure_no"
    assert ranks[fold("Pasākuma nr.")][1] < ranks[fold("Nr. p.k.")][1]


@pytest.mark.parametrize("name, kind", [
    ("Pasākumi", "measures"), (" PASAKUMI ", "measures"), ("Measures", "measures"),
    ("Rādītāji", "indicators"), ("indicators", "indicators"), ("Grafiks", "schedule"),
    ("Schedule", "schedule"), ("Titullapa", None),
])
def test_sheet_names_in_latvian_or_english_any_case(name, kind):
    assert spec.sheet_kind(name) == kind


def test_every_status_label_and_synonym_is_unambiguous():
    seen = {}
    for group, labels in spec.STATUS_LABELS.items():
        for label in labels:
            assert seen.setdefault(fold(label), group) == group, label
