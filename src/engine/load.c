/* load.c — a rule set ready to run (ut_ruleset_load of utdrag.h): the
 * rules stage parses and compiles the rule files with the registry's
 * field types (extractors/) handed in, then the engine builds the one
 * anchor database over all of them (scan.h). */
#include "engine/scan.h"
#include "extractor.h"

ut_ruleset *ut_ruleset_load(const char *dir, ut_error *err) {
    const ut_rule_plugins plugins = {.find_type = ut_extractor_find, .common = ut_common_normalizers};
    ut_ruleset *rs = ut_rules_parse(dir, &plugins, err);
    if (rs && ut_scan_db_build(rs, err)) {
        ut_rules_free(rs);
        return NULL;
    }
    return rs;
}

void ut_ruleset_free(ut_ruleset *rs) {
    if (!rs) return;
    ut_scan_db_free(rs->scan);
    rs->scan = NULL;
    ut_rules_free(rs);
}
