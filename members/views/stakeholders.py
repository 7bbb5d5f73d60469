from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.pagination import paginate
from common.permissions import permission_required

from .. import selectors, services
from ..enums import OrganisationKind, StakeholderType
from ..forms import ContactPersonForm, InteractionForm, RelationshipNotesForm, StakeholderForm
from ..models import ContactPerson, Organisation


@permission_required("members.view_stakeholder_register")
def register(request):
    stakeholders = selectors.stakeholder_register()
    chosen_type = request.GET.get("type", "")
    if chosen_type in StakeholderType.values:
        stakeholders = stakeholders.filter(stakeholder_type=chosen_type)
    page = paginate(request, stakeholders)
    return render(
        request,
        "members/stakeholder_register.html",
        {"page": page, "types": StakeholderType.choices, "chosen_type": chosen_type, "query": f"type={chosen_type}"},
    )


@permission_required("members.add_stakeholder")
def stakeholder_create(request):
    form = StakeholderForm(request.POST or None, request.FILES or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        if organisation is not None:
            messages.success(request, _("%(name)s was added to the register.") % {"name": organisation.name})
            return redirect("members:stakeholder_detail", slug=organisation.slug)
    return render(request, "members/organisation_form.html", {"form": form, "stakeholder": True})


@permission_required("members.view_stakeholder_register")
def stakeholder_detail(request, slug):
    organisation = selectors.stakeholder_detail(slug=slug)
    if organisation is None:
        raise Http404
    forms = {
        "contact": ContactPersonForm(prefix="contact", organisation=organisation, by=request.user),
        "interaction": InteractionForm(prefix="interaction", organisation=organisation, by=request.user),
        "notes": RelationshipNotesForm(prefix="notes", initial={"notes": organisation.relationship_notes}),
    }
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "contact":
            forms["contact"] = form = ContactPersonForm(
                request.POST, prefix="contact", organisation=organisation, by=request.user
            )
            if form.is_valid() and form.save() is not None:
                messages.success(request, _("The contact person was added."))
                return redirect("members:stakeholder_detail", slug=slug)
        elif which == "interaction":
            forms["interaction"] = form = InteractionForm(
                request.POST, prefix="interaction", organisation=organisation, by=request.user
            )
            if form.is_valid() and form.save() is not None:
                messages.success(request, _("The interaction was added to the log."))
                return redirect("members:stakeholder_detail", slug=slug)
        elif which == "notes":
            forms["notes"] = form = RelationshipNotesForm(request.POST, prefix="notes")
            if form.is_valid():
                services.relationship_notes_update(
                    organisation=organisation, notes=form.cleaned_data["notes"], by=request.user
                )
                messages.success(request, _("The notes were saved."))
                return redirect("members:stakeholder_detail", slug=slug)
    return render(request, "members/stakeholder_detail.html", {"organisation": organisation, "forms": forms})


@permission_required("members.change_contactperson")
def contact_update(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug, kind=OrganisationKind.STAKEHOLDER)
    contact = get_object_or_404(ContactPerson, pk=pk, organisation=organisation)
    form = ContactPersonForm(request.POST or None, instance=contact, organisation=organisation, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("The contact person was saved."))
        return redirect("members:stakeholder_detail", slug=slug)
    return render(
        request, "members/contact_form.html", {"organisation": organisation, "form": form, "contact": contact}
    )
