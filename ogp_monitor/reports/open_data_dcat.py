"""``dcat.jsonld``: the open data package described in DCAT-AP 3 as JSON-LD, for a CKAN DCAT harvester
(data.gov.lv) and any other DCAT reader.

One ``dcat:Catalog`` holding one ``dcat:Dataset`` with one ``dcat:Distribution`` per file of the package
(``datapackage.json`` included, ``dcat.jsonld`` itself not). Vocabularies are the ones DCAT-AP asks for:
the EU Vocabularies' authority tables for licence, frequency, file type, language, country, theme and
access rights, IANA media types, SPDX checksums.

IRIs are absolute when ``OGP_PUBLIC_URL`` is set (``https://…/app/static/open-data/measures.csv``);
otherwise they are relative (``measures.csv``, ``dcat.jsonld#dataset``), which a JSON-LD reader
resolves against the address it fetched the file from (docs/open-data.md says when that is not enough).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..i18n import t

if TYPE_CHECKING:  # only for annotations: open_data imports this module
    from .open_data import File
    from .open_data_settings import Settings

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {"csv": "CSV", "parquet": "PARQUET", "json": "JSON", "jsonld": "JSON_LD"}
DATA_PACKAGE_SPEC = "https://specs.frictionlessdata.io/data-package/"


def _texts(key: str, **values: object) -> list[dict]:
    return [{"@value": t(key, lang, **values), "@language": lang} for lang in ("lv", "en")]


def _both(lv: str, en: str) -> list[dict]:
    return [{"@value": lv, "@language": "lv"}, {"@value": en, "@language": "en"}]


def _date(day: dt.date) -> dict:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _datetime(moment: dt.datetime) -> dict:
    return {"@value": moment.replace(microsecond=0).isoformat(), "@type": "xsd:dateTime"}


def _period(start: dt.date, end: dt.date) -> dict:
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": _date(start), "dcat:endDate": _date(end)}


def document(files: list[File], settings: Settings, *, modified: dt.datetime | None, issued: dt.datetime | None,
             temporal: tuple[dt.date, dt.date] | None, sources: list[str]) -> dict:
    """The JSON-LD document (a dict ready for ``json.dumps``)."""
    base = settings.base_url  # "" -> relative IRIs, resolved against the document's own address

    def iri(name: str) -> str:
        return base + name

    catalog_id, dataset_id = iri("dcat.jsonld#catalog"), iri("dcat.jsonld#dataset")
    publisher_id, contact_id = iri("dcat.jsonld#publisher"), iri("dcat.jsonld#contact-point")
    licence = {"@id": settings.licence.eu_uri}
    distributions = [f for f in files if f.kind != "dcat"]

    publisher = {"@id": publisher_id, "@type": "foaf:Agent", "foaf:name": _both(settings.publisher, settings.publisher_en),
                 "dct:type": {"@id": "http://purl.org/adms/publishertype/NationalAuthority"}}
    contact: dict = {"@id": contact_id, "@type": "vcard:Organization", "vcard:fn": settings.contact_name,
                     "vcard:hasURL": {"@id": settings.contact_url}}
    if settings.contact_email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{settings.contact_email}"}

    dataset: dict = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:identifier": "ogp-monitor-latvija",
        "dct:title": _texts("od.dataset.title"),
        "dct:description": _texts("od.dataset.description"),
        "dcat:keyword": [{"@value": k.strip(), "@language": lang}
                         for lang in ("lv", "en") for k in t("od.keywords", lang).split(";")],
        "dct:publisher": {"@id": publisher_id},
        "dcat:contactPoint": {"@id": contact_id},
        "dct:license": licence,
        "dct:accessRights": {"@id": EU + "access-right/PUBLIC"},
        "dct:accrualPeriodicity": {"@id": settings.frequency_uri},
        "dct:spatial": {"@id": EU + "country/LVA"},
        "dct:language": [{"@id": EU + "language/LAV"}, {"@id": EU + "language/ENG"}],
        "dcat:theme": {"@id": EU + "data-theme/GOVE"},
        "dct:provenance": {"@type": "dct:ProvenanceStatement",
                           "rdfs:label": _texts("od.source.reports") + [{"@value": s} for s in sources]},
        "dcat:distribution": [{"@id": iri(f"dcat.jsonld#{f.resource}")} for f in distributions],
    }
    if settings.public_url:
        dataset["dcat:landingPage"] = {"@id": settings.public_url + "/atvertie-dati"}
    if temporal:
        dataset["dct:temporal"] = _period(*temporal)
    if modified:
        dataset["dct:modified"] = _datetime(modified)
    if issued:
        dataset["dct:issued"] = _datetime(issued)

    graph: list[dict] = [{
        "@id": catalog_id,
        "@type": "dcat:Catalog",
        "dct:title": _texts("od.dataset.title"),
        "dct:description": _texts("od.dataset.description"),
        "dct:publisher": {"@id": publisher_id},
        "dct:license": licence,
        "dcat:dataset": {"@id": dataset_id},
        **({"dct:modified": _datetime(modified)} if modified else {}),
    }, dataset, publisher, contact]
    for f in distributions:
        graph.append(_distribution(f, iri, licence, modified))
    return {"@context": CONTEXT, "@graph": graph}


def _distribution(f: File, iri, licence: dict, modified: dt.datetime | None) -> dict:
    out: dict = {
        "@id": iri(f"dcat.jsonld#{f.resource}"),
        "@type": "dcat:Distribution",
        "dct:title": _both(f.title_lv, f.title_en),
        "dcat:accessURL": {"@id": iri(f.path)},
        "dcat:downloadURL": {"@id": iri(f.path)},
        "dcat:mediaType": {"@id": f"http://www.iana.org/assignments/media-types/{f.media_type}"},
        "dct:format": {"@id": EU + "file-type/" + FILE_TYPES[f.format]},
        "dcat:byteSize": {"@value": str(f.bytes), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {"@type": "spdx:Checksum", "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                          "spdx:checksumValue": {"@value": f.sha256, "@type": "xsd:hexBinary"}},
        "dct:license": licence,
    }
    if f.description_lv:
        out["dct:description"] = _both(f.description_lv, f.description_en)
    out["dct:conformsTo"] = {"@id": DATA_PACKAGE_SPEC if f.kind == "datapackage" else iri("datapackage.json")}
    if f.report_date:
        out["dct:temporal"] = _period(f.report_date, f.report_date)
    if modified:
        out["dct:modified"] = _datetime(modified)
    return out
