/* document.c — the document stage; see document.h. */
#include "document.h"

const ut_key ut_document_facts[] = {
    {"kind", UT_KIND_TEXT, UT_KEY_CATEGORY}, /* interpellation, motion, svar på interpellation... */
    {"from", UT_KIND_TEXT, 0},               /* who asks (a person, or a party) */
    {"to", UT_KIND_TEXT, 0},                 /* who is asked */
    {"subject", UT_KIND_TEXT, 0},
    {"signed", UT_KIND_TEXT, 0}, /* the signers, "; "-separated */
    {NULL, 0, 0},
};
