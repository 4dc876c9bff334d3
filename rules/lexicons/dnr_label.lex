# Label words before a case or document number: the Dnr family
# ("Dnr KS 2020/1126", "Ert dnr 511-2413-16", "Diarienummer KS-2023-00658",
# "Dok.Id 501881").  The label is not part of the value.  Case-insensitive;
# a space matches any run of white space.
#
# Label words are split into lexicons by first letter (dnr_label,
# dnr_label_case, dnr_label_court, dnr_label_designation), one rule each:
# the matcher skips ahead fast to one first letter, but not to an
# alternation of words with several.  "Ert dnr", "Vårt diarienummer" need
# no entry: their last word is the label.
dnr
dnr.
d.nr
diarienr
diarienr.
diarienummer
diarie nr
diarie-nr
dok.id
dok. id
dokument-id
dokumentid
