# Words near a signature block: a lone name line within a few lines of one
# of these is a signer (Med vänlig hälsning / Häri instämma / Undertecknat).
hälsning
hälsningar
instämma
instämmer
undertecknat
undertecknad
undertecknade
underskrift
underskrifter
signerat
signatur
