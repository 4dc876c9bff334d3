# School terms -> TIMEX3 season code (vårtermin = spring, hösttermin = autumn).
vårterminen = SP
varterminen = SP
vårtermin = SP
vt = SP
höstterminen = FA
hostterminen = FA
héstterminen = FA
h6stterminen = FA
hösttermin = FA
ht = FA
