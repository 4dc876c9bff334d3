# Abbreviations of national and international bodies, upper case exactly
# (so that "do" or "eu" inside ordinary text never match).
@case-sensitive
EU = EU
SCB = SCB
DO = Diskrimineringsombudsmannen
JO = Justitieombudsmannen
JK = Justitiekanslern
UD = Utrikesdepartementet
SKR = SKR
SKL = SKL
FN = FN
# the European Community of acts before 2009 ("EG:s direktiv")
EG = EG
# the Riksdag in the registers of the two-chamber era ("RD anvisar")
RD = Riksdagen
OECD = OECD
IVO = IVO
MSB = MSB
CSN = CSN
UKÄ = UKÄ
SPSM = SPSM
# the supreme courts, as court decisions write them ("HD fastställer")
HD = Högsta domstolen
HFD = Högsta förvaltningsdomstolen
