# Seasons (definite form, as dates are written) -> TIMEX3 season code.
# A few OCR spellings of the same words are listed too (ö read as o/é/6,
# å read as a), because scanned documents are fed in as they are.
våren = SP
varen = SP
sommaren = SU
hösten = FA
hosten = FA
hésten = FA
h6sten = FA
vintern = WI
