"""Reference lists every network starts with: focus areas, rightsholder groups and Cambodia's provinces.

Loaded by a data migration; tests that empty the database (browser and worker tests) load them again.
"""

from django.apps import apps as installed_apps
from django.utils.text import slugify

FOCUS_AREAS = [
    "Education",
    "Child wellbeing",
    "Women",
    "Youth",
    "Disability",
    "Elderly people",
    "Indigenous peoples",
    "Labour rights",
    "Health and HIV",
    "Social protection",
    "Livelihoods",
    "Social enterprise",
    "Governance and advocacy",
    "Environment and climate",
    "Arts and culture",
]

RIGHTSHOLDER_GROUPS = [
    "Children",
    "Youth",
    "Women",
    "People with disabilities",
    "Older people",
    "Indigenous peoples",
    "Informal economy workers",
    "LGBTIQ+ people",
    "People living with HIV",
    "Rural communities",
]

# Cambodia: the capital and the 24 provinces.
CAMBODIA = [
    ("Phnom Penh", "municipality"),
    ("Banteay Meanchey", "province"),
    ("Battambang", "province"),
    ("Kampong Cham", "province"),
    ("Kampong Chhnang", "province"),
    ("Kampong Speu", "province"),
    ("Kampong Thom", "province"),
    ("Kampot", "province"),
    ("Kandal", "province"),
    ("Kep", "province"),
    ("Koh Kong", "province"),
    ("Kratie", "province"),
    ("Mondulkiri", "province"),
    ("Oddar Meanchey", "province"),
    ("Pailin", "province"),
    ("Preah Sihanouk", "province"),
    ("Preah Vihear", "province"),
    ("Prey Veng", "province"),
    ("Pursat", "province"),
    ("Ratanakiri", "province"),
    ("Siem Reap", "province"),
    ("Stung Treng", "province"),
    ("Svay Rieng", "province"),
    ("Takeo", "province"),
    ("Tbong Khmum", "province"),
]


def load_reference_data(get_model=installed_apps.get_model) -> None:
    """Create or refresh the lists. get_model lets a migration pass its historical models."""
    FocusArea = get_model("members", "FocusArea")
    RightsholderGroup = get_model("members", "RightsholderGroup")
    Region = get_model("members", "Region")
    for position, name in enumerate(FOCUS_AREAS):
        FocusArea.objects.update_or_create(slug=slugify(name), defaults={"name": name, "position": position})
    for position, name in enumerate(RIGHTSHOLDER_GROUPS):
        RightsholderGroup.objects.update_or_create(slug=slugify(name), defaults={"name": name, "position": position})
    for name, kind in CAMBODIA:
        Region.objects.update_or_create(
            slug=f"kh-{slugify(name)}", defaults={"name": name, "kind": kind, "country": "KH"}
        )
