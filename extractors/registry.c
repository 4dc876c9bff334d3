/*
 * registry.c — the one table of field types.
 *
 * Adding a field type: write extractors/NEWTYPE.c defining
 * `const ut_extractor ut_ex_newtype`, add it below, and put its rules in
 * rules/NEWTYPE.rules.  Nothing else in the engine changes.
 * Order matters only for document passes, which run top to bottom.
 */
#include <string.h>

#include "extractor.h"

extern const ut_extractor ut_ex_dnr, ut_ex_date, ut_ex_figure, ut_ex_party, ut_ex_person, ut_ex_org;

const ut_extractor *const ut_extractor_table[] = {
    &ut_ex_dnr,
    &ut_ex_date,
    &ut_ex_figure,
    &ut_ex_party,
    &ut_ex_person,
    &ut_ex_org,
    NULL,
};

const ut_extractor *ut_extractor_find(const char *type) {
    for (const ut_extractor *const *e = ut_extractor_table; *e; e++)
        if (!strcmp((*e)->type, type)) return *e;
    return NULL;
}

const char *const *ut_field_types(void) {
    static const char *types[sizeof ut_extractor_table / sizeof ut_extractor_table[0]];
    for (size_t i = 0; ut_extractor_table[i]; i++) types[i] = ut_extractor_table[i]->type;
    return types;
}
