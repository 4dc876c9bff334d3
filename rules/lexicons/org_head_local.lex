# Heads of compound names of local and parliamentary bodies, definite form:
# "utbildningsnämnden", "Kommunstyrelsen", "Samhällsbyggnadskontoret".
# value = the correct spelling, so OCR damage ("Utbildningsndmnden",
# "Socialforvaltningen") comes out as one body.
nämnden = nämnden
namnden = nämnden
ndmnden = nämnden
nåmnden = nämnden
förvaltningen = förvaltningen
forvaltningen = förvaltningen
férvaltningen = förvaltningen
fdrvaltningen = förvaltningen
f6rvaltningen = förvaltningen
styrelsen = styrelsen
kontoret = kontoret
fullmäktige = fullmäktige
fullmaktige = fullmäktige
utskottet = utskottet
enheten = enheten
kommittén = kommittén
kommitten = kommittén
beredningen = beredningen
ombudet = ombudet
kansliet = kansliet
# units of a hospital: "kirurgkliniken", "Ögonkliniken"
kliniken = kliniken
# a delegation named by its field: "E-delegationen", "Jämställdhetsdelegationen"
delegationen = delegationen
