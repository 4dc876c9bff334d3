/*
 * org_link.h — one value for the several ways a document names one body.
 *
 * GUIDE.md counts a second spelling of the same body as a new value, so
 * after overlap resolution the org candidates of a document are linked:
 *   - spellings that fold to the same key (case, diacritics, a genitive -s
 *     on any word: "Forsgården Golfklubb" = "Forsgårdens Golfklubb");
 *   - a one-word short form and the full name it stands for: "Länsstyrelsen"
 *     -> "Länsstyrelsen i Hallands län", "Tingsrätten" -> "Varbergs
 *     tingsrätt", "arbetsutskottet" -> "Kommunstyrelsens arbetsutskott";
 *   - "Fisksätra skola" -> "Fisksätraskolan" when both are written;
 *   - a company named without its first word: "Padelcenter AB" ->
 *     "Hede Padelcenter AB";
 *   - a "för" name whose last word came out definite: "Förvaltningen för
 *     Förskola & Grundskolan" -> "... Grundskola" when the document has it.
 *   - an abbreviation and the name it was given with: "FN" -> "Förenta
 *     nationerna" when the document writes "Förenta nationerna (FN)";
 * A linked candidate takes the value of the first full mention.  A one-word
 * compound body the document also writes in the plural ("länsstyrelsen"
 * beside "länsstyrelser") is the generic noun and is dropped.
 */
#ifndef UT_ORG_LINK_H
#define UT_ORG_LINK_H
#include "extractor.h"

/* The org document pass: 0, or -1 on out of memory. */
int org_link_document(ut_docbuild *db);
#endif
