# Endings of Swedish street names: a four-digit number after a capitalised
# word with one of these endings is a street number ("Storgatan 2018"),
# not a year.
gatan
gata
vägen
väg
gränd
gränden
torget
torg
backen
stigen
allén
allé
leden
kajen
strand
stranden
