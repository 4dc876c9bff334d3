# Heads of compound role words: any word ending in one of these (with at
# least three bytes before it: IT-chef, never området) is a role, and its definite form is cut
# back to the head: skolborgarrådet -> skolborgarråd.  Value = base form.
råd
rådet = råd
chef
chefen = chef
minister
ministern = minister
direktör
direktören = direktör
sekreterare
sekreteraren = sekreterare
strateg
strategen = strateg
planerare
planeraren = planerare
ingenjör
ingenjören = ingenjör
förvaltare
förvaltaren = förvaltare
handläggare
handläggaren = handläggare
utredare
utredaren = utredare
samordnare
samordnaren = samordnare
specialist
specialisten = specialist
ledamot
ledamoten = ledamot
hövding
hövdingen = hövding
controller
ombudsman
ombudsmannen = ombudsman
justerare
# courts and universities (issue 16): hovrättslagman, kammarrättsassessor,
# barnforskare, universitetskansler, biträdande professor
lagman
lagmannen = lagman
rådman
rådmannen = rådman
assessor
assessorn = assessor
domare
domaren = domare
forskare
forskaren = forskare
kansler
kanslern = kansler
professor
professorn = professor
docent
docenten = docent
# rektorn vid X, ordföranden i Y (role_phrase anchors on these heads)
rektor
rektorn = rektor
ordförande
ordföranden = ordförande
