"""The Table Schemas of the open data package: each file's fields with their types, Latvian and English
titles and descriptions (from ``i18n/open_data.py``), constraints and primary keys.

The field names are the columns of ``queries/open_data_measures.sql`` and ``queries/indicator_rows.sql``,
in that order; ``tests/test_open_data.py`` checks that the two agree and that the package validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import t
from ..ingest.spec import FINER_LABELS, STATUS_GROUPS, STATUS_LABELS

# The council's one spelling of every status (ingest/spec.py: canonical_status) and the OGP's own
# levels (the ogp_level macro in store/schema.sql).
STATUS_LABEL_VALUES = [labels[0] for labels in STATUS_LABELS.values()] + [lv for lv, _, _ in FINER_LABELS.values()]
OGP_LEVELS = ["Not started", "Limited", "Substantial", "Complete", "Withdrawn"]


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, date, number, integer
    required: bool = False
    enum: list[str] | None = None
    minimum: float | None = None
    maximum: float | None = None
    extra: dict = field(default_factory=dict)

    def descriptor(self) -> dict:
        out: dict = {"name": self.name, "type": self.type}  # dates: the default format, YYYY-MM-DD
        out.update({
            "title": t(f"od.f.{self.name}", "lv"),
            "description": t(f"od.f.{self.name}.d", "lv"),
            "title_en": t(f"od.f.{self.name}", "en"),
            "description_en": t(f"od.f.{self.name}.d", "en"),
        })
        constraints: dict = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            out["constraints"] = constraints
        return out


MEASURE_FIELDS = [
    Field("report_date", "date", required=True),
    Field("plan_id", "string", required=True),
    Field("commitment_no", "string", required=True),
    Field("commitment_title", "string"),
    Field("measure_no", "string", required=True),
    Field("measure_title", "string", required=True),
    Field("lead_institution", "string", required=True),
    Field("partner_institutions", "string"),
    Field("status_group", "string", required=True, enum=list(STATUS_GROUPS)),
    Field("status_label", "string", required=True, enum=STATUS_LABEL_VALUES),
    Field("ogp_level", "string", required=True, enum=OGP_LEVELS),
    Field("start_date", "date"),
    Field("deadline_date", "date"),
    Field("progress_pct", "number", minimum=0, maximum=100),
    Field("progress_note", "string"),
    Field("carried_forward", "boolean", required=True),
    Field("ogp_id", "string"),
]
MEASURE_KEY = ["plan_id", "measure_no"]

INDICATOR_FIELDS = [
    Field("indicator", "string", required=True),
    Field("indicator_en", "string"),
    Field("area", "string", required=True),
    Field("year", "integer", required=True),
    Field("value", "number", required=True),
    Field("unit", "string"),
    Field("source", "string"),
]
INDICATOR_KEY = ["indicator", "area", "year"]

SCHEMAS = {"measures": (MEASURE_FIELDS, MEASURE_KEY), "indicators": (INDICATOR_FIELDS, INDICATOR_KEY)}


def table_schema(kind: str, fmt: str = "csv") -> dict:
    """The Table Schema of a ``measures`` or ``indicators`` file. An empty cell is a missing value.

    In a Parquet file a missing value is a null; frictionless 5.21 reads Parquet through pandas, where
    a null number becomes NaN, which it then checks against ``minimum``/``maximum``. The Parquet
    resources' number fields therefore also name ``nan`` as a missing value (field-level
    ``missingValues``); a number is never written as the text "nan" in any file of the package.
    """
    fields, key = SCHEMAS[kind]
    described = []
    for f in fields:
        one = f.descriptor()
        if fmt == "parquet" and f.type == "number":
            one["missingValues"] = ["", "nan"]
        described.append(one)
    return {"fields": described, "primaryKey": list(key), "missingValues": [""]}


def field_types(kind: str) -> dict[str, str]:
    """Column -> Table Schema type, for writing the Parquet file with the declared types."""
    return {f.name: f.type for f in SCHEMAS[kind][0]}


def field_names(kind: str) -> list[str]:
    return [f.name for f in SCHEMAS[kind][0]]
