/*
 * party.c — field type 'party' (GUIDE.md).  Placeholder: rules and normalizers
 * arrive with their issue; registered now so the table stays one place.
 */
#include "extractor.h"

static const ut_normalizer party_normalizers[] = {
    {NULL, NULL},
};

const ut_extractor ut_ex_party = {
    .type = "party",
    .group = "party",
    .normalizers = party_normalizers,
    .document_pass = NULL,
};
