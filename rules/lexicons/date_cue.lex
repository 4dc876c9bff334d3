# Words before a month or a season without a year that make it a point in
# time ("under oktober", "till hösten"), not a generic or relative use
# ("på sommaren" means every summer and is not listed).
under
i
från
fran
till
sedan
efter
före
fore
inför
infor
fram till
från och med
till och med
fr.o.m.
t.o.m.
i början av
i slutet av
i mitten av
början av
slutet av
mitten av
