# Month names and their usual abbreviations -> two-digit month number.
# Full names: see also month_name.lex (full names only, for forms without
# a year, where a bare abbreviation is too weak a signal).
januari = 01
februari = 02
mars = 03
april = 04
maj = 05
juni = 06
juli = 07
augusti = 08
september = 09
oktober = 10
november = 11
december = 12
jan = 01
feb = 02
febr = 02
mar = 03
apr = 04
jun = 06
jul = 07
aug = 08
sep = 09
sept = 09
okt = 10
nov = 11
dec = 12
