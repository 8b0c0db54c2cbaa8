"""The shapes synthetic councils are drawn from: needs, ages, settings, languages, place names.

Weights are relative, for random.choices. Where a number comes from published statistics the
comment names it (shared/domain/national-statistics.md); the rest are plausible, not sourced.
"""

from __future__ import annotations

from typing import Final

# Primary need of all plans in England, January 2025 (national-statistics.md D.1), per mille.
PRIMARY_NEED_WEIGHTS: Final = {
    "ASD": 315,
    "SLCN": 213,
    "SEMH": 207,
    "MLD": 106,
    "SLD": 39,
    "PD": 39,
    "SPLD": 24,
    "HI": 14,
    "PMLD": 13,
    "OTH": 12,
    "VI": 8,
    "MSI": 3,
}
# Younger children are more often referred for speech and language, older for SEMH.
PRIMARY_NEED_WEIGHTS_UNDER_7: Final = PRIMARY_NEED_WEIGHTS | {"SLCN": 380, "SEMH": 80, "MLD": 60, "SPLD": 5}

# Age at "today" of children with a maintained plan: England, January 2025, roughly.
PLAN_AGE_WEIGHTS: Final = {
    range(0, 5): 4,
    range(5, 11): 33,
    range(11, 16): 33,
    range(16, 20): 23,
    range(20, 26): 7,
}
# Age when a request for an assessment is made: younger than the caseload.
REQUEST_AGE_WEIGHTS: Final = {range(1, 5): 18, range(5, 11): 46, range(11, 16): 27, range(16, 23): 9}

SEX_WEIGHTS: Final = {"M": 72, "F": 27, "U": 1}

ETHNICITY_WEIGHTS: Final = {
    "WBRI": 780,
    "WOTH": 40,
    "WIRI": 5,
    "WIRT": 3,
    "WROM": 6,
    "MWBC": 15,
    "MWBA": 6,
    "MWAS": 12,
    "MOTH": 15,
    "AIND": 8,
    "APKN": 10,
    "ABAN": 5,
    "AOTH": 8,
    "BCRB": 6,
    "BAFR": 12,
    "BOTH": 3,
    "CHNE": 3,
    "OOTH": 10,
    "REFU": 8,
    "NOBT": 25,
}

# Who asked for the assessment. Dorset reported about 17% of requests from parents in 2020.
REQUEST_SOURCE_WEIGHTS: Final = {
    "setting": 62,
    "parent": 18,
    "health": 8,
    "social_care": 5,
    "young_person": 2,
    "other": 5,
}

# Why plans ended, England 2024 (national-statistics.md D.2): SEN2 CeaseReason codes.
CEASE_REASON_WEIGHTS: Final = {"6": 160, "5": 140, "4": 41, "2": 40, "3": 26, "1": 20, "7": 8, "9": 15}

LANGUAGES: Final = (
    "Polish",
    "Romanian",
    "Arabic",
    "Urdu",
    "Bengali",
    "Portuguese",
    "Lithuanian",
    "Turkish",
    "Punjabi",
    "Somali",
    "Ukrainian",
    "Farsi",
    "British Sign Language",
)

WITHDRAWAL_REASONS: Final = (
    "Parent withdrew the request: needs being met at SEN support",
    "School withdrew the request after a review of provision",
    "Family chose elective home education",
    "Young person no longer wants an assessment",
)

CONTACT_SUMMARIES: Final = {
    "request": (
        "Parent called to ask when the decision whether to assess is due",
        "Emailed the school SENCO for the latest provision map and SEN support plan",
        "Letter sent acknowledging the request and explaining the 6-week decision",
        "Spoke to the referrer about the evidence sent with the request",
    ),
    "assessment": (
        "Chased outstanding health advice with the paediatric team",
        "Parent asked for an update on the educational psychology appointment",
        "Meeting with the family to gather their views for section A",
        "Emailed social care for advice on the child's home circumstances",
    ),
    "draft": (
        "Parent called with comments on the draft plan",
        "Letter sent with the draft plan and the 15-day response deadline",
        "Consultation chased with the school named by the family",
        "Meeting with the family to talk through sections B and F of the draft",
    ),
    "plan": (
        "School asked for the annual review paperwork",
        "Parent called about transport arrangements",
        "Annual review meeting date agreed with the school",
    ),
}

# Syllables for synthetic English place names: plausible, but not a list of real places.
PLACE_STARTS: Final = (
    "Ash",
    "Bar",
    "Brad",
    "Bramble",
    "Chal",
    "Cold",
    "Crow",
    "Dun",
    "East",
    "Elm",
    "Fern",
    "Fox",
    "Glen",
    "Hamble",
    "Hazel",
    "Holt",
    "Kings",
    "Lang",
    "Lark",
    "Lin",
    "Long",
    "Marsh",
    "Mel",
    "Mill",
    "Nether",
    "North",
    "Oak",
    "Over",
    "Pen",
    "Rad",
    "Red",
    "Rush",
    "Sand",
    "Shep",
    "South",
    "Stan",
    "Stone",
    "Stur",
    "Thorn",
    "Up",
    "Wey",
    "West",
    "Whit",
    "Willow",
    "Winter",
    "Wood",
)
PLACE_ENDS: Final = (
    "bourne",
    "bridge",
    "bury",
    "by",
    "combe",
    "cott",
    "dale",
    "den",
    "don",
    "field",
    "ford",
    "gate",
    "ham",
    "hurst",
    "leigh",
    "ley",
    "minster",
    "moor",
    "stead",
    "stoke",
    "ton",
    "well",
    "wick",
    "worth",
)
SAINTS: Final = ("Mary", "Andrew", "Peter", "John", "Michael", "George", "Nicholas", "Joseph", "Anne", "Paul")

# The demo council. Its DfE LA number is Dorset's (838) so UPNs and LAESTABs look right; its
# localities are family partnership zones like Dorset's, each with postcode districts to draw
# addresses from.
DEMO_LA_CODE: Final = "838"
DEMO_LA_NAME: Final = "Dorset Council (demo)"
DEMO_LA_REGION: Final = "South West"
DEMO_LOCALITIES: Final = {
    "Weymouth and Portland": ("DT3", "DT4", "DT5"),
    "Dorchester": ("DT1", "DT2"),
    "Purbeck": ("BH19", "BH20"),
    "Blandford and Shaftesbury": ("DT11", "SP7"),
    "Sherborne and Gillingham": ("DT9", "SP8"),
    "Christchurch and Ferndown": ("BH22", "BH23", "BH31"),
}
# Neighbouring councils: where out-of-area schools are, and where families move to and from.
NEIGHBOUR_LA_CODES: Final = ("835", "839", "865", "933", "850", "878")

REGION_NAMES: Final = {
    "NE": "North East",
    "NW": "North West",
    "YH": "Yorkshire and The Humber",
    "EM": "East Midlands",
    "WM": "West Midlands",
    "EE": "East of England",
    "L": "London",
    "SE": "South East",
    "SW": "South West",
}
