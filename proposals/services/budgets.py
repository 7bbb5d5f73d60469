"""The line-item budget while drafting: lines in any known currency and the exchange rates set by hand.

Every step an author takes is refused (require_author) unless `by` is a co-author still active in the
proposing community, so rights follow membership even for a form opened before someone was removed.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from members.models import User

from ..domain.money import MAX_AMOUNT, MAX_RATE, MIN_RATE, convert, fits, line_total, quantize
from ..domain.parts import LINE_FIELDS, values_of
from ..enums import BudgetCategory, Currency
from ..models import BudgetLine, ExchangeRate, KeyActivity, Proposal
from .drafting import check_unchanged_since, lock_proposal, remove_from_draft, require_author, require_editable


def check_currency(currency: str, field: str = "currency") -> None:
    """Refuse a currency the project does not know, as an error on `field`. No side effects."""
    if currency not in Currency.values:
        raise ValidationError(
            {
                field: _("%(currency)s is not a currency we know. Choose one of: %(known)s.")
                % {"currency": currency or "—", "known": ", ".join(Currency.values)}
            }
        )


def _check_rate(rate: Decimal | None, *, currency: str, call_currency: str, field: str = "rate") -> None:
    if rate is not None and rate <= 0:
        raise ValidationError(
            {
                field: _("The exchange rate must be more than zero: how many %(currency)s make 1 %(call)s.")
                % {"currency": currency, "call": call_currency}
            }
        )
    check_rate_bounds(rate, field=field)


def check_rate_bounds(rate: Decimal | None, *, field: str = "rate") -> None:
    """Refuse a rate under MIN_RATE or over MAX_RATE, as an error on `field`. No side effects."""
    if rate is not None and not MIN_RATE <= rate <= MAX_RATE:
        raise ValidationError(
            {
                field: _("An exchange rate lies between %(low)s and %(high)s.")
                % {"low": number_format(MIN_RATE), "high": number_format(MAX_RATE, force_grouping=True)}
            }
        )


def check_amount_fits(amount: Decimal, *, field: str, what: str) -> None:
    """Refuse an amount the money columns cannot hold (over MAX_AMOUNT), naming `what` it is. No side effects."""
    if not fits(amount):
        raise ValidationError(
            {
                field: _("%(what)s would be %(amount)s, more than the largest amount a budget holds (%(limit)s).")
                % {
                    "what": what,
                    "amount": number_format(quantize(amount), decimal_pos=2, force_grouping=True),
                    "limit": number_format(MAX_AMOUNT, decimal_pos=2, force_grouping=True),
                }
            }
        )


def _set_rate(proposal: Proposal, currency: str, rate: Decimal, by: User) -> ExchangeRate:
    exchange_rate, _created = ExchangeRate.objects.update_or_create(
        proposal=proposal, currency=currency, defaults={"rate": rate, "set_by": by}
    )
    return exchange_rate


@transaction.atomic
def budget_line_save(
    *,
    proposal: Proposal,
    by: User,
    line: BudgetLine | None = None,
    category: str,
    activity: KeyActivity | None,
    description: str,
    unit: str,
    quantity: Decimal,
    unit_cost: Decimal,
    currency: str,
    co_funding: Decimal = Decimal(0),
    co_funding_source: str = "",
    rate: Decimal | None = None,
    based_on: dict | None = None,
) -> BudgetLine:
    """Add a budget line, or change one.

    A line in a currency other than the call's needs an exchange rate on the proposal; give `rate`
    to set it (or change it) with the line, in the same transaction. `based_on` holds the line's values when
    its form was opened (domain.parts): when someone else changed it since, PartConflict is raised and nothing
    is saved, unless the values sent are those saved already. Writes the BudgetLine, the ExchangeRate when
    `rate` is given, and the proposal's updated_at; no e-mail, no version. Raises ValidationError when the
    proposal cannot be edited, the line was deleted, a value is wrong or a rate is missing.
    """
    proposal = lock_proposal(proposal)
    require_editable(proposal)
    require_author(proposal, by)
    if line is not None and line.proposal_id == proposal.pk:
        line = proposal.budget_lines.filter(pk=line.pk).first()
        if line is None:
            raise ValidationError(_("Someone deleted this line while you were editing it; nothing was saved."))
        yours = values_of(
            LINE_FIELDS,
            {
                "category": category,
                "activity": activity,
                "description": description,
                "unit": unit,
                "quantity": quantity,
                "unit_cost": unit_cost,
                "currency": currency,
                "co_funding": co_funding,
                "co_funding_source": co_funding_source,
            },
        )
        check_unchanged_since(line, names=LINE_FIELDS, base=based_on, yours=yours)
    errors = {}
    if category not in BudgetCategory.values:
        errors["category"] = _("Choose a category from the list.")
    if quantity is None or quantity <= 0:
        errors["quantity"] = _("The quantity must be more than zero.")
    if unit_cost is None or unit_cost <= 0:
        errors["unit_cost"] = _("The unit cost must be more than zero.")
    if co_funding is None or co_funding < 0:
        errors["co_funding"] = _("Co-funding cannot be negative; leave it at 0 when there is none.")
    if errors:
        raise ValidationError(errors)
    check_currency(currency)
    total = line_total(quantity, unit_cost)
    check_amount_fits(total, field="quantity", what=_("The line's total"))
    if co_funding > total:
        raise ValidationError({"co_funding": _("Co-funding cannot be more than the line's total.")})
    if co_funding and not co_funding_source.strip():
        raise ValidationError({"co_funding_source": _("Say who pays the co-funding.")})
    if activity is not None and activity.proposal_id != proposal.pk:
        raise ValidationError({"activity": _("Choose one of this proposal's activities.")})
    if line is not None and line.proposal_id != proposal.pk:
        raise ValidationError(_("This line belongs to another proposal."))
    call_currency = proposal.call.currency
    if currency != call_currency:
        _check_rate(rate, currency=currency, call_currency=call_currency)
        if rate is None and not proposal.exchange_rates.filter(currency=currency).exists():
            raise ValidationError(
                {
                    "rate": _(
                        "There is no exchange rate for %(currency)s on this proposal yet. "
                        "Enter how many %(currency)s make 1 %(call)s."
                    )
                    % {"currency": currency, "call": call_currency}
                }
            )
        known = rate if rate is not None else proposal.exchange_rates.get(currency=currency).rate
        check_amount_fits(
            convert(total, known), field="quantity", what=_("The line's total in %(call)s") % {"call": call_currency}
        )
        if rate is not None:
            _check_lines_at_rate(proposal, currency, rate, call_currency)
            _set_rate(proposal, currency, rate, by)
    if line is None:
        last = proposal.budget_lines.aggregate(last=Max("position"))["last"] or 0
        line = BudgetLine(proposal=proposal, position=last + 1)
    line.category = category
    line.activity = activity
    line.description = description.strip()
    line.unit = unit.strip()
    line.quantity = quantity
    line.unit_cost = unit_cost
    line.currency = currency
    line.co_funding = co_funding
    line.co_funding_source = co_funding_source.strip()
    line.full_clean(exclude=["proposal", "activity"])
    line.save()
    proposal.save(update_fields=["updated_at"])
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, by: User) -> None:
    """Delete a budget line while the proposal may be edited. Deletes the BudgetLine; no e-mail.

    Raises ValidationError when the proposal can no longer be edited.
    """
    remove_from_draft(line, by=by)


@transaction.atomic
def exchange_rate_set(*, proposal: Proposal, currency: str, rate: Decimal, by: User) -> ExchangeRate:
    """Set by hand how many units of `currency` make one unit of the call's currency. Never fetched.

    Writes the proposal's ExchangeRate for that currency. Raises ValidationError when the proposal cannot
    be edited, the currency is unknown or the call's own, or the rate is missing or not positive.
    """
    proposal = lock_proposal(proposal)
    require_editable(proposal)
    require_author(proposal, by)
    check_currency(currency)
    call_currency = proposal.call.currency
    if currency == call_currency:
        raise ValidationError(
            {"currency": _("%(currency)s is the call's currency; it needs no rate.") % {"currency": currency}}
        )
    if rate is None:
        raise ValidationError({"rate": _("Enter the rate.")})
    _check_rate(rate, currency=currency, call_currency=call_currency)
    _check_lines_at_rate(proposal, currency, rate, call_currency)
    return _set_rate(proposal, currency, rate, by)


def _check_lines_at_rate(proposal: Proposal, currency: str, rate: Decimal, call_currency: str) -> None:
    """Refuse a rate at which a line in that currency would be too large in the call's currency."""
    for line in proposal.budget_lines.filter(currency=currency):
        check_amount_fits(
            convert(line.total, rate),
            field="rate",
            what=_("“%(line)s” in %(call)s") % {"line": line.description, "call": call_currency},
        )
