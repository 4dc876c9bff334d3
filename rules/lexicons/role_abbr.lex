# Abbreviated titles as registers and calendars print them (`Optikermäst.`,
# `Chefred.`, `Kommunalnämndsordf.`, `Prof. emer.`, `rev.sekr.`): the
# abbreviated piece (without its period, lower case) = the piece written
# out.  A piece is looked up whole or as the tail of a compound
# (`optiker` + `mäst.` -> optikermästare).  Read by extractors/person.c.
# A value ending in `-` is the first part of a compound (`hemm.` -> hemmans-,
# `rev.sekr.` -> revisionssekreterare), never a title by itself.
# Only general abbreviations of titles belong here, never a name.
adj = adjunkt
arb = arbetare
assist = assistent
byrådir = byrådirektör
dir = direktör
distr = distrikts-
ekon = ekonom
emer = emeritus
förest = föreståndare
förv = förvaltare
handl = handlande
hemm = hemmans-
ing = ingenjör
insp = inspektör
kapt = kapten
komm = kommunal-
lantbr = lantbrukare
lekt = lektor
lär = lärare
löjtn = löjtnant
mäst = mästare
ombudsm = ombudsman
ordf = ordförande
prof = professor
red = redaktör
rev = revisions-
ryttm = ryttmästare
sekr = sekreterare
tekn = tekniker
