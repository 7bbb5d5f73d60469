import pytest
from django.core.exceptions import ValidationError

from members import services

pytestmark = pytest.mark.django_db


def test_set_language_keeps_the_choice(member):
    services.user_set_language(user=member, language="km")
    member.refresh_from_db()
    assert member.language == "km"


def test_set_language_refuses_a_language_not_offered(member):
    before = member.language
    with pytest.raises(ValidationError):
        services.user_set_language(user=member, language="xx")
    member.refresh_from_db()
    assert member.language == before
