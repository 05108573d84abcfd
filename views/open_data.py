"""Atvērtie dati / Open data: the files of the open data package the server publishes at
/app/static/open-data/ (links with sizes), every field's description, the licence, a curl line and
how to register the DCAT file with data.gov.lv's harvester."""

import streamlit as st

from ogp_monitor.i18n import STRINGS, fmt_datetime, t
from ogp_monitor.reports import present
from ogp_monitor.web import filters, open_data, tables

lang = filters.lang()
st.title(t("nav.open_data", lang))
st.write(t("od.intro", lang))
problem = open_data.ensure_current()
package = open_data.served()
if problem:
    (st.warning if package else st.error)(t("od.not_updated" if package else "od.not_written", lang,
                                            error=tables.escape_md(problem)))
if package is None:
    st.info(t("od.none", lang))
    st.stop()
meta, base = package.descriptor, package.base_url
if not any(r.get("rows") for r in meta.get("resources", [])):  # nothing published yet: empty files only
    st.info(t("empty.no_data", lang))
    st.stop()

st.header(t("od.files_heading", lang))
st.caption(t("od.files_caption", lang, modified=fmt_datetime(meta.get("modified"), lang)))
files = present.open_data_files(meta, package.sizes, base, lang)
st.dataframe(files, hide_index=True, width="stretch", key="open_data_files", placeholder="–",
             column_config={t("od.col.file", lang): st.column_config.LinkColumn(display_text=r"([^/]+)$"),
                            t("od.col.size", lang): st.column_config.TextColumn(alignment="right")})
st.caption(t("od.formats", lang))

st.header(t("od.fields_heading", lang))
measures_tab, indicators_tab = st.tabs([t("od.fields_measures", lang), t("od.fields_indicators", lang)])
for tab, path in ((measures_tab, "measures.csv"), (indicators_tab, "indicators.csv")):
    tab.table(present.open_data_fields(meta, path, lang), hide_index=True)  # wraps: no description cut off

st.header(t("od.licence_heading", lang))
licence, publisher = meta["licenses"][0], meta["contributors"][0]
frequency = meta.get("update_frequency", "").rsplit("/", 1)[-1]
st.markdown(t("od.licence", lang, title=licence["title"], url=licence["path"], publisher=publisher["title"],
              frequency=t(f"od.freq.{frequency}", lang) if f"od.freq.{frequency}" in STRINGS else frequency))
st.markdown(t("od.contact", lang, contact=publisher.get("email") or publisher.get("path", "")))

st.header(t("od.curl_heading", lang))
st.code("\n".join(f"curl -fO {base}{name}" for name in ("datapackage.json", "measures.csv", "indicators.csv")),
        language="bash")
st.caption(t("od.curl_caption", lang))

st.header(t("od.portal_heading", lang))
st.markdown(t("od.portal", lang))
st.code(base + "dcat.jsonld", language=None)
if not package.public:
    st.warning(t("od.no_public_url", lang))
