"""What a version of a proposal says, as plain text, and a readable difference between two of them."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .money import format_money

# The narrative fields in the order the proposal reads, with the labels used in versions and diffs.
NARRATIVE_FIELDS = [
    ("summary", gettext_lazy("Summary")),
    ("problem", gettext_lazy("Problem")),
    ("objectives", gettext_lazy("Objectives")),
    ("rightsholders", gettext_lazy("Rightsholders")),
    ("expected_reach", gettext_lazy("People expected to be reached")),
    ("risks", gettext_lazy("Risks and how to handle them")),
]
NARRATIVE_NAMES = [name for name, _label in NARRATIVE_FIELDS]


def narrative(*, title: str, fields: dict, sections: list[tuple], stakeholders: list[tuple]) -> dict:
    """The text co-authors edit in one form, in the shape versions keep.

    sections: (id, heading, answer); stakeholders: (id, name). Headings and names are kept as text
    for reading later; the ids let a stale save be merged field by field.
    """
    reach = fields.get("expected_reach")
    values = {
        name: ("" if fields.get(name) is None else str(fields.get(name))).replace("\r\n", "\n")
        for name, _label in NARRATIVE_FIELDS
    }
    values["expected_reach"] = "" if reach in (None, "") else str(reach)
    return {
        "title": (title or "").strip(),
        "fields": values,
        "sections": [[heading, (text or "").replace("\r\n", "\n")] for _pk, heading, text in sections],
        "answers": {str(pk): (text or "").replace("\r\n", "\n") for pk, _heading, text in sections},
        "stakeholders": sorted(name for _pk, name in stakeholders),
        "stakeholder_ids": sorted(pk for pk, _name in stakeholders),
    }


def form_values(content: dict) -> dict:
    """A version's narrative under the names of the proposal form's fields."""
    values = {"title": content.get("title", "")}
    values.update(content.get("fields", {}))
    values.update({f"section_{pk}": text for pk, text in content.get("answers", {}).items()})
    values["stakeholders"] = list(content.get("stakeholder_ids", []))
    return values


def merge(*, base: dict, theirs: dict, yours: dict) -> tuple[dict, list[str]]:
    """Three-way merge of form values: a field changed by one side only takes that change; a field
    both changed differently keeps yours and is named as a conflict, so the page can show theirs beside it.
    Stakeholders both changed are joined, so nobody's choice disappears silently.
    """
    merged, conflicts = {}, []
    for key in dict.fromkeys([*theirs, *yours]):
        b, t, y = base.get(key), theirs.get(key), yours.get(key)
        if y == b or y is None:
            merged[key] = t
        elif t is None or t in (b, y):
            merged[key] = y
        else:
            conflicts.append(key)
            merged[key] = sorted(set(t) | set(y)) if key == "stakeholders" else y
    return merged, conflicts


def proposal_content(proposal, *, sections, stakeholders, activities, lines) -> dict:
    """Everything a version keeps: the narrative, the activities and the budget lines, as text."""
    content = narrative(
        title=proposal.title,
        fields={name: getattr(proposal, name) for name, _label in NARRATIVE_FIELDS},
        sections=[
            (section.pk, section.heading, proposal.section_answers.get(str(section.pk), "")) for section in sections
        ],
        stakeholders=[(organisation.pk, organisation.name) for organisation in stakeholders],
    )
    content["activities"] = [
        " · ".join(
            part
            for part in [
                f"{activity.starts_on:%Y-%m-%d} – {activity.ends_on:%Y-%m-%d}",
                activity.title,
                activity.place,
                activity.responsible_organisation.name if activity.responsible_organisation else "",
                activity.description.replace("\n", " "),
                activity.expected_outputs.replace("\n", " "),
            ]
            if part
        )
        for activity in activities
    ]
    content["budget"] = [
        " · ".join(
            part
            for part in [
                line.get_category_display(),
                line.activity.title if line.activity else "",
                line.description,
                f"{line.quantity.normalize():f} {line.unit} × {format_money(line.unit_cost, line.currency)}"
                f" = {format_money(line.total, line.currency)}",
                _("co-funding %(amount)s from %(source)s")
                % {"amount": format_money(line.co_funding, line.currency), "source": line.co_funding_source or "—"}
                if line.co_funding
                else "",
            ]
            if part
        )
        for line in lines
    ]
    return content


@dataclass
class Part:
    """One part of a proposal in a comparison: its label, both texts, and the difference as segments."""

    label: str
    old: str
    new: str
    segments: list[tuple[str, str]]  # ("equal" | "delete" | "insert", text)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def parts(content: dict) -> list[tuple[str, str]]:
    """(label, text) for every part of a version, lists one item a line."""
    labels = dict(NARRATIVE_FIELDS)
    fields = content.get("fields", {})
    result = [(_("Title"), content.get("title", ""))]
    result += [(str(labels[name]), fields.get(name, "")) for name, _label in NARRATIVE_FIELDS]
    result += [(heading, text) for heading, text in content.get("sections", [])]
    result.append((_("Stakeholders involved"), "\n".join(content.get("stakeholders", []))))
    if "activities" in content:
        result.append((_("Key activities"), "\n".join(content["activities"])))
    if "budget" in content:
        result.append((_("Budget lines"), "\n".join(content["budget"])))
    return result


_TOKENS = re.compile(r"\s+|[^\s]+")


def difference(old: str, new: str, *, by_line: bool = False) -> list[tuple[str, str]]:
    """The change from old to new as segments ("equal" | "delete" | "insert", text).

    Changed words separated only by spaces read as one removed run followed by one added run,
    not as a patchwork of single words.
    """
    # Lines compared without their endings, so the last line of a list does not look changed
    # when another line is added after it.
    split = (lambda text: [f"{line}\n" for line in text.splitlines()]) if by_line else _TOKENS.findall
    a, b = split(old), split(new)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    segments, removed, added = [], [], []

    def flush():
        if removed:
            segments.append(("delete", "".join(removed)))
        if added:
            segments.append(("insert", "".join(added)))
        removed.clear()
        added.clear()

    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        if op == "equal":
            text = "".join(a[a1:a2])
            between_changes = 0 < index < len(opcodes) - 1 and not by_line and not text.strip()
            if between_changes:
                removed.append(text)
                added.append(text)
                continue
            flush()
            segments.append(("equal", text))
            continue
        removed.extend(a[a1:a2])
        added.extend(b[b1:b2])
    flush()
    return segments


def compare(old: dict, new: dict) -> list[Part]:
    """Every part of two versions with a word-by-word difference (line by line for lists).

    The template shows the segments with <del> and <ins>; Django escapes their text.
    """
    new_parts = dict(parts(new))
    old_parts = dict(parts(old))
    labels = list(dict.fromkeys([label for label, _text in parts(old)] + [label for label, _text in parts(new)]))
    list_labels = {_("Stakeholders involved"), _("Key activities"), _("Budget lines")}
    result = []
    for label in labels:
        before, after = old_parts.get(label, ""), new_parts.get(label, "")
        result.append(Part(label, before, after, difference(before, after, by_line=label in list_labels)))
    return result
