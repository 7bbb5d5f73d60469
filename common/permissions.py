"""The permission decorator every view uses: named rules from the `rules` package, denied by default."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from rules.contrib.views import permission_required as rules_permission_required


def permission_required(perm, fn=None):
    """Deny by default: anonymous people are sent to sign in, signed-in people without the permission get a 403."""

    def decorator(view):
        return login_required(wraps(view)(rules_permission_required(perm, fn=fn, raise_exception=True)(view)))

    return decorator
