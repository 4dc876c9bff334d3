# Roles and titles of persons, every inflected form mapped to the base
# form (lower case, singular, indefinite).  Whole words only; compounds of
# the heads in person_role_head.lex (skolborgarråd, förvaltningschef) are
# understood without being listed.
ordförande
ordföranden = ordförande
vice ordförande
vice ordföranden = vice ordförande
förste vice ordförande
andre vice ordförande
ledamot
ledamoten = ledamot
ledamöter = ledamot
ersättare
ersättaren = ersättare
ersättarna = ersättare
ordinarie ledamot
justerande
justerare
sekreterare
sekreteraren = sekreterare
controller
controllern = controller
rektor
rektorn = rektor
handläggare
handläggaren = handläggare
utredare
utredaren = utredare
statsråd
statsrådet = statsråd
minister
ministern = minister
statsminister
statsministern = statsminister
landshövding
landshövdingen = landshövding
riksdagsledamot
riksdagsledamoten = riksdagsledamot
borgarråd
borgarrådet = borgarråd
kommunalråd
kommunalrådet = kommunalråd
oppositionsråd
oppositionsrådet = oppositionsråd
stadsdirektör
stadsdirektören = stadsdirektör
kommundirektör
kommundirektören = kommundirektör
förvaltningschef
förvaltningschefen = förvaltningschef
nämndsekreterare
nämndsekreteraren = nämndsekreterare
talman
talmannen = talman
vice talman
vice talmannen = vice talman
kontaktperson
konkursförvaltare
konkursförvaltaren = konkursförvaltare
chef
chefen = chef
motionär
motionären = motionär
verkställande direktör
vd
generaldirektör
generaldirektören = generaldirektör
# column headings of attendance lists
tjänstgörande ersättare = ersättare
# a court bench: "justitieråden A, B och C"
justitieråd
justitierådet = justitieråd
justitieråden = justitieråd
# press: who speaks for a party or a body
talesperson
talespersonen = talesperson
talesman
talesmannen = talesman
taleskvinna
taleskvinnan = taleskvinna
professor emerita
professor emeritus
