import zoneinfo

from django.utils import translation

from common.zones import NAMED_ZONES, time_zone_choices, zone_name


def test_a_zone_is_named_by_its_iana_name_in_english():
    with translation.override("en"):
        assert zone_name(zoneinfo.ZoneInfo("Asia/Phnom_Penh")) == "Asia/Phnom_Penh"
        assert zone_name("Asia/Phnom_Penh") == "Asia/Phnom_Penh"


def test_a_zone_outside_the_named_ones_keeps_its_iana_name_in_every_language():
    with translation.override("km"):
        assert zone_name("America/Argentina/Ushuaia") == "America/Argentina/Ushuaia"
        assert zone_name("") == ""


def test_the_choices_offer_the_named_zones_first_and_every_other_zone_once():
    with translation.override("en"):
        (common_label, common), (other_label, others) = time_zone_choices()
    assert (str(common_label), str(other_label)) == ("Common time zones", "Other time zones")
    assert [key for key, _label in common] == list(NAMED_ZONES)
    assert common[0] == ("Asia/Phnom_Penh", "Asia/Phnom_Penh")
    keys = [key for key, _label in common + others]
    assert len(keys) == len(set(keys))
    assert "America/Argentina/Ushuaia" in keys
    assert not any(key.startswith("Etc/") or "/" not in key for key in keys)
