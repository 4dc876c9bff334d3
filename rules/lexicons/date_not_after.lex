# Words right before a four-digit number that make it something other
# than a year: a label of a number (paragraph, page, phone, box, statute),
# or a word of quantity ("ca 2000 personer").
nr
nummer
§
§§
s
sid
sida
sidan
sidorna
tel
telefon
fax
mobil
box
sfs
kl
klockan
ca
c:a
cirka
drygt
knappt
omkring
ungefär
nästan
närmare
minst
högst
maximalt
max
totalt
sammanlagt
emot
uppemot
över
mer än
fler än
postnummer
rum
punkt
punkten
