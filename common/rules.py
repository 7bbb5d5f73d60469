"""Helpers for declaring permissions with the `rules` package, the same way in every app."""

import rules

MODEL_ACTIONS = ("view", "add", "change", "delete")


def add_model_perms(app_label: str, model_names, predicate) -> None:
    """Give `predicate` the admin's view/add/change/delete permissions on each model.

    Used for the models coordinators keep in the admin. A permission that the app's rules already declare
    keeps its own rule, so call this after the app's own `add_perm` lines.
    """
    for model in model_names:
        for action in MODEL_ACTIONS:
            name = f"{app_label}.{action}_{model}"
            if not rules.perm_exists(name):
                rules.add_perm(name, predicate)
