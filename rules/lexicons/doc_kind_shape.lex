# The kind of a paper read from the shape of its first line when no phrase
# of doc_kind.lex is in its heading (src/document_facts.c).  The one shape:
#     from-to   the first line has a `from` word, then a `to` word of
#               doc_heading.lex: `1994/95:10 av X (c) till justitieministern om ...`
from-to = interpellation
