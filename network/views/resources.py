from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.files import serve_private
from common.loading import object_loader
from common.pagination import paginate, query_without_page
from common.permissions import permission_required

from .. import selectors, services
from ..filters import ResourceFilter
from ..forms import ResourceForm
from ..models import Resource
from ..search import mark_resources

resource_by_pk = object_loader(Resource)


def resource_list(request):
    """Members see the whole resource centre; anyone else sees what is marked public."""
    filterset = ResourceFilter(request.GET or None, queryset=selectors.resource_list(request.user))
    page = paginate(request, filterset.qs)
    if filterset.is_valid() and filterset.form.cleaned_data.get("q"):
        mark_resources(page.object_list, filterset.form.cleaned_data["q"])
    return render(
        request,
        "network/resource_list.html",
        {"filter": filterset, "page": page, "query": query_without_page(request.GET)},
    )


def _resource(request, pk):
    resource = get_object_or_404(
        Resource.objects.select_related("created_by", "meeting", "community", "challenge"), pk=pk
    )
    if not request.user.has_perm("network.view_resource", resource):
        if not request.user.is_authenticated:
            return None
        raise PermissionDenied
    return resource


def resource_detail(request, pk):
    resource = _resource(request, pk)
    if resource is None:
        return redirect_to_login(request.get_full_path())
    return render(request, "network/resource_detail.html", {"resource": resource})


def resource_download(request, pk):
    """The resource's file, to whoever may see the resource (anyone, when it is public)."""
    resource = _resource(request, pk)
    if resource is None:
        return redirect_to_login(request.get_full_path())
    response = serve_private(request, resource.file, filename=resource.title, as_attachment=True)
    services.resource_count_download(resource=resource)
    return response


@permission_required("network.add_resource")
def resource_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        resource = form.save()
        if resource is not None:
            messages.success(request, _("The resource was added."))
            return redirect(resource)
    return render(request, "network/resource_form.html", {"form": form})


@permission_required("network.change_resource", fn=resource_by_pk)
def resource_update(request, pk):
    resource = resource_by_pk(request, pk)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource, by=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if saved is not None:
            messages.success(request, _("The resource was saved."))
            return redirect(saved)
    return render(request, "network/resource_form.html", {"form": form, "resource": resource})
