# Codes in parentheses after a name that are no party (a body, a unit, a
# post): a code the party lexicon does not know is a local party only when
# it is none of these (extractors/person.c).
@case-sensitive
KS
KF
AU
KSAU
BUN
SN
UN
HR
IT
VD
PM
EU
FN
HD
JO
JK
UD
SKR
SKL
SCB
HFD
IVO
CSN
MSB
