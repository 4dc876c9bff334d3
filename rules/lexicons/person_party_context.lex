# Words after a bare party adjective (`moderat`, `moderata`) that make it
# the party, not the adjective "moderate": posts and words of politics.
politiker
politikern
politikerna
majoritet
majoriteten
styre
styret
regering
regeringen
företrädare
företrädaren
kandidat
kandidaten
ledamöter
ledamöterna
riksdagsledamöter
kommunalråd
kommunalråden
borgarråd
borgarråden
gruppledare
partiet
partiledare
väljare
väljarna
