/* formats.c — the table of output formats: one line per format (its row,
 * struct ut_format_ops, is defined in the format's own file).  Adding a
 * format is a new file in src/write/ and a line here; the CLI's --format
 * and its usage text read the table. */
#include "write/writer.h"

#include <string.h>

static const ut_format_ops *const formats[] = {
    &ut_jsonl_format, &ut_json_format, &ut_csv_format, &ut_html_format, &ut_sqlite_format, &ut_xlsx_format,
};
#define NFORMATS (sizeof formats / sizeof *formats)

size_t ut_format_count(void) { return NFORMATS; }

const ut_format_info *ut_format_at(size_t i) { return i < NFORMATS ? &formats[i]->info : NULL; }

const ut_format_ops *ut_format_ops_find(const char *name) {
    for (size_t i = 0; i < NFORMATS; i++) {
        const ut_format_info *f = &formats[i]->info;
        if (!strcmp(name, f->name) || (f->alias && !strcmp(name, f->alias))) return formats[i];
    }
    return NULL;
}

const ut_format_info *ut_format_find(const char *name) {
    const ut_format_ops *o = name ? ut_format_ops_find(name) : NULL;
    return o ? &o->info : NULL;
}
