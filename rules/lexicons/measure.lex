# Units of measure written as symbols or short words; matched as whole words
# (a compound head like "kvadratmeter" is in unit.lex instead).  Exact case:
# "MM" in capitals is OCR noise or "m.m.", not millimetres.
@case-sensitive
m2
m²
m3
m³
kvm
km
km2
km²
m
cm
mm
kg
ton
mil
ha
hektar
liter
l
kWh
MWh
GWh
