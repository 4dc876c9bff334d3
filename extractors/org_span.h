/*
 * org_span.h — where a compound body name starts, found from its head.
 *
 * Matching "Kommunstyrelsen" as [letters]{2,}(nämnden|styrelsen|...) made
 * the regex try every head at every letter of every word.  The rule
 * matches only the head instead ("styrelsen", with two letters before it)
 * and this walks back over the rest of the compound in C:
 *   "Kommun|styrelsen"                 -> "Kommunstyrelsen"
 *   "Bygg- och miljö|förvaltningen"    -> "Bygg- och miljöförvaltningen"
 *   "bevill- nings|utskottet"          -> the word broken over a line
 */
#ifndef UT_ORG_SPAN_H
#define UT_ORG_SPAN_H
#include <stddef.h>

/* Byte offset in s where the name whose head starts at `head` begins, or
 * (size_t)-1 when the compound is glued to something that is not a name
 * (a hyphen with no space: "Nacka-kommunstyrelsen" is not written). */
size_t org_compound_start(const char *s, size_t head);
#endif
