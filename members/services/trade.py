"""An organisation's social enterprise: the offers (and needs) its leaders list for other members."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.markup import check_markdown

from ..enums import OFFER_LANGUAGES
from ..models import Offer, OfferPhoto, Organisation, User
from ..models.trade import PHOTOS_PER_OFFER

OFFER_FIELDS = (
    "kind",
    "title",
    "category",
    "description",
    "price_min",
    "price_max",
    "currency",
    "price_note",
    "languages",
    "serves_whole_country",
)


def offer_price_check(*, price_min, price_max) -> None:
    """Refuse a price range whose lowest price is above its highest. No side effects."""
    if price_min is not None and price_max is not None and price_min > price_max:
        raise ValidationError(
            {
                "price_max": _("The highest price must not be lower than the lowest price (%(low)s).")
                % {"low": price_min}
            }
        )


def _clean(fields: dict) -> dict:
    offer_price_check(price_min=fields.get("price_min"), price_max=fields.get("price_max"))
    known = {code for code, _name in OFFER_LANGUAGES}
    languages = list(dict.fromkeys(fields.get("languages") or []))
    if any(code not in known for code in languages):
        raise ValidationError({"languages": _("Choose the languages from the list.")})
    fields["languages"] = languages
    fields["title"] = (fields.get("title") or "").strip()
    check_markdown(fields.get("description") or "", field="description")
    return {name: fields[name] for name in OFFER_FIELDS if name in fields}


@transaction.atomic
def offer_create(*, organisation: Organisation, by: User, regions=(), rightsholder_groups=(), **fields) -> Offer:
    """List an offer (or a need) of the organisation's social enterprise.

    Writes the Offer with its provinces and rightsholder groups. No e-mail.
    Raises ValidationError when the lowest price is above the highest or a language is unknown.
    """
    offer = Offer(organisation=organisation, created_by=by, **_clean(fields))
    offer.full_clean()
    offer.save()
    offer.regions.set(regions)
    offer.rightsholder_groups.set(rightsholder_groups)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, by: User, regions=(), rightsholder_groups=(), **fields) -> Offer:
    """Change an offer's text, prices, languages and the places and groups it serves.

    Writes the Offer and its relations. No e-mail. Raises ValidationError as offer_create.
    """
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    for name, value in _clean(fields).items():
        setattr(offer, name, value)
    offer.full_clean()
    offer.save()
    offer.regions.set(regions)
    offer.rightsholder_groups.set(rightsholder_groups)
    return offer


@transaction.atomic
def offer_delete(*, offer: Offer, by: User) -> None:
    """Take an offer down, with its photos.

    Deletes the Offer and its OfferPhoto rows; the photo files are deleted after commit. Enquiries about it
    (the network app's) stay, with the title the offer had.
    """
    names = list(offer.photos.values_list("image", flat=True))
    storage = OfferPhoto._meta.get_field("image").storage
    offer.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


@transaction.atomic
def offer_photo_add(*, offer: Offer, by: User, image, description: str, is_public: bool = False) -> OfferPhoto:
    """Add a photo to an offer, public or for members only.

    Writes an OfferPhoto and stores the file in the private storage.
    Raises ValidationError when the offer has its six photos already or the file is not an image we accept.
    """
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    count = offer.photos.count()
    if count >= PHOTOS_PER_OFFER:
        raise ValidationError(
            _("An offer can have %(count)s photos. Remove one before adding another.") % {"count": PHOTOS_PER_OFFER}
        )
    photo = OfferPhoto(
        offer=offer, image=image, description=(description or "").strip(), is_public=is_public, position=count
    )
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def offer_photo_delete(*, photo: OfferPhoto, by: User) -> None:
    """Remove a photo from its offer. Deletes the OfferPhoto; its file is deleted after commit."""
    name, storage = photo.image.name, photo.image.storage
    photo.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
