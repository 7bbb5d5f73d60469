"""Members doing business with each other, from the network's story: "They do business with each other to
support their social enterprises." CIPL sells Kuy handicrafts; SRCLC's director asks about scarves for a
graduation and CIPL's founder answers. Added through the services, as the members would."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from members.enums import OfferCategory, OfferCurrency, OfferKind
from members.models import Offer, Organisation, Region, RightsholderGroup, User
from members.services import offer_create, offer_photo_add
from network.models import Enquiry
from network.services import enquiry_reply, enquiry_send

HANDICRAFTS = "Kuy handicrafts: woven scarves, baskets and bags"

# acronym, leader's e-mail, kind, title, category, description, low, high, note, languages, provinces, groups
OFFERS = [
    (
        "CIPL",
        "srey@demo.example",
        OfferKind.OFFER,
        HANDICRAFTS,
        OfferCategory.HANDICRAFTS,
        "Scarves, rattan baskets and shoulder bags made by Kuy women in Preah Vihear, in the patterns of their "
        "villages. Each piece carries a card with its maker's name and a few words of Kuy.\n\n"
        "- Orders of 10 to 200 pieces, ready in three to six weeks\n"
        "- Gift wrapping for meetings and graduations\n"
        "- Delivery to Phnom Penh and Siem Reap by bus",
        "4",
        "35",
        "per piece",
        ["km", "kdt", "en"],
        ["preah-vihear", "kampong-thom", "phnom-penh", "siem-reap"],
        ["indigenous-peoples", "women"],
    ),
    (
        "CIPL",
        "srey@demo.example",
        OfferKind.OFFER,
        "Kuy interpreting and language lessons",
        OfferCategory.TRAINING,
        "Interpreters between Kuy and Khmer for consultations, meetings and research in Kuy villages, and short "
        "Kuy courses for staff who work with Kuy communities.",
        "25",
        "60",
        "per day",
        ["kdt", "km"],
        ["preah-vihear", "kampong-thom", "stung-treng"],
        ["indigenous-peoples"],
    ),
    (
        "CIPL",
        "srey@demo.example",
        OfferKind.NEED,
        "Printing of a bilingual Kuy–Khmer picture book",
        OfferCategory.MEDIA,
        "We need 500 copies of a 24-page picture book in Kuy and Khmer, in colour, for village schools.",
        None,
        "1500",
        "for the whole print run",
        ["km", "kdt"],
        ["preah-vihear"],
        ["children", "indigenous-peoples"],
    ),
]

ENQUIRY = (
    "leader@demo.example",
    "SRCLC",
    "We would like 40 scarves for the children who finish our programme in June, with a card in Kuy and "
    "Khmer. What would they cost, and could you send them to Siem Reap?",
    "Thank you, Dara! 40 scarves are 9 USD each with the cards; they can be ready by 20 May and we send them "
    "by bus to Siem Reap for free. Shall I keep the red and black pattern for you?",
)
# Earlier enquiries, so the coordinators' quarterly measure has a history: asker, acronym, offer, quarters ago.
EARLIER = [
    ("bopha@demo.example", "AGEF", HANDICRAFTS, 3, "Do you make bags in school colours? We need 60."),
    ("member@demo.example", "HAC", "Kuy interpreting and language lessons", 2, "Two days of interpreting in March?"),
    ("leader@demo.example", "SRCLC", HANDICRAFTS, 1, "Could you show your baskets at our open day?"),
]


def woven_photo() -> SimpleUploadedFile:
    """A small picture of a woven pattern in red, black and gold, drawn here so the demo ships no binary."""
    image = Image.new("RGB", (480, 320), (122, 22, 28))
    draw = ImageDraw.Draw(image)
    for y in range(0, 320, 40):
        draw.rectangle([0, y + 14, 480, y + 26], fill=(20, 20, 20))
        for x in range(0, 480, 40):
            draw.polygon([(x + 20, y + 4), (x + 34, y + 20), (x + 20, y + 36), (x + 6, y + 20)], fill=(214, 164, 50))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("kuy-scarf.png", buffer.getvalue(), content_type="image/png")


def seed_trade() -> None:
    """Add the demo's listings, enquiries and reply that are missing. Skips whatever is there already, and
    does nothing if the demo organisations or people are not."""
    for acronym, email, kind, title, category, text, low, high, note, languages, provinces, groups in OFFERS:
        organisation = Organisation.objects.filter(acronym=acronym).order_by("pk").first()
        leader = User.objects.filter(email=email).first()
        if organisation is None or leader is None or Offer.objects.filter(title=title).exists():
            continue
        offer = offer_create(
            organisation=organisation,
            by=leader,
            kind=kind,
            title=title,
            category=category,
            description=text,
            price_min=Decimal(low) if low else None,
            price_max=Decimal(high) if high else None,
            currency=OfferCurrency.USD,
            price_note=note,
            languages=languages,
            serves_whole_country=False,
            regions=list(Region.objects.filter(slug__in=[f"kh-{province}" for province in provinces])),
            rightsholder_groups=list(RightsholderGroup.objects.filter(slug__in=groups)),
        )
        if title == HANDICRAFTS:
            offer_photo_add(
                offer=offer,
                by=leader,
                image=woven_photo(),
                description="A red scarf with a black and gold diamond pattern, woven in Preah Vihear",
                is_public=True,
            )
    if Enquiry.objects.exists():
        return
    now = timezone.now()
    for email, acronym, title, quarters_ago, body in EARLIER:
        _ask(email, acronym, title, body, when=now - datetime.timedelta(days=91 * quarters_ago))
    email, acronym, question, answer = ENQUIRY
    enquiry = _ask(email, acronym, HANDICRAFTS, question)
    srey = User.objects.filter(email="srey@demo.example").first()
    if enquiry is not None and srey is not None:
        enquiry_reply(enquiry=enquiry, by=srey, body=answer)


def _ask(email, acronym, title, body, when=None):
    person = User.objects.filter(email=email).first()
    offer = Offer.objects.filter(title=title).first()
    if person is None or offer is None:
        return None
    organisation = person.affiliations.filter(organisation__acronym=acronym).values_list("organisation", flat=True)
    enquiry = enquiry_send(
        offer=offer, by=person, body=body, from_organisation=Organisation.objects.filter(pk__in=organisation).first()
    )
    if when is not None:
        # The story happened earlier: the enquiry and its message carry the day it was sent.
        Enquiry.objects.filter(pk=enquiry.pk).update(created_at=when, last_message_at=when)
        enquiry.messages.update(created_at=when)
    return enquiry
