/*
 * registry.c — the one table of field types.
 *
 * Adding a field type: write extractors/NEWTYPE.c defining
 * `const ut_extractor ut_ex_newtype` (its normalizers, its typed keys, an
 * optional document pass), add it below, and put its rules in
 * rules/NEWTYPE.rules.  Nothing else changes: the writers' columns come
 * from the keys declared here (src/doc/schema.c).
 * Order matters for document passes, which run top to bottom, and is the
 * order of the xlsx sheets and of new CSV columns.
 */
#include <string.h>

#include "extractor.h"

extern const ut_extractor ut_ex_dnr, ut_ex_date, ut_ex_figure, ut_ex_party, ut_ex_person, ut_ex_org;

static const ut_extractor *table[UT_MAX_TYPES + 1] = {
    &ut_ex_dnr,
    &ut_ex_date,
    &ut_ex_figure,
    &ut_ex_party,
    &ut_ex_person,
    &ut_ex_org,
    NULL,
};
static const char *types[UT_MAX_TYPES + 1];
static unsigned generation;

const ut_extractor *const *ut_extractors(void) { return table; }

unsigned ut_extractor_generation(void) { return generation; }

const ut_extractor *ut_extractor_find(const char *type) {
    for (const ut_extractor *const *e = table; *e; e++)
        if (!strcmp((*e)->type, type)) return *e;
    return NULL;
}

int ut_extractor_register(const ut_extractor *e) {
    size_t n = 0;
    while (table[n]) n++;
    if (n == UT_MAX_TYPES || !e || !e->type || ut_extractor_find(e->type)) return -1;
    table[n] = e;
    table[n + 1] = NULL;
    generation++;
    return 0;
}

const char *const *ut_field_types(void) {
    size_t i = 0;
    for (; table[i]; i++) types[i] = table[i]->type;
    types[i] = NULL;
    return types;
}
