"""Time zones named in the reader's language.

A zone is stored by its IANA name ("Asia/Phnom_Penh"), an identifier in English. The zones the network's
people and partners live in are translated, so a Khmer page reads "(ម៉ោងភ្នំពេញ)" after a time; English
pages keep the IANA name. Every other zone keeps its IANA name, which choice lists mark as English.
"""

import zoneinfo

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Translators: each is a time zone by its IANA name, shown after a time, as in "14:00 (Asia/Phnom_Penh)";
# write how a reader names that time, e.g. "ម៉ោងភ្នំពេញ" for Asia/Phnom_Penh.
NAMED_ZONES = {
    "Asia/Phnom_Penh": pgettext_lazy("time zone", "Asia/Phnom_Penh"),
    "Asia/Bangkok": pgettext_lazy("time zone", "Asia/Bangkok"),
    "Asia/Ho_Chi_Minh": pgettext_lazy("time zone", "Asia/Ho_Chi_Minh"),
    "Asia/Vientiane": pgettext_lazy("time zone", "Asia/Vientiane"),
    "Asia/Yangon": pgettext_lazy("time zone", "Asia/Yangon"),
    "Asia/Kuala_Lumpur": pgettext_lazy("time zone", "Asia/Kuala_Lumpur"),
    "Asia/Singapore": pgettext_lazy("time zone", "Asia/Singapore"),
    "Asia/Jakarta": pgettext_lazy("time zone", "Asia/Jakarta"),
    "Asia/Manila": pgettext_lazy("time zone", "Asia/Manila"),
    "Asia/Shanghai": pgettext_lazy("time zone", "Asia/Shanghai"),
    "Asia/Tokyo": pgettext_lazy("time zone", "Asia/Tokyo"),
    "Asia/Seoul": pgettext_lazy("time zone", "Asia/Seoul"),
    "Asia/Kolkata": pgettext_lazy("time zone", "Asia/Kolkata"),
    "Australia/Sydney": pgettext_lazy("time zone", "Australia/Sydney"),
    "Europe/London": pgettext_lazy("time zone", "Europe/London"),
    "Europe/Paris": pgettext_lazy("time zone", "Europe/Paris"),
    "Europe/Berlin": pgettext_lazy("time zone", "Europe/Berlin"),
    "America/New_York": pgettext_lazy("time zone", "America/New_York"),
    "America/Los_Angeles": pgettext_lazy("time zone", "America/Los_Angeles"),
}


def zone_name(zone) -> str:
    """The zone (a ZoneInfo or an IANA name) as the reader names it: translated where it is one of NAMED_ZONES."""
    key = str(getattr(zone, "key", zone) or "")
    return str(NAMED_ZONES.get(key, key))


def time_zone_choices():
    """The zones to choose from: the named ones first, in the reader's language, then every other by IANA name."""
    others = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith("Etc/") and name not in NAMED_ZONES
    )
    return [
        (_("Common time zones"), [(key, zone_name(key)) for key in NAMED_ZONES]),
        (_("Other time zones"), [(key, key) for key in others]),
    ]
