/*
 * person.c — field type 'person' (GUIDE.md).  Placeholder: rules and normalizers
 * arrive with their issue; registered now so the table stays one place.
 */
#include "extractor.h"

static const ut_normalizer person_normalizers[] = {
    {NULL, NULL},
};

const ut_extractor ut_ex_person = {
    .type = "person",
    .group = "name",
    .normalizers = person_normalizers,
    .document_pass = NULL,
};
