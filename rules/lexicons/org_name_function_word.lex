# The small words of a body's name that its abbreviation skips
# ("Förenta nationernas organisation för utbildning" -> "Unesco" aside:
# "Myndigheten för samhällsskydd och beredskap" -> "MSB").  Read by
# extractors/org.c when it checks an abbreviation against its name.
# Exact: as written, no OCR readings.
@case-sensitive
@exact
och
för
for
i
av
på
om
and
of
the
de
du
la
&
