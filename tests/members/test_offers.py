"""What members' social enterprises offer: listed by their leaders only, searched by members, photos checked."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from members.enums import AffiliationRole, OfferKind
from members.models import Offer, OfferPhoto, Region, RightsholderGroup
from tests.factories import (
    AffiliationFactory,
    CoordinatorFactory,
    OfferFactory,
    OrganisationFactory,
    PendingUserFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def signed_in(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def png(name="scarf.png", size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def kuy(db):
    return OrganisationFactory(name="Cambodian Indigenous Peoples' Living", slug="cipl", acronym="CIPL")


@pytest.fixture
def kuy_leader(kuy):
    return AffiliationFactory(organisation=kuy, role=AffiliationRole.LEADER).person


@pytest.fixture
def kuy_staff(kuy):
    return AffiliationFactory(organisation=kuy, role=AffiliationRole.STAFF).person


@pytest.fixture
def scarf(kuy):
    offer = OfferFactory(organisation=kuy, title="Kuy hand-woven scarves")
    offer.regions.set(Region.objects.filter(slug="kh-preah-vihear"))
    offer.rightsholder_groups.set(RightsholderGroup.objects.filter(slug="indigenous-peoples"))
    return offer


def form_data(**changes):
    data = {
        "kind": OfferKind.OFFER,
        "title": "Kuy baskets",
        "category": "handicrafts",
        "description": "Rattan baskets woven by Kuy families.",
        "price_min": "5",
        "price_max": "20",
        "currency": "USD",
        "price_note": "per basket",
        "languages": ["km", "kdt"],
        "regions": [Region.objects.get(slug="kh-preah-vihear").pk],
        "rightsholder_groups": [RightsholderGroup.objects.get(slug="indigenous-peoples").pk],
    }
    data.update(changes)
    return data


class TestWhoMayList:
    def test_a_leader_lists_an_offer_of_their_organisation(self, kuy, kuy_leader):
        response = signed_in(kuy_leader).post(reverse("members:offer_create", args=[kuy.slug]), form_data())
        offer = Offer.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("members:offer_photo_create", args=[offer.pk])
        assert (offer.organisation, offer.title, offer.price_min, offer.price_max) == (kuy, "Kuy baskets", 5, 20)
        assert offer.languages == ["km", "kdt"]
        assert [region.slug for region in offer.regions.all()] == ["kh-preah-vihear"]
        assert [group.slug for group in offer.rightsholder_groups.all()] == ["indigenous-peoples"]

    @pytest.mark.parametrize("who", ["staff", "other_leader", "coordinator", "pending"])
    def test_others_may_not_list_for_the_organisation(self, kuy, kuy_staff, who):
        person = {
            "staff": kuy_staff,
            "other_leader": AffiliationFactory(role=AffiliationRole.LEADER).person,
            "coordinator": CoordinatorFactory(),
            "pending": PendingUserFactory(),
        }[who]
        client = signed_in(person)
        assert client.get(reverse("members:offer_create", args=[kuy.slug])).status_code == 403
        assert client.post(reverse("members:offer_create", args=[kuy.slug]), form_data()).status_code == 403
        assert not Offer.objects.exists()

    def test_anonymous_people_are_sent_to_sign_in(self, kuy):
        response = Client().get(reverse("members:offer_create", args=[kuy.slug]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_only_the_organisations_leader_edits_and_takes_down(self, scarf, kuy_leader, kuy_staff, member):
        for person in (kuy_staff, member, CoordinatorFactory()):
            client = signed_in(person)
            assert client.get(reverse("members:offer_update", args=[scarf.pk])).status_code == 403
            assert client.post(reverse("members:offer_delete", args=[scarf.pk])).status_code == 403
        assert Offer.objects.filter(pk=scarf.pk).exists()
        client = signed_in(kuy_leader)
        response = client.post(reverse("members:offer_update", args=[scarf.pk]), form_data(title="Kuy scarves"))
        assert response.status_code == 302
        scarf.refresh_from_db()
        assert scarf.title == "Kuy scarves"
        assert client.post(reverse("members:offer_delete", args=[scarf.pk])).status_code == 302
        assert not Offer.objects.filter(pk=scarf.pk).exists()

    def test_the_organisation_page_offers_its_leader_to_list(self, kuy, kuy_leader, kuy_staff):
        url = reverse("members:offer_create", args=[kuy.slug])
        assert url in signed_in(kuy_leader).get(kuy.get_absolute_url()).content.decode()
        assert url not in signed_in(kuy_staff).get(kuy.get_absolute_url()).content.decode()


class TestBadInputIsRefused:
    def post(self, kuy, person, **changes):
        return signed_in(person).post(reverse("members:offer_create", args=[kuy.slug]), form_data(**changes))

    def test_a_lowest_price_above_the_highest(self, kuy, kuy_leader):
        response = self.post(kuy, kuy_leader, price_min="30", price_max="20")
        assert response.status_code == 200
        assert "The highest price must not be lower than the lowest price (30)." in response.content.decode()
        assert not Offer.objects.exists()

    def test_a_huge_description_and_title(self, kuy, kuy_leader):
        response = self.post(kuy, kuy_leader, description="ក" * 4001, title="x" * 121)
        page = response.content.decode()
        assert "Ensure this value has at most 4000 characters (it has 4001)." in page
        assert "Ensure this value has at most 120 characters (it has 121)." in page
        assert not Offer.objects.exists()

    def test_khmer_digits_are_read_as_the_price(self, kuy, kuy_leader):
        self.post(kuy, kuy_leader, price_min="១២", price_max="២,៥០០.៥០")
        offer = Offer.objects.get()
        assert (str(offer.price_min), str(offer.price_max)) == ("12.00", "2500.50")

    @pytest.mark.parametrize("price", ["١٢", "１２", "²", "12e3", "NaN", "Infinity", "-5", "1.2.3", "five"])
    def test_other_digits_and_words_are_refused_in_words(self, kuy, kuy_leader, price):
        response = self.post(kuy, kuy_leader, price_min=price)
        assert response.status_code == 200
        assert "Write the price with the digits 0–9, for example 12.50." in response.content.decode()
        assert not Offer.objects.exists()

    def test_a_price_too_large_for_the_column(self, kuy, kuy_leader):
        response = self.post(kuy, kuy_leader, price_max="1" + "0" * 13)
        assert response.status_code == 200
        assert not Offer.objects.exists()

    def test_an_unknown_language_or_category(self, kuy, kuy_leader):
        response = self.post(kuy, kuy_leader, languages=["xx"], category="weapons")
        page = response.content.decode()
        assert "Select a valid choice. xx is not one of the available choices." in page
        assert "Select a valid choice. weapons is not one of the available choices." in page
        assert not Offer.objects.exists()


class TestPhotos:
    def add(self, client, offer, image, public=False):
        data = {"image": image, "description": "A red and black scarf"}
        if public:
            data["is_public"] = "on"
        return client.post(reverse("members:offer_photo_create", args=[offer.pk]), data)

    def test_a_leader_adds_a_photo_kept_privately(self, scarf, kuy_leader, private_media):
        response = self.add(signed_in(kuy_leader), scarf, png())
        assert response.status_code == 302
        photo = OfferPhoto.objects.get()
        assert photo.image.name.startswith("offers/") and "scarf" not in photo.image.name
        assert (private_media / photo.image.name).exists()

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (SimpleUploadedFile("scarf.png", b"not an image at all", content_type="image/png"), "is not a photo we accept"),
            (SimpleUploadedFile("scarf.svg", b"<svg onload=alert(1)>", content_type="image/svg+xml"), "is not a photo we accept"),
            (SimpleUploadedFile("scarf.pdf", b"%PDF-1.4", content_type="application/pdf"), "is not a photo we accept"),
        ],
    )  # fmt: skip
    def test_a_bad_photo_is_refused_and_nothing_is_saved(self, scarf, kuy_leader, private_media, upload, message):
        response = self.add(signed_in(kuy_leader), scarf, upload)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not OfferPhoto.objects.exists()
        assert not (private_media / "offers").exists() or not any((private_media / "offers").iterdir())

    def test_a_seventh_photo_is_refused(self, scarf, kuy_leader, private_media):
        client = signed_in(kuy_leader)
        for index in range(6):
            assert self.add(client, scarf, png(f"p{index}.png")).status_code == 302
        response = self.add(client, scarf, png("p7.png"))
        assert "An offer can have 6 photos. Remove one before adding another." in response.content.decode()
        assert OfferPhoto.objects.count() == 6

    def test_staff_may_not_add_or_remove_photos(self, scarf, kuy_leader, kuy_staff, private_media):
        self.add(signed_in(kuy_leader), scarf, png())
        photo = OfferPhoto.objects.get()
        client = signed_in(kuy_staff)
        assert self.add(client, scarf, png()).status_code == 403
        assert client.post(reverse("members:offer_photo_delete", args=[scarf.pk, photo.pk])).status_code == 403
        assert OfferPhoto.objects.count() == 1

    def test_a_leader_removes_a_photo_and_its_file(
        self, scarf, kuy_leader, private_media, django_capture_on_commit_callbacks
    ):
        client = signed_in(kuy_leader)
        self.add(client, scarf, png())
        photo = OfferPhoto.objects.get()
        path = private_media / photo.image.name
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("members:offer_photo_delete", args=[scarf.pk, photo.pk]))
        assert not OfferPhoto.objects.exists()
        assert not path.exists()

    def test_a_members_only_photo_is_served_to_members_only(self, scarf, kuy_leader, member, private_media):
        self.add(signed_in(kuy_leader), scarf, png())
        url = OfferPhoto.objects.get().image.url
        assert url == reverse("members:offer_photo_download", args=[scarf.pk, OfferPhoto.objects.get().pk])
        response = signed_in(member).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        anonymous = Client().get(url)
        assert anonymous.status_code == 302
        assert anonymous["Location"].startswith(reverse("account_login"))
        assert signed_in(PendingUserFactory()).get(url).status_code == 403

    def test_a_public_photo_is_served_to_anyone(self, scarf, kuy_leader, private_media):
        self.add(signed_in(kuy_leader), scarf, png(), public=True)
        response = Client().get(OfferPhoto.objects.get().image.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"

    def test_a_photo_is_not_found_through_another_offer(self, scarf, kuy_leader, member, private_media):
        self.add(signed_in(kuy_leader), scarf, png(), public=True)
        other = OfferFactory()
        url = reverse("members:offer_photo_download", args=[other.pk, OfferPhoto.objects.get().pk])
        assert signed_in(member).get(url).status_code == 404


class TestMarketplace:
    def test_members_search_by_category_province_group_and_words(self, scarf, member):
        OfferFactory(title="Catering for workshops", category="catering", description="Lunch boxes.")
        whole_country = OfferFactory(title="Sign language training", category="training", serves_whole_country=True)
        client = signed_in(member)
        url = reverse("members:offer_list")

        def titles(**query):
            page = client.get(url, query).context["page"]
            return sorted(offer.title for offer in page.object_list)

        assert titles(category="handicrafts") == ["Kuy hand-woven scarves"]
        assert titles(province="kh-preah-vihear") == ["Kuy hand-woven scarves", "Sign language training"]
        assert titles(rightsholder_group="indigenous-peoples") == ["Kuy hand-woven scarves"]
        assert titles(q="lunch") == ["Catering for workshops"]
        assert titles(q="CIPL") == ["Kuy hand-woven scarves"]
        assert titles(kind="need") == []
        assert whole_country.title in titles()

    def test_hostile_filters_never_fail(self, scarf, member):
        client = signed_in(member)
        for query in ({"province": "nowhere"}, {"page": "៣"}, {"page": "%00"}, {"q": "x" * 5000}, {"kind": "<b>"}):
            assert client.get(reverse("members:offer_list"), query).status_code == 200

    def test_the_marketplace_is_for_members(self, scarf):
        assert signed_in(PendingUserFactory()).get(reverse("members:offer_list")).status_code == 403
        assert signed_in(PendingUserFactory()).get(scarf.get_absolute_url()).status_code == 403
        assert Client().get(reverse("members:offer_list")).status_code == 302

    def test_the_detail_shows_the_offer_and_the_enquiry_button_to_others_only(self, scarf, member, kuy_leader):
        page = signed_in(member).get(scarf.get_absolute_url()).content.decode()
        assert "Kuy hand-woven scarves" in page
        assert "8–15 USD" in page
        assert reverse("network:enquiry_create", args=[scarf.pk]) in page
        page = signed_in(kuy_leader).get(scarf.get_absolute_url()).content.decode()
        assert reverse("network:enquiry_create", args=[scarf.pk]) not in page
        assert reverse("members:offer_update", args=[scarf.pk]) in page

    def test_the_list_makes_as_many_queries_for_many_offers_as_for_one(
        self, member, django_assert_num_queries, private_media
    ):
        client = signed_in(member)
        url = reverse("members:offer_list")

        def add_offer():
            offer = OfferFactory()
            offer.regions.set(Region.objects.all()[:3])
            offer.rightsholder_groups.set(RightsholderGroup.objects.all()[:2])
            OfferPhoto.objects.create(offer=offer, image=png(), description="A photo")

        add_offer()
        one = queries_for(client, url)
        for _ in range(12):
            add_offer()
        with django_assert_num_queries(one):
            response = client.get(url)
        assert len(response.context["page"].object_list) == 13


class TestDirectory:
    def test_the_directory_marks_and_filters_organisations_with_a_social_enterprise(self, scarf, kuy, member):
        OrganisationFactory(name="No enterprise here")
        needs_only = OrganisationFactory(name="Only needs")
        OfferFactory(organisation=needs_only, kind=OfferKind.NEED)
        client = signed_in(member)
        response = client.get(reverse("members:organisation_list"), {"social_enterprise": "yes"})
        assert [organisation.name for organisation in response.context["page"].object_list] == [kuy.name]
        assert "Social enterprise" in response.content.decode()
        everyone = client.get(reverse("members:organisation_list")).context["page"].object_list
        assert {organisation.name: organisation.runs_social_enterprise for organisation in everyone} == {
            kuy.name: True,
            "No enterprise here": False,
            "Only needs": False,
        }
