#ifndef WINNOW_BUILD_INFO_H
#define WINNOW_BUILD_INFO_H

/// The commit the binary was built from (WINNOW_COMMIT at build time), or "unknown".
const char *winnow_build_commit(void);

#endif
