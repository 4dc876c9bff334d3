# Units of measure written as symbols or short words; matched as whole words
# (a compound head like "kvadratmeter" is in unit.lex instead).
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
