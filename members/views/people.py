from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from common.pagination import paginate, query_without_page
from common.permissions import permission_required

from .. import selectors
from ..filters import PersonFilter
from ..forms import ProfileForm


@permission_required("members.view_user")
def person_list(request):
    filterset = PersonFilter(request.GET or None, queryset=selectors.people_directory())
    page = paginate(request, filterset.qs)
    return render(
        request,
        "members/person_list.html",
        {"filter": filterset, "page": page, "query": query_without_page(request.GET)},
    )


@permission_required("members.view_user")
def person_detail(request, pk):
    person = selectors.person_detail(pk=pk)
    if person is None:
        raise Http404
    return render(request, "members/person_detail.html", {"person": person})


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect(person)
    return render(request, "members/profile_form.html", {"form": form})
