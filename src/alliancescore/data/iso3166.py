"""ISO 3166 alpha-3 codes that are real but name no state of the data set.

The data set's nations (``reference/nations.csv``) are the UN member states, Taiwan, Kosovo and
a few former states. A real ISO code outside them (Palestine, the Holy See, Greenland, Puerto
Rico) is not a typo, and a did-you-mean for it points at an unrelated state (``'PSE'`` ->
``'PER'``). :data:`OUTSIDE_THE_DATA` lists them, so a message can say what the code is instead.

Sources: ISO 3166-1 (ISO Online Browsing Platform, www.iso.org/obp: the 249 officially
assigned alpha-3 codes and their short names; the 55 listed here are those that are not UN
member states or Taiwan); the status of each: the UN's list of member states and non-member
observer states (www.un.org/en/about-us/member-states) and of non-self-governing territories
(www.un.org/dppa/decolonization/en/nsgt), and the ISO 3166-2 entry of the state responsible
for it. :data:`FORMER_CODES`: five withdrawn alpha-3 codes (ISO 3166-3; ROM, replaced by ROU in
2002) that a source or an analyst may still write for a state the data set carries under
today's code.
"""

from __future__ import annotations

__all__ = ["FORMER_CODES", "OUTSIDE_THE_DATA", "outside_hint"]

_OBSERVER = "a UN non-member observer state"


def _of(state: str, iso: str, kind: str = "a territory") -> str:
    return f"{kind} of {state} ({iso!r})"


_KINGDOM = _of("the Kingdom of the Netherlands", "NLD", "a constituent country")

OUTSIDE_THE_DATA: dict[str, tuple[str, str]] = {
    # code: (name, after ISO 3166-1's short name, what it is)
    "ABW": ("Aruba", _KINGDOM),
    "AIA": ("Anguilla", _of("the United Kingdom", "GBR")),
    "ALA": ("the Åland Islands", _of("Finland", "FIN", "an autonomous region")),
    "ASM": ("American Samoa", _of("the United States", "USA")),
    "ATA": ("Antarctica", "no state's territory (the Antarctic Treaty)"),
    "ATF": ("the French Southern Territories", _of("France", "FRA")),
    "BES": ("Bonaire, Sint Eustatius and Saba", _of("the Netherlands", "NLD", "a part")),
    "BLM": ("Saint Barthélemy", _of("France", "FRA")),
    "BMU": ("Bermuda", _of("the United Kingdom", "GBR")),
    "BVT": ("Bouvet Island", _of("Norway", "NOR")),
    "CCK": ("the Cocos (Keeling) Islands", _of("Australia", "AUS")),
    "COK": ("the Cook Islands", "self-governing in free association with New Zealand ('NZL')"),
    "CUW": ("Curaçao", _KINGDOM),
    "CXR": ("Christmas Island", _of("Australia", "AUS")),
    "CYM": ("the Cayman Islands", _of("the United Kingdom", "GBR")),
    "ESH": ("Western Sahara", "a non-self-governing territory, its status disputed"),
    "FLK": ("the Falkland Islands (Malvinas)", _of("the United Kingdom", "GBR")),
    "FRO": ("the Faroe Islands", _of("Denmark", "DNK")),
    "GGY": ("Guernsey", _of("the United Kingdom", "GBR", "a Crown Dependency")),
    "GIB": ("Gibraltar", _of("the United Kingdom", "GBR")),
    "GLP": ("Guadeloupe", _of("France", "FRA", "an overseas department")),
    "GRL": ("Greenland", _of("Denmark", "DNK")),
    "GUF": ("French Guiana", _of("France", "FRA", "an overseas department")),
    "GUM": ("Guam", _of("the United States", "USA")),
    "HKG": ("Hong Kong", _of("China", "CHN", "a special administrative region")),
    "HMD": ("Heard Island and the McDonald Islands", _of("Australia", "AUS")),
    "IMN": ("the Isle of Man", _of("the United Kingdom", "GBR", "a Crown Dependency")),
    "IOT": ("the British Indian Ocean Territory", _of("the United Kingdom", "GBR")),
    "JEY": ("Jersey", _of("the United Kingdom", "GBR", "a Crown Dependency")),
    "MAC": ("Macao", _of("China", "CHN", "a special administrative region")),
    "MAF": ("Saint Martin (French part)", _of("France", "FRA")),
    "MNP": ("the Northern Mariana Islands", _of("the United States", "USA")),
    "MSR": ("Montserrat", _of("the United Kingdom", "GBR")),
    "MTQ": ("Martinique", _of("France", "FRA", "an overseas department")),
    "MYT": ("Mayotte", _of("France", "FRA", "an overseas department")),
    "NCL": ("New Caledonia", _of("France", "FRA")),
    "NFK": ("Norfolk Island", _of("Australia", "AUS")),
    "NIU": ("Niue", "self-governing in free association with New Zealand ('NZL')"),
    "PCN": ("the Pitcairn Islands", _of("the United Kingdom", "GBR")),
    "PRI": ("Puerto Rico", _of("the United States", "USA")),
    "PSE": ("the State of Palestine", _OBSERVER),
    "PYF": ("French Polynesia", _of("France", "FRA")),
    "REU": ("Réunion", _of("France", "FRA", "an overseas department")),
    "SGS": ("South Georgia and the South Sandwich Islands", _of("the United Kingdom", "GBR")),
    "SHN": ("Saint Helena, Ascension and Tristan da Cunha", _of("the United Kingdom", "GBR")),
    "SJM": ("Svalbard and Jan Mayen", _of("Norway", "NOR")),
    "SPM": ("Saint Pierre and Miquelon", _of("France", "FRA")),
    "SXM": (
        "Sint Maarten (Dutch part)",
        _KINGDOM,
    ),
    "TCA": ("the Turks and Caicos Islands", _of("the United Kingdom", "GBR")),
    "TKL": ("Tokelau", _of("New Zealand", "NZL")),
    "UMI": ("the United States Minor Outlying Islands", _of("the United States", "USA")),
    "VAT": ("the Holy See", _OBSERVER),
    "VGB": ("the British Virgin Islands", _of("the United Kingdom", "GBR")),
    "VIR": ("the United States Virgin Islands", _of("the United States", "USA")),
    "WLF": ("Wallis and Futuna", _of("France", "FRA")),
}
"""ISO 3166-1 alpha-3 codes that are no state of the shipped data set: name and status."""

FORMER_CODES: dict[str, tuple[str, str]] = {
    # withdrawn code: (the state, the code the data set carries it under)
    "BUR": ("Burma", "MMR"),
    "ROM": ("Romania", "ROU"),
    "SUN": ("the Soviet Union", "RUS"),
    "TMP": ("East Timor", "TLS"),
    "ZAR": ("Zaire", "COD"),
}
"""ISO 3166-3 formerly used codes of states the data set carries under another code (the
Soviet Union is folded into RUS, as COW 365 is continuous)."""


def outside_hint(code: str, known: frozenset[str] | set[str]) -> str:
    """What ``code`` (not one of the data set's nations, ``known``) is, if it is a real ISO
    code: a territory, a non-member or a withdrawn code; else ``""``."""
    code = str(code).strip().upper()
    if code in FORMER_CODES and FORMER_CODES[code][1] in known:
        state, now = FORMER_CODES[code]
        return f"{code!r} is the former ISO code of {state}: use {now!r}"
    if code in OUTSIDE_THE_DATA:
        name, status = OUTSIDE_THE_DATA[code]
        return (
            f"{code!r} is the ISO 3166-1 code of {name}, {status}, not one of the data set's "
            "states (reference/nations.csv): remove it"
        )
    return ""
