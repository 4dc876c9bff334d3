# The kind of a paper, from the words of its heading (its first 700
# bytes): the document fact `kind` (src/document_facts.c).  Order matters:
# the first entry found in the heading wins, so the longer phrases come
# before the words they contain.  Matched in lower case (ASCII letters of
# the heading folded), as written here.
svar på interpellation
svar på motion
interpellation
tjänsteskrivelse
tjänsteutlåtande
motion
förslag till riksdagsbeslut = motion
