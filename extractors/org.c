/*
 * org.c — field type 'org' (GUIDE.md).  Placeholder: rules and normalizers
 * arrive with their issue; registered now so the table stays one place.
 */
#include "extractor.h"

static const ut_normalizer org_normalizers[] = {
    {NULL, NULL},
};

const ut_extractor ut_ex_org = {
    .type = "org",
    .group = "name",
    .normalizers = org_normalizers,
    .document_pass = NULL,
};
