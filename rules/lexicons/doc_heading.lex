# The words of a heading line that say who asks, who is asked and about
# what (src/document_facts.c):
#     Interpellation av X (SD) till skolborgarrådet Y (L) om Z
# `from`: the first person (or party) after the word is the fact `from`;
# `to`: the first person after it is `to`; `subject`: the rest of the
# line is the subject; `from-line`: when no `from` word is found between
# spaces, one at the start of a line is looked for.  A word may have several
# roles, separated by spaces.  Matched as whole words, in lower case.
av = from from-line
från = from
till = to
om = subject
