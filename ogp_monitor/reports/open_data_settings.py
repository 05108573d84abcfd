"""The open data package's settings: licence, publisher, contact point, update frequency and the public
address, from environment variables with safe defaults (docs/open-data.md#settings)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

URL_PATH = "app/static/open-data/"  # where Streamlit serves static/open-data/, under the app's address


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier
    title: str
    url: str  # the licence text
    eu_uri: str  # the EU Vocabularies' licence authority (DCAT-AP's recommended dct:license)


LICENCES = {
    "CC-BY-4.0": Licence("CC-BY-4.0", "Creative Commons Attribution 4.0 International (CC BY 4.0)",
                         "https://creativecommons.org/licenses/by/4.0/",
                         "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"),
    "CC-BY-SA-4.0": Licence("CC-BY-SA-4.0", "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
                            "https://creativecommons.org/licenses/by-sa/4.0/",
                            "http://publications.europa.eu/resource/authority/licence/CC_BYSA_4_0"),
    "CC0-1.0": Licence("CC0-1.0", "Creative Commons Zero v1.0 Universal (CC0 1.0)",
                       "https://creativecommons.org/publicdomain/zero/1.0/",
                       "http://publications.europa.eu/resource/authority/licence/CC0"),
}
# Codes of the EU Vocabularies' frequency authority table (dct:accrualPeriodicity).
FREQUENCIES = ("IRREG", "UPDATE_CONT", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUAL_2", "ANNUAL",
               "BIENNIAL", "NEVER", "UNKNOWN", "OTHER")
FREQUENCY_URI = "http://publications.europa.eu/resource/authority/frequency/"


@dataclass(frozen=True)
class Settings:
    """Who publishes the data, under which licence, how often, and where it is served publicly.

    Read from environment variables only (``from_env``), so the CLI, cron jobs and the server read
    the same values and none of them is a secret; ``.streamlit/secrets.toml`` is not involved.
    """

    licence: Licence = LICENCES["CC-BY-4.0"]
    publisher: str = "Valsts kanceleja"
    publisher_en: str = "State Chancellery of Latvia"
    contact_name: str = "Valsts kanceleja"
    contact_email: str = ""
    contact_url: str = "https://www.mk.gov.lv/"
    frequency: str = "IRREG"
    public_url: str = ""  # the dashboard's public address, e.g. https://ogp.example.lv (no trailing path)

    ENV = {"licence": "OGP_OPEN_DATA_LICENCE", "publisher": "OGP_OPEN_DATA_PUBLISHER",
           "publisher_en": "OGP_OPEN_DATA_PUBLISHER_EN", "contact_name": "OGP_OPEN_DATA_CONTACT_NAME",
           "contact_email": "OGP_OPEN_DATA_CONTACT_EMAIL", "contact_url": "OGP_OPEN_DATA_CONTACT_URL",
           "frequency": "OGP_OPEN_DATA_FREQUENCY", "public_url": "OGP_PUBLIC_URL"}

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """The settings from ``OGP_*`` variables; unset or empty ones keep their defaults. A licence or
        frequency that is not known, or an address that is not http(s), is a ValueError: published
        metadata must not silently say something else than configured."""
        env = os.environ if environ is None else environ
        given = {key: env[var].strip() for key, var in cls.ENV.items() if env.get(var, "").strip()}
        if "licence" in given:
            code = given["licence"]
            if code not in LICENCES:
                raise ValueError(f"{cls.ENV['licence']}={code!r}: use one of {', '.join(LICENCES)}")
            given["licence"] = LICENCES[code]
        if given.get("frequency", "IRREG").upper() not in FREQUENCIES:
            raise ValueError(f"{cls.ENV['frequency']}={given['frequency']!r}: use one of {', '.join(FREQUENCIES)}")
        if "frequency" in given:
            given["frequency"] = given["frequency"].upper()
        for key in ("public_url", "contact_url"):
            if key in given and not re.fullmatch(r"https?://[^\s?#]+", given[key]):
                raise ValueError(f"{cls.ENV[key]}={given[key]!r}: give an http(s) address without ? or #")
        if "public_url" in given:
            given["public_url"] = given["public_url"].rstrip("/")
        if "contact_email" in given and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", given["contact_email"]):
            raise ValueError(f"{cls.ENV['contact_email']}={given['contact_email']!r} is not an e-mail address")
        return cls(**given)

    @property
    def base_url(self) -> str:
        """Where the files are served publicly (``…/app/static/open-data/``), or "" when not configured."""
        return f"{self.public_url}/{URL_PATH}" if self.public_url else ""

    @property
    def frequency_uri(self) -> str:
        return FREQUENCY_URI + self.frequency

    def fingerprint(self) -> str:
        return repr(sorted((k, repr(v)) for k, v in self.__dict__.items()))
