"""Pure domain arithmetic of proposals: money, budget totals, scoring and version diffs.

Nothing here queries the database or imports a model; callers pass objects whose relations they
have already loaded (prefetched), so these functions are cheap to test with plain stand-ins.
"""
