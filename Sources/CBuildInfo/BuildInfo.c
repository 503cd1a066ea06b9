#include "BuildInfo.h"

#ifndef WINNOW_COMMIT
#define WINNOW_COMMIT "unknown"
#endif

const char *winnow_build_commit(void) { return WINNOW_COMMIT; }
