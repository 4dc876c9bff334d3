# Counted nouns that count only as a whole word, never as the head of a
# compound: too short or too common as a word ending ('ar' is 'år' in OCR).
ar = år
