# Heads of agency names, counted only when the name is written with a
# capital ("Arbetsmiljöverket", "Justitiedepartementet"): in lower case
# these words are mostly common nouns ("regelverket", "tillsynsmyndigheten").
verket
myndigheten
inspektionen
ombudsmannen
departementet
kollegiet
förmedlingen
kanslern
institutet
centralbyrån
domstolen
tingsrätten
hovrätten
kammarrätten
förvaltningsrätten
akademien
förbundet
föreningen
