"""Numbers as charts and tables print them: rounded half up, in the active language."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext


def _rounded(value: float, decimals: int) -> Decimal:
    # number_format truncates; published figures round half up (42.5% is 43%).
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def format_number(value: float, decimals: int = 0) -> str:
    """``value`` rounded half up to ``decimals`` places, in the active language's format."""
    return number_format(
        _rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def format_percent(value: float, decimals: int = 0) -> str:
    """A percentage from 0 to 100, with its sign as the active language writes it."""
    # Translators: a percentage; French puts a non-breaking space before the sign.
    return gettext("%(value)s%%") % {"value": format_number(value, decimals)}


def format_count(value: int) -> str:
    return number_format(value, use_l10n=True, force_grouping=True)
