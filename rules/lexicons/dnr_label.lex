# Label words that stand before a case or document number ("Dnr KS 2020/1126").
# The label is not part of the value.  Case-insensitive; a space matches any
# run of white space.
dnr
dnr.
d.nr
diarienr
diarienr.
diarienummer
diarie nr
diarie-nr
ert dnr
vårt dnr
er dnr
ert diarienummer
vårt diarienummer
ärendenr
ärendenr.
ärendenummer
ärende nr
ärende-nr
er beteckning
vår beteckning
beteckning
dok.id
dok. id
dokument-id
dokumentid
mål nr
målnummer
mål-nr
vår referens
er referens
vår ref
er ref
vår ref.
er ref.
