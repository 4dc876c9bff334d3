# Words before the first end of "X och Y" that make it a range: "mellan
# 2010 och 2012", "Mellan år 2001 och 2012", "mellan den 3 och 5 juni".
# Without them "1962, 1963 och 1964" are separate years.
mellan
mellan år
mellan åren
mellan den
