# Words shaped like names of bodies that are common nouns (GUIDE.md:
# generic nouns and kinds of schools are not named bodies).
skolenheten
förskoleenheten
öppenheten
enheten
kliniken
delegationen
regelverket
nätverket
tillsynsmyndigheten
huvudmannen
grundskolan
förskolan
gymnasieskolan
grundsärskolan
gymnasiesärskolan
särskolan
friskolan
högskolan
folkhögskolan
kulturskolan
musikskolan
sameskolan
specialskolan
resursskolan
sommarskolan
lågstadieskolan
mellanstadieskolan
högstadieskolan
hemskolan
byskolan
kommunskolan
skolan
förskoleklassen
yrkeshögskolan
universitetet
stadsdelsnämnden
stadsdelsförvaltningen
facknämnden
nämnden
förvaltningen
styrelsen
kontoret
utskottet
kommittén
beredningen
# -förvaltningen as an activity or a whole, not one body: the management of
# a resource ("viltförvaltningen", "kapitalförvaltningen") and the state's
# administration as a whole ("statsförvaltningen", "e-förvaltningen")
statsförvaltningen
e-förvaltningen
viltförvaltningen
rovdjursförvaltningen
fiskeförvaltningen
kapitalförvaltningen
fondförvaltningen
förmögenhetsförvaltningen
