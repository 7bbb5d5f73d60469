"""Every URL name of the five apps reads <entity>_<verb> and names one pattern only within its namespace."""

import re
from collections import Counter

from django.urls import URLResolver, get_resolver

APPS = ("members", "communities", "events", "proposals", "network")
ENTITY_VERB = re.compile(r"^[a-z]+(_[a-z]+)+$")


def named_patterns(resolver=None, namespace=None):
    """(namespace, name) of every named pattern under the resolver, following includes."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part) or None
            yield from named_patterns(entry, inner)
        elif entry.name:
            yield namespace, entry.name, entry.lookup_str


def ours():
    """The patterns of the five apps: their namespaces, and their views mounted without one (the dashboard)."""
    return [
        (namespace, name)
        for namespace, name, view in named_patterns()
        if namespace in APPS or (namespace is None and view.split(".")[0] in APPS)
    ]


def test_the_walk_finds_every_app_and_the_dashboard():
    patterns = ours()
    assert {namespace for namespace, _ in patterns} == {*APPS, None}
    assert (None, "dashboard_detail") in patterns
    assert ("proposals", "budget_line_delete") in patterns


def test_every_name_is_entity_underscore_verb():
    assert [f"{ns}:{name}" for ns, name in ours() if not ENTITY_VERB.match(name)] == []


def test_no_two_patterns_share_a_name_within_a_namespace():
    counts = Counter(ours())
    assert [f"{ns}:{name}" for (ns, name), count in counts.items() if count > 1] == []
