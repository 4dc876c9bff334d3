# Words that make a figure approximate or a bound (attribute approx: true).
cirka
ca
ca.
c:a
runt
omkring
ungefär
drygt
knappt
nästan
närmare
uppemot
upp emot
upp till
över
mer än
mindre än
fler än
färre än
minst
högst
maximalt
max
