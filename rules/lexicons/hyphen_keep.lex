# Words before which a hyphen at a line end is kept: the hyphen stands for
# a shared part of a compound ("grund-\noch gymnasieskolan"), it does not
# break a word.  Used by the text normalizer, not by rules.
@exact
och
eller
samt
resp
respektive
till
som
men
utan
liksom
än
