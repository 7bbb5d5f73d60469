"""Reference lists every network starts with: focus areas, rightsholder groups and Cambodia's provinces.

The names are stored in English and marked for translation here; each item shows itself in the reader's
language (ReferenceItem.__str__, Region.__str__). Names a network adds itself show as written.

Loaded by a data migration; tests that empty the database (browser and worker tests) load them again.
"""

from django.apps import apps as installed_apps
from django.utils.text import slugify
from django.utils.translation import gettext_noop

FOCUS_AREAS = [
    gettext_noop("Education"),
    gettext_noop("Child wellbeing"),
    gettext_noop("Women"),
    gettext_noop("Youth"),
    gettext_noop("Disability"),
    gettext_noop("Elderly people"),
    gettext_noop("Indigenous peoples"),
    gettext_noop("Labour rights"),
    gettext_noop("Health and HIV"),
    gettext_noop("Social protection"),
    gettext_noop("Livelihoods"),
    gettext_noop("Social enterprise"),
    gettext_noop("Governance and advocacy"),
    gettext_noop("Environment and climate"),
    gettext_noop("Arts and culture"),
]

RIGHTSHOLDER_GROUPS = [
    gettext_noop("Children"),
    gettext_noop("Youth"),
    gettext_noop("Women"),
    gettext_noop("People with disabilities"),
    gettext_noop("Older people"),
    gettext_noop("Indigenous peoples"),
    gettext_noop("Informal economy workers"),
    gettext_noop("LGBTIQ+ people"),
    gettext_noop("People living with HIV"),
    gettext_noop("Rural communities"),
]

# Cambodia: the capital and the 24 provinces.
CAMBODIA = [
    (gettext_noop("Phnom Penh"), "municipality"),
    (gettext_noop("Banteay Meanchey"), "province"),
    (gettext_noop("Battambang"), "province"),
    (gettext_noop("Kampong Cham"), "province"),
    (gettext_noop("Kampong Chhnang"), "province"),
    (gettext_noop("Kampong Speu"), "province"),
    (gettext_noop("Kampong Thom"), "province"),
    (gettext_noop("Kampot"), "province"),
    (gettext_noop("Kandal"), "province"),
    (gettext_noop("Kep"), "province"),
    (gettext_noop("Koh Kong"), "province"),
    (gettext_noop("Kratie"), "province"),
    (gettext_noop("Mondulkiri"), "province"),
    (gettext_noop("Oddar Meanchey"), "province"),
    (gettext_noop("Pailin"), "province"),
    (gettext_noop("Preah Sihanouk"), "province"),
    (gettext_noop("Preah Vihear"), "province"),
    (gettext_noop("Prey Veng"), "province"),
    (gettext_noop("Pursat"), "province"),
    (gettext_noop("Ratanakiri"), "province"),
    (gettext_noop("Siem Reap"), "province"),
    (gettext_noop("Stung Treng"), "province"),
    (gettext_noop("Svay Rieng"), "province"),
    (gettext_noop("Takeo"), "province"),
    (gettext_noop("Tbong Khmum"), "province"),
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
