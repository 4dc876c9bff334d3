# The heads of a statute's name: a word ending in one of these
# ("Personuppgiftslagen (PUL)", "Offentlighets- och sekretesslagen") names
# a law, not a body, so its abbreviation in parentheses is no body's.
# Read by extractors/org.c.  Exact: as written, no OCR readings.
@case-sensitive
@exact
lagen
förordningen
balken
direktivet
konventionen
