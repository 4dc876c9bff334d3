# Label words "ärende nr" and its spellings (see dnr_label.lex).
ärendenr
ärendenr.
ärendenummer
ärende nr
ärende-nr
