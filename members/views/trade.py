"""The marketplace: members' social enterprises list what they offer and need; members search the listings."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import serve_private
from common.loading import object_loader
from common.pagination import CARD_GRID_PAGE_SIZE, paginate, query_without_page
from common.permissions import permission_required

from .. import selectors, services
from ..filters import OfferFilter
from ..forms.trade import OfferForm, OfferPhotoForm
from ..models import Offer, OfferPhoto, Organisation

organisation_by_slug = object_loader(Organisation, lookup="slug")
offer_by_pk = object_loader(Offer.objects.select_related("organisation"))


@permission_required("members.view_offer")
def offer_list(request):
    filterset = OfferFilter(request.GET or None, queryset=selectors.offer_list().order_by("-updated_at", "-pk"))
    page = paginate(request, filterset.qs, per_page=CARD_GRID_PAGE_SIZE)
    return render(
        request,
        "members/offer_list.html",
        {"filter": filterset, "page": page, "query": query_without_page(request.GET)},
    )


@permission_required("members.view_offer")
def offer_detail(request, pk):
    offer = selectors.offer_detail(pk=pk)
    if offer is None:
        raise Http404
    return render(request, "members/offer_detail.html", {"offer": offer})


@permission_required("members.add_offer_organisation", fn=organisation_by_slug)
def offer_create(request, slug):
    organisation = organisation_by_slug(request, slug)
    form = OfferForm(request.POST or None, organisation=organisation, by=request.user)
    if request.method == "POST" and form.is_valid():
        offer = form.save()
        if offer is not None:
            messages.success(request, _("“%(title)s” is listed. Add a photo or two.") % {"title": offer.title})
            return redirect("members:offer_photo_create", pk=offer.pk)
    return render(request, "members/offer_form.html", {"form": form, "organisation": organisation})


@permission_required("members.change_offer", fn=offer_by_pk)
def offer_update(request, pk):
    offer = offer_by_pk(request, pk)
    form = OfferForm(request.POST or None, instance=offer, organisation=offer.organisation, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The listing was saved."))
            return redirect(saved)
    return render(
        request, "members/offer_form.html", {"form": form, "organisation": offer.organisation, "offer": offer}
    )


@permission_required("members.delete_offer", fn=offer_by_pk)
def offer_delete(request, pk):
    offer = offer_by_pk(request, pk)
    if request.method == "POST":
        services.offer_delete(offer=offer, by=request.user)
        messages.success(request, _("“%(title)s” was taken down.") % {"title": offer.title})
        return redirect(offer.organisation)
    return render(request, "members/offer_delete.html", {"offer": offer})


@permission_required("members.change_offer", fn=offer_by_pk)
def offer_photo_create(request, pk):
    """The listing's photos, and the form that adds one."""
    offer = offer_by_pk(request, pk)
    form = OfferPhotoForm(request.POST or None, request.FILES or None, offer=offer, by=request.user)
    if request.method == "POST" and form.is_valid():
        photo = form.save()
        if photo is not None:
            messages.success(request, _("The photo was added."))
            return redirect("members:offer_photo_create", pk=offer.pk)
    photos = offer.photos.order_by("position", "pk")
    return render(request, "members/offer_photos.html", {"offer": offer, "form": form, "photos": photos})


@require_POST
@permission_required("members.change_offer", fn=offer_by_pk, form_page="members:offer_photo_create")
def offer_photo_delete(request, pk, photo_pk):
    offer = offer_by_pk(request, pk)
    photo = get_object_or_404(offer.photos, pk=photo_pk)
    services.offer_photo_delete(photo=photo, by=request.user)
    messages.success(request, _("The photo was removed."))
    return redirect("members:offer_photo_create", pk=offer.pk)


def offer_photo_download(request, pk, photo_pk):
    """A photo of a listing: a public one for anyone, a members-only one for members (others sign in first)."""
    photo = get_object_or_404(OfferPhoto.objects.select_related("offer"), pk=photo_pk, offer_id=pk)
    if not request.user.has_perm("members.view_offerphoto", photo):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    response = serve_private(request, photo.image, filename=photo.offer.title)
    if photo.is_public:
        # A public photo may be shown from a shared link; it still never sits in a shared cache.
        response["Cache-Control"] = "private, max-age=3600"
    return response
