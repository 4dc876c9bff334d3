# Words naming a statute: a "(2010:800)" after one of them is an SFS number,
# not a case number.  Compounds (skollagen, miljöbalken, skolförordningen)
# are recognised by their ending in dnr.c.
lag
lagen
lagens
lagar
lagarna
förordning
förordningen
förordningens
kungörelse
kungörelsen
stadga
stadgan
balk
balken
sfs
författning
författningen
författningssamling
föreskrift
föreskrifter
föreskrifterna
instruktion
instruktionen
# Common abbreviations of statutes ("PBL (2010:900)", "PBL 2010:900").
pbl
kl
osl
lou
luf
lss
sol
hsl
mb
brb
rf
tf
ygl
lvu
lvm
fl
sfb
