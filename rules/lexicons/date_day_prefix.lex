# What may stand before a day and belongs to its span: "den", a weekday
# with "den" ("måndagen den 3 juni 2019"), the start of a range.
den
från den
mellan den
från och med den
måndagen den
tisdagen den
onsdagen den
torsdagen den
fredagen den
lördagen den
söndagen den
måndag den
tisdag den
onsdag den
torsdag den
fredag den
lördag den
söndag den
