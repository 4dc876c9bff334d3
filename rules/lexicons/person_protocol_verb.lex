# Verbs a protocol writes right after a member's name (`Anna Ek reserverade
# sig`, `Per Lind (M) yrkar bifall`): the name before one of these is a
# person.  Only verbs of a member's acts in a meeting, never verbs a body
# does as well as a person (beslutar, beslöt).
reserverade sig
reserverar sig
lät anteckna
låter anteckna
yrkade
yrkar
föreslog
föreslår
avstod från att delta
avstår från att delta
anmälde jäv
anmäler jäv
deltog inte
deltar inte
instämde
instämmer
