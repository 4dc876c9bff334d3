# Headings of a protocol's attendance list, written before the names on the
# same line (flattened text) or after a colon: the first name after one is
# a person, and the list it starts keeps its other names.
närvarande
närvarande ledamöter
övriga närvarande
övriga deltagare
deltagare
beslutande
beslutande ledamöter
tjänstgörande ledamöter
