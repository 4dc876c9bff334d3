# Full month names only -> two-digit month number (forms without a year:
# "under oktober", "December månad").
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
