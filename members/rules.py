"""Permission predicates for people and their network-wide roles.

Other apps build on these: a community adds `is_facilitator`, proposals add `is_reviewer`,
and so on. Every permission is denied unless a rule here grants it.
"""

import rules

from .enums import Role


@rules.predicate
def is_coordinator(user):
    return bool(user.is_authenticated and user.is_active and user.role == Role.COORDINATOR)


@rules.predicate
def is_member(user):
    """An approved person: a member or a coordinator."""
    return bool(user.is_authenticated and user.is_active and user.role in (Role.MEMBER, Role.COORDINATOR))


@rules.predicate
def is_pending(user):
    return bool(user.is_authenticated and user.is_active and user.role == Role.PENDING)


@rules.predicate
def is_self(user, other):
    return other is not None and user.pk == other.pk


rules.add_perm("members.view_dashboard", is_member)
rules.add_perm("members.approve_user", is_coordinator)
rules.add_perm("members.invite_user", is_coordinator)
rules.add_perm("members.view_user", is_member)
rules.add_perm("members.change_user", is_coordinator | is_self)
rules.add_perm("members.add_user", is_coordinator)
rules.add_perm("members.delete_user", rules.always_deny)
