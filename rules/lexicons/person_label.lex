# Labels of letterheads and contact blocks, skipped when a signature's
# role line is looked for below a name (Anna Hamrin / Besöksadress / Controller).
besöksadress
postadress
telefon
tel
e-post
epost
mobil
fax
webb
hemsida
direkt
växel
org nr
organisationsnummer
