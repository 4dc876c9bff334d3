# "Er beteckning", "Vår beteckning" (see dnr_label.lex).
beteckning
