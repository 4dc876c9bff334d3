# Swedish parties: codes, names, historical names, spelling variants and
# the stems of party adjectives, each mapped to the code of GUIDE.md.
# Codes (entries of at most three letters) are only taken inside
# parentheses after a name; names and stems (four letters or more) are
# taken in running text, as the start of a word ("moderatledda").
S = S
M = M
SD = SD
C = C
V = V
KD = KD
L = L
MP = MP
FP = L
# Centerpartiet's old abbreviation in registers and lists (1950s-1980s)
cp = C
FI = FI
vpk = V
kds = KD
# names and historical names
Socialdemokraterna = S
Sveriges socialdemokratiska arbetareparti = S
socialdemokrat = S
Moderaterna = M
Moderata samlingspartiet = M
moderat = M
Sverigedemokraterna = SD
sverigedemokrat = SD
Centerpartiet = C
centerpartist = C
Centern = C
Vänsterpartiet kommunisterna = V
Vänsterpartiet = V
vänsterpartist = V
Kristdemokraterna = KD
Kristdemokratiska samhällspartiet = KD
kristdemokrat = KD
Liberalerna = L
Folkpartiet liberalerna = L
Folkpartiet = L
folkpartist = L
Miljöpartiet de gröna = MP
Miljöpartiet = MP
miljöpartist = MP
Feministiskt initiativ = FI
# OCR variants without diacritics
Vansterpartiet = V
vansterpartist = V
Miljopartiet = MP
miljopartist = MP
