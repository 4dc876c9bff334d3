# A court's case number label: "mål nr P 8376-20" (see dnr_label.lex).
målnummer
mål nr
mål-nr
