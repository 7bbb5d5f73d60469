"""Khmer number and date formats as Cambodians write them, in place of Django's km defaults.

Django's km formats use a decimal comma, a dot between thousands and no grouping, so an amount
read "5000,00 USD". In Cambodia, in Khmer as in English, prices, budgets and bank statements group
thousands with a comma and write cents after a dot: "5,000.00 USD", "1,250,000 ៛".

Dates keep Django's Khmer patterns, which name the month ("ខែ") and the year ("ឆ្នាំ"); the
*_FORMAT strings use the Django date format syntax.
"""

DATE_FORMAT = "j ខែ F ឆ្នាំ Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j ខែ F ឆ្នាំ Y, G:i"
YEAR_MONTH_FORMAT = "ខែ F ឆ្នាំ Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, G:i"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
