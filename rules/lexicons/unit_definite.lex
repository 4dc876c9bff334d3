# Time units in the definite plural after a number ("de senaste 7 åren",
# "de första 3 månaderna"): the value is the indefinite unit, "7 år".
åren = år
månaderna = månader
veckorna = veckor
dagarna = dagar
timmarna = timmar
minuterna = minuter
