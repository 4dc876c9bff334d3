/*
 * figure.c — field type 'figure' (GUIDE.md).  Placeholder: rules and normalizers
 * arrive with their issue; registered now so the table stays one place.
 */
#include "extractor.h"

static const ut_normalizer figure_normalizers[] = {
    {NULL, NULL},
};

const ut_extractor ut_ex_figure = {
    .type = "figure",
    .group = "number",
    .normalizers = figure_normalizers,
    .document_pass = NULL,
};
